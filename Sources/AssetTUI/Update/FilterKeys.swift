/// A list that can be filtered as the user types: Files and History.
protocol FilterableList {
    var visible: [Int] { get }
    var cursor: ListCursor { get set }
    var filter: TextField { get }
    var isEditingFilter: Bool { get set }
    mutating func setFilter(_ field: TextField, height: Int)
}

extension FilesState: FilterableList {}
extension HistoryState: FilterableList {}

/// Keys while a filter is typed (`/` in Files or History).
enum FilterKeys {
    static func handleFiles(_ key: Key, state: inout AppState) -> [Effect] {
        handle(key, list: \.files, pane: .files, subject: .file, state: &state)
    }

    static func handleHistory(_ key: Key, state: inout AppState) -> [Effect] {
        handle(key, list: \.history, pane: .history, subject: .history, state: &state)
    }

    /// Typing edits the filter, Enter keeps it, Esc clears it; other keys move in the list.
    private static func handle<List: FilterableList>(
        _ key: Key, list: WritableKeyPath<AppState, List>, pane: Pane, subject: DetailsSubject, state: inout AppState
    ) -> [Effect] {
        var field = state[keyPath: list].filter
        let height = state.layout.visibleRows(of: pane)
        switch field.apply(key) {
        case .edited:
            state[keyPath: list].setFilter(field, height: height)
            Navigation.selectionMoved(subject, state: &state)
        case .submitted:
            state[keyPath: list].isEditingFilter = false
        case .cancelled:
            state[keyPath: list].isEditingFilter = false
            state[keyPath: list].setFilter(TextField(), height: height)
        case .ignored:
            let count = state[keyPath: list].visible.count
            if ListKeys.move(key, cursor: &state[keyPath: list].cursor, count: count, height: height) {
                Navigation.selectionMoved(subject, state: &state)
            }
        }
        return []
    }
}
