import AssetCore
import Foundation

/// The History pane: the current server's entries, newest first, with an optional filter.
struct HistoryState: Sendable, Equatable {
    private(set) var entries: [HistoryEntry] = []
    /// Indices into `entries` of the rows shown.
    private(set) var visible: [Int] = []
    /// Each entry's `searchKey`, made once a filter needs them: a key typed then folds nothing (at
    /// 100,000 entries it folded 700,000 strings a key, 1.3–2.2 s in a debug build).
    private var searchKeys: [String]?
    /// The filter `visible` was made for, folded.
    private var appliedFilter = ""
    var cursor = ListCursor()
    private(set) var filter = TextField()
    var isEditingFilter = false
    /// Why the history could not be read, if it could not.
    var loadError: String?
    /// What the history store did on its own (a damaged file moved aside): the empty pane
    /// says it in full, where the status line may cut it.
    var notice: String?
    /// Whether the history has been read once; until then the pane says it is reading.
    var isLoaded = false
    /// Whether the first read has ended, read or failed: until then whether this server has a
    /// jar's key and version is not known, and an upload of one waits.
    var hasAnswered: Bool { isLoaded || loadError != nil }
    /// Entries `d` asked to remove: their going from the file is this session's doing, not
    /// another process's (which the status line tells of).
    var removing: Set<UUID> = []
    /// What this session's removals took out, oldest first, each in the order its question named
    /// them: `u` puts back the newest (for an image the history is the only place its ID is kept),
    /// and again the one before. An undo that failed goes back on top.
    var removals: [RemovedEntries] = []
    /// The status line's "waiting for the history" while another process holds its lock, and
    /// the message it replaced: the next read's result takes its place, or that message comes back.
    var lockWait: LockWait?
    /// The entry the status line says another process removed, and that message: should the
    /// entry come back (that process's `u`), the message goes.
    var leftHistory: Departure?

    struct Departure: Sendable, Equatable {
        var entryId: UUID
        var status: StatusMessage
    }

    struct LockWait: Sendable, Equatable {
        var status: StatusMessage
        var replaced: StatusMessage?
    }
    /// The marked entries (`Space`), by `entryId`: they survive the filter and a reload.
    var marks = Marks<UUID>()
    /// For a server that keeps uploads only while it runs (the demo's emulator): when it
    /// started. An earlier run's uploads are not on it.
    var uploadsKeptSince: Date?

    var selectedEntry: HistoryEntry? {
        visible.indices.contains(cursor.selection) ? entries[visible[cursor.selection]] : nil
    }

    func visibleEntry(_ row: Int) -> HistoryEntry { entries[visible[row]] }

    /// The marked entries still in the history, oldest first (the order `history --snippet`
    /// gives, so screenshots uploaded together keep their order).
    var markedEntries: [HistoryEntry] {
        guard !marks.isEmpty else { return [] }
        return Array(entries.filter { marks.contains($0.entryId) }.reversed())
    }

    /// Replaces the entries (sorted newest first here), keeping the selected entry selected; one
    /// gone (removed by another process) leaves the selection on the entry that followed it, not
    /// on its row, which entries added at the top meanwhile give to another.
    /// `followingNewest`: a selection at rest on the newest entry, the top in view, moves to the
    /// newest of those that arrive, as a log viewer follows its end (else uploads made meanwhile
    /// went on arriving above the view once they filled a pane). Not while Details shows the
    /// selected entry: it would change under the reader (and `y` copy another ID).
    mutating func replaceEntries(_ newEntries: [HistoryEntry], height: Int, followingNewest: Bool = false) {
        let following = followingNewest && cursor.selection == 0 && cursor.scrollTop == 0
        let selectedId = following ? nil : selectedEntry?.entryId
        let followingIds = visible.dropFirst(cursor.selection + 1).prefix(50).map { entries[$0].entryId }
        let showedTheTop = cursor.scrollTop == 0
        // The service gives them newest first already: then they are taken as they are,
        // not copied (100,000 entries hold over a million strings).
        var sorted = newEntries
        if !sorted.isNewestFirst { sorted.sort { $0.createdAt > $1.createdAt } }
        entries = sorted
        searchKeys = nil
        rebuildVisible()
        if let selectedId, let row = visible.firstIndex(where: { entries[$0].entryId == selectedId }) {
            cursor.select(row, count: visible.count, height: height)
        } else if selectedId != nil, let row = Self.row(ofFirstOf: followingIds, in: visible, entries: entries) {
            cursor.select(row, count: visible.count, height: height)
        } else {
            cursor.clamp(count: visible.count, height: height)
        }
        // New entries arrive at the top: a pane that showed the top keeps showing it.
        if showedTheTop, cursor.selection < max(1, height) { cursor.scrollTop = 0 }
        // Marks of entries gone (removed by another process, a damaged file moved aside) go too.
        if !marks.isEmpty {
            let ids = Set(entries.map(\.entryId))
            marks.keep { ids.contains($0) }
        }
    }

