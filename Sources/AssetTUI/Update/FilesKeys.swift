/// What the Files pane's keys do (bound in `KeyTable`).
enum FilesKeys {
    /// Folders up to this many entries are re-sorted at once; larger ones off the key loop.
    static let inlineSortLimit = 20_000

    /// Whether the footer offers the keys that act on the selected entry (not in an empty
    /// folder, nor when a filter hides every entry).
    static func hasSelection(_ state: AppState) -> Bool { state.files.selectedEntry != nil }

    /// Whether the footer offers `u`, which uploads the marks where there are any (marks are
    /// kept across folders, so an empty folder may have some).
    static func hasSelectionOrMarks(_ state: AppState) -> Bool { hasSelection(state) || !state.files.marks.isEmpty }

    /// Enter on a folder opens it; on a file it shows the file's details.
    static func openSelected(state: inout AppState) -> [Effect] {
        guard let entry = state.files.selectedEntry else { return [] }
        guard entry.isDirectory else {
            Navigation.focus(.details, state: &state)
            Navigation.showInDetails(.file, state: &state)
            return []
        }
        guard let path = entry.path else {
            state.status = .error("Cannot open \(entry.name): its name is not valid UTF-8")
            return []
        }
        return Navigation.open(directory: path, selecting: nil, state: &state)
    }

    /// The selected entry and its path, when it is a file whose name is valid UTF-8; else the
    /// status line says why there is none (`ifFolder` after a folder's name).
    static func selectedFile(verb: String, ifFolder: String, folderIsError: Bool = true, state: inout AppState) -> (DirectoryEntry, String)? {
        guard let entry = state.files.selectedEntry else {
            state.status = .info("No file selected")
            return nil
        }
        guard !entry.isDirectory else {
            let text = "\(entry.name) is a folder: \(ifFolder)"
            state.status = folderIsError ? .error(text) : .info(text)
            return nil
        }
        guard let path = entry.path else {
            state.status = .error("Cannot \(verb) \(entry.name): its name is not valid UTF-8; rename it first")
            return nil
        }
        return (entry, path)
    }

    /// `s`: name, size, modified, name, ...
    static func toggleSort(state: inout AppState) -> [Effect] {
        state.files.sort = state.files.sort.next
        state.status = .info("Sorted by \(state.files.sort.rawValue)")
        guard state.files.listing == .complete || state.files.listing == .sorting else {
            return []  // The listing in progress is sorted when it completes.
        }
        if state.files.entries.count <= inlineSortLimit {
            let sorted = state.files.sort.sorted(state.files.entries)
            state.files.replaceEntries(sorted, height: state.layout.visibleRows(of: .files))
            state.files.listing = .complete
            return []
        }
        state.files.listing = .sorting
        return [.sortEntries(generation: state.files.generation, sort: state.files.sort, entries: state.files.entries)]
    }

    /// `.`: shows or hides the hidden files.
    static func toggleHidden(state: inout AppState) -> [Effect] {
        state.files.setShowHidden(!state.files.showHidden, height: state.layout.visibleRows(of: .files))
        state.status = .info(state.files.showHidden ? "Showing hidden files" : "Hiding hidden files")
        return []
    }

    /// `R`: lists the folder again, keeping the selection.
    static func reload(state: inout AppState) -> [Effect] {
        state.status = reloading
        let effects = Navigation.open(directory: state.files.directory, selecting: state.files.selectedEntry?.name, state: &state)
        state.files.reloadGeneration = state.files.generation
        return effects
    }

    /// The status line while `R` reads the folder again; the listing then says it is done.
    static let reloading = StatusMessage.info("Reading the folder again…")
    /// How the status line starts once `R`'s listing is in: `Read the folder again: 8 entries shown`.
    static let reloadedStart = "Read the folder again: "

    /// Whether `status` is `R`'s, of the folder shown: stale once another is opened.
    static func isReloadMessage(_ status: StatusMessage?) -> Bool {
        status == reloading || status?.kind == .info && status?.text.hasPrefix(reloadedStart) == true
    }

    /// The keys that wait for a listing: those that act on the selected file or move it.
    static let keysThatWaitForTheListing: Set<Key> = Set(ListMove.stepKeys + ListMove.pageKeys + ListMove.endKeys
        + [.character(" "), .character("u"), .enter, .character("l"), .right])

    /// The keys that leave the listing (up a folder, quit, read it again, another pane, Esc):
    /// typed after keys that wait, they drop those, which were for this listing, and act at once.
    static let keysThatLeaveTheListing: Set<Key> = [.character("h"), .left, .backspace, .character("q"), .character("R"),
                                                    .tab, .backTab, .escape]

    /// Whether `key` waits for the folder being read (typed right after `Enter` into a folder,
    /// as lf and ranger let a person do): then it is kept, at most 64, and `replayKeysTypedWhileListing`
    /// runs it once the listing is complete. Once one key waits, those typed after it wait too,
    /// so that all run in the order typed (`Enter / s u b` opens, then filters: the filter is
    /// not typed into the folder being left), but for a key that leaves the listing.
    static func deferUntilListed(_ key: Key, state: inout AppState) -> Bool {
        guard state.files.listing != .complete, KeyScope.activeBelowAlways(in: state) == [.pane(.files), .everywhere] else { return false }
        if case .failed = state.files.listing { return false }
        let waiting = state.files.keysWhileListing
        if waiting.isEmpty {
            guard keysThatWaitForTheListing.contains(key) else { return false }
        } else if keysThatLeaveTheListing.contains(key), !endsInAFilter(waiting) {
            state.files.keysWhileListing.removeAll()
            return false
        }
        if state.files.keysWhileListing.count < 64 { state.files.keysWhileListing.append(key) }
        return true
    }

    /// Whether `keys` end inside a filter, a `/` with no Enter or Esc after it: what follows is its text.
    private static func endsInAFilter(_ keys: [Key]) -> Bool {
        guard let slash = keys.lastIndex(of: .character("/")) else { return false }
        return !keys[slash...].contains { $0 == .enter || $0 == .escape }
    }

    /// The keys typed while the folder was read, run in order now that it is listed (a folder a
    /// replayed `Enter` opens keeps the rest waiting); dropped when the listing failed.
    static func replayKeysTypedWhileListing(_ state: inout AppState) -> [Effect] {
        if case .failed = state.files.listing { state.files.keysWhileListing.removeAll() }
        var effects: [Effect] = []
        while state.files.listing == .complete, !state.files.keysWhileListing.isEmpty {
            effects += KeyRouter.handle(state.files.keysWhileListing.removeFirst(), state: &state)
        }
        return effects
    }
}
