/// Keys of the Files pane.
enum FilesKeys {
    /// Folders up to this many entries are re-sorted at once; larger ones off the key loop.
    static let inlineSortLimit = 20_000

    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .files)
        if ListKeys.move(key, cursor: &state.files.cursor, count: state.files.visible.count, height: height) {
            if case .loading = state.files.listing {
                state.files.selectAfterListing = state.files.selectedEntry?.name
            }
            Navigation.selectionMoved(.file, state: &state)
            return []
        }
        switch key {
        case .enter, .right, .character("l"):
            return openSelected(state: &state)
        case .backspace, .left, .character("h"):
            return Navigation.goUp(state: &state)
        case .character("u"):
            return UploadStarting.uploadSelectedFile(state: &state)
        case .character("/"):
            state.files.isEditingFilter = true
        case .character("s"):
            return toggleSort(state: &state)
        case .character("."):
            state.files.setShowHidden(!state.files.showHidden, height: height)
            state.status = .info(state.files.showHidden ? "Showing hidden files" : "Hiding hidden files")
        case .character("R"):
            let name = state.files.selectedEntry?.name
            return Navigation.open(directory: state.files.directory, selecting: name, state: &state)
        default:
            break
        }
        return []
    }

    /// Enter on a folder opens it; on a file it shows the file's details.
    private static func openSelected(state: inout AppState) -> [Effect] {
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

    /// `s`: name, size, modified, name, ...
    private static func toggleSort(state: inout AppState) -> [Effect] {
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
}