    /// The row of the first of `ids` that `visible` shows.
    private static func row(ofFirstOf ids: some Sequence<UUID>, in visible: [Int], entries: [HistoryEntry]) -> Int? {
        let rows = Dictionary(visible.enumerated().map { (entries[$0.element].entryId, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return ids.lazy.compactMap { rows[$0] }.first
    }

    /// Puts a new or changed entry in its place (by `entryId`), newest first.
    mutating func upsert(_ entry: HistoryEntry, height: Int, followingNewest: Bool = false) {
        var all = entries
        if let index = all.firstIndex(where: { $0.entryId == entry.entryId }) {
            all[index] = entry
        } else {
            all.append(entry)
        }
        replaceEntries(all, height: height, followingNewest: followingNewest)
    }

    /// Filters the entries; the selected entry stays selected while the filter shows it (Esc
    /// clearing the filter goes back to it), as in Files.
    mutating func setFilter(_ field: TextField, height: Int) {
        let selectedId = selectedEntry?.entryId
        filter = field
        rebuildVisible(narrowing: true)
        let row = selectedId.flatMap { id in visible.firstIndex { entries[$0].entryId == id } } ?? 0
        cursor.select(row, count: visible.count, height: height)
    }

    var filterText: String { filter.text }

    /// `narrowing`: a filter that extends the one `visible` was made for (a key typed) looks
    /// only among the entries that one shows.
    private mutating func rebuildVisible(narrowing: Bool = false) {
        let folded = NameOrder.folded(filter.text)
        let words = folded.split(separator: " ")
        let candidates = narrowing && !appliedFilter.isEmpty && folded.hasPrefix(appliedFilter) ? visible : Array(entries.indices)
        appliedFilter = folded
        guard !words.isEmpty else { return visible = candidates }
        if searchKeys == nil { searchKeys = entries.map(Self.searchKey) }
        visible = searchKeys.map { keys in candidates.filter { Self.matches(keys[$0], words: words) } } ?? []
    }

    /// The ID as the History pane shows it, and its filter and status line name it: `failed`
    /// for an attempt that got none.
    static func shownID(_ entry: HistoryEntry) -> String { entry.id ?? "failed" }

    /// Whether each of a filter's `words` (`NameOrder.words`) is in one of an entry's kind,
    /// ID (`shownID`), name, imageType, failure, or an artifact's plugin key and version: `alpha 2.6`
    /// finds `com.acme.alpha` 2.6.0 (two apps' `app.jar` told apart), `image banner` the banners.
    static func matches(_ entry: HistoryEntry, words: [Substring]) -> Bool {
        matches(searchKey(entry), words: words)
    }

    private static func matches(_ searchKey: String, words: [Substring]) -> Bool {
        words.allSatisfy { searchKey.contains($0) }
    }

    /// What `matches` looks in: those fields folded (`NameOrder.folded`), one a line (no filter
    /// word holds a newline, so none matches across two).
    private static func searchKey(_ entry: HistoryEntry) -> String {
        let details = entry.artifact?.details
        return [entry.kind.rawValue, shownID(entry), entry.name, entry.imageType ?? "", entry.failure ?? "", details?.key ?? "", details?.version ?? ""]
            .map(NameOrder.folded).joined(separator: "\n")
    }
}
