/// The Files pane: one folder's entries, how they are sorted and filtered, and the selection.
///
/// `entries` holds the whole folder; `visible` holds the indices of the entries shown
/// (hidden files and the filter applied), so the pane draws only the rows in view and a
/// filter that grows by a character narrows the previous matches instead of starting over.
struct FilesState: Sendable, Equatable {
    /// How far listing the folder has come.
    enum Listing: Sendable, Equatable {
        /// Entries are arriving; `count` so far.
        case loading(count: Int)
        case complete
        /// The folder could not be read; the message says why.
        case failed(String)
        /// The entries are being re-sorted off the key loop (a very large folder).
        case sorting
    }

    var directory: String
    private(set) var entries: [DirectoryEntry] = []
    /// Indices into `entries` of the rows shown, in order.
    private(set) var visible: [Int] = []
    var cursor = ListCursor()
    var sort: FileSort = .name
    private(set) var showHidden = false
    /// What the status line was told of the last folder that could not be listed (a folder
    /// that lists fine takes it off).
    var listingFailure: String?
    /// The filter being typed or in force (`/`).
    private(set) var filter = TextField()
    /// Whether keys go to the filter field.
    var isEditingFilter = false
    var listing: Listing = .loading(count: 0)
    /// Keys that act on the selection (move, mark, open, upload), typed while the folder is
    /// still being read: they act once the listing is complete, on the files as sorted, rather
    /// than on none or on a provisional order (`FilesKeys.deferUntilListed`).
    var keysWhileListing: [Key] = []
    /// Identifies the current listing, so that late results of an older one are ignored.
    var generation = 0
    /// The listing `R` started, which says when it is done.
    var reloadGeneration: Int?
    /// The entry to select once the listing is complete (the folder just left, when going up),
    /// or once the folder is back (`dropEntries`).
    var selectAfterListing: String?
    /// The marked files (`Space`), by path: they survive the filter, the sort, a reload and
    /// a change of folder, so that files of several folders go in one batch (`u`).
    var marks = Marks<ExactPath>()
    /// The folded filter that `visible` reflects, and its words.
    private var appliedFilterKey = "" {
        didSet { appliedFilterWords = appliedFilterKey.split(separator: " ") }
    }
    private var appliedFilterWords: [Substring] = []

    init(directory: String) {
        self.directory = directory
    }

    var selectedEntry: DirectoryEntry? {
        visible.indices.contains(cursor.selection) ? entries[visible[cursor.selection]] : nil
    }

    var filterText: String { filter.text }

    // MARK: Changing the entries

    /// Starts over for a new listing of `directory`. A filter belongs to the folder it was
    /// typed in: it stays for a reload, and goes when another folder opens.
    mutating func beginListing(of directory: String, generation: Int, selecting name: String?) {
        if directory != self.directory {
            filter = TextField()
            appliedFilterKey = ""
            isEditingFilter = false
        }
        self.directory = directory
        self.generation = generation
        entries = []
        visible = []
        cursor = ListCursor()
        listing = .loading(count: 0)
        selectAfterListing = name
    }

    /// Adds entries that arrived while listing (shown as they come, sorted when complete).
    mutating func append(_ chunk: [DirectoryEntry]) {
        let start = entries.count
        entries.append(contentsOf: chunk)
        for index in start..<entries.count where isShown(entries[index]) {
            visible.append(index)
        }
    }

    /// Takes a complete listing: selects `selectAfterListing` (the folder just left, or what
    /// the user moved to while entries were arriving), else the first row.
    mutating func completeListing(_ newEntries: [DirectoryEntry], height: Int) {
        entries = newEntries
        rebuildVisible()
        let row = selectAfterListing.flatMap { name in visible.firstIndex { entries[$0].name == name } } ?? 0
        cursor = ListCursor()
        cursor.select(row, count: visible.count, height: height)
        selectAfterListing = nil
    }

    /// Replaces all entries (re-sorted), keeping the selected entry selected; when it is gone
    /// (removed by a build), the one now in its row, its neighbour, as lf and yazi do.
    mutating func replaceEntries(_ newEntries: [DirectoryEntry], height: Int) {
        let selectedName = selectedEntry?.name ?? selectAfterListing
        selectAfterListing = nil
        let (oldEntries, oldVisible, oldRow) = (entries, visible, cursor.selection)  // (copies only if changed)
        entries = newEntries
        rebuildVisible()
        guard let selectedName, !visible.contains(where: { entries[$0].name == selectedName }) else {
            return reselect(selectedName, height: height)
        }
        let rows = Dictionary(visible.enumerated().map { (entries[$1].name, $0) }, uniquingKeysWith: { first, _ in first })
        let neighbour = oldVisible.dropFirst(oldRow + 1).lazy.compactMap { rows[oldEntries[$0].name] }.first
        reselect(nil, height: height, otherwise: neighbour ?? visible.count - 1)
    }

    /// Shows no entries, the folder being gone; the one selected is selected again when it is
    /// back (`replaceEntries`), as after a build's `rm -rf dist && mkdir dist`.
    mutating func dropEntries(height: Int) {
        let selectedName = selectedEntry?.name
        replaceEntries([], height: height)
        selectAfterListing = selectedName
    }

    // MARK: Hidden files and filter

    mutating func setShowHidden(_ show: Bool, height: Int) {
        let selectedName = selectedEntry?.name
        showHidden = show
        rebuildVisible()
        reselect(selectedName, height: height)
    }

    /// Sets the filter text: narrows the current matches when the text only grew, else starts over.
    mutating func setFilter(_ field: TextField, height: Int) {
        let selectedName = selectedEntry?.name
        filter = field
        let key = NameOrder.folded(field.text)
        if !appliedFilterKey.isEmpty || !key.isEmpty, key.hasPrefix(appliedFilterKey) {
            appliedFilterKey = key
            visible = visible.filter { Self.matches(entries[$0], appliedFilterWords) }
        } else {
            appliedFilterKey = key
            rebuildVisible()
        }
        reselect(selectedName, height: height)
    }

    private mutating func reselect(_ name: String?, height: Int, otherwise fallbackRow: Int = 0) {
        let row = name.flatMap { name in visible.firstIndex { entries[$0].name == name } } ?? fallbackRow
        cursor.select(row, count: visible.count, height: height)
    }

    private mutating func rebuildVisible() {
        visible = entries.indices.filter { isShown(entries[$0]) }
    }

    private func isShown(_ entry: DirectoryEntry) -> Bool {
        if !showHidden && entry.isHidden { return false }
        return Self.matches(entry, appliedFilterWords)
    }

    /// Whether the row, as shown, holds each of the filter's `words` (`NameOrder.words`): a folder shows a `/` after its name.
    private static func matches(_ entry: DirectoryEntry, _ words: [Substring]) -> Bool {
        words.allSatisfy { word in
            entry.searchKey.contains(word) || entry.isDirectory && word.contains("/") && (entry.searchKey + "/").contains(word)
        }
    }

    /// The entry shown at row `row`.
    func visibleEntry(_ row: Int) -> DirectoryEntry { entries[visible[row]] }
}
