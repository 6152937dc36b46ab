/// `Space` in Files and History: marks or unmarks the selected entry and moves down, as in
/// nnn, ranger and mc. Files are marked by path, history entries by `entryId`, so marks
/// survive the filter, the sort and a reload (bound in `KeyTable`).
enum Marking {
    /// Files: only files can be marked. A folder, anything else that is no regular file (a FIFO,
    /// a device, a broken link or a link loop), or a file whose name is not UTF-8, says so in
    /// the status line and is passed over, so that `Space` pressed on from the top marks the
    /// files below.
    static func toggleFile(state: inout AppState) -> [Effect] {
        // (A folder passed over, as `Space` pressed on from the top passes it: said, no error to clear.)
        guard let file = FilesKeys.selectedFile(verb: "mark", ifFolder: "only files can be marked", folderIsError: false, state: &state) else {
            return state.files.selectedEntry == nil ? [] : Navigation.move(.down, state: &state)
        }
        guard file.0.kind == .file else {
            state.status = .error("\(file.0.name) is no regular file (a FIFO, a device, a broken link or a link loop): only files can be marked")
            return Navigation.move(.down, state: &state)
        }
        state.files.marks.toggle(ExactPath(file.1))
        state.status = .info(summary(count: state.files.marks.count, then: "u uploads them", filtered: !state.files.filterText.isEmpty))
        return Navigation.move(.down, state: &state)
    }

    /// History: any entry can be marked; `Y` and `d` then work on the marks.
    static func toggleHistoryEntry(state: inout AppState) -> [Effect] {
        guard let entry = state.history.selectedEntry else {
            state.status = .info(HistoryKeys.nothingSelected)
            return []
        }
        state.history.marks.toggle(entry.entryId)
        state.status = .info(summary(count: state.history.marks.count, then: "Y copies their listing JSON, d removes them",
                                     filtered: !state.history.filterText.isEmpty))
        return Navigation.move(.down, state: &state)
    }

    /// Esc in Files or History, when no filter is left to clear: forgets the pane's marks.
    /// Returns whether there were any.
    static func clear(in pane: Pane, state: inout AppState) -> Bool {
        switch pane {
        case .files where !state.files.marks.isEmpty:
            state.files.marks.removeAll()
        case .history where !state.history.marks.isEmpty:
            state.history.marks.removeAll()
        default:
            return false
        }
        state.status = .info("Marks cleared")
        return true
    }

    /// With a filter in force, Esc clears the filter first (`clear` is asked only after it).
    private static func summary(count: Int, then hint: String, filtered: Bool) -> String {
        count == 0 ? "Nothing marked" : "\(count) marked · \(hint), Esc clears the \(filtered ? "filter, then the marks" : "marks")"
    }
}
