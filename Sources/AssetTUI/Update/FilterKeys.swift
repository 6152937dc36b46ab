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

/// What the keys do while a filter is typed (`/` in Files or History; bound in `KeyTable`).
enum FilterKeys {
    /// `/`: starts typing a filter in the focused pane.
    static func start(state: inout AppState) -> [Effect] {
        switch state.focus {
        case .files: state.files.isEditingFilter = true
        case .history: state.history.isEditingFilter = true
        case .upload, .details: break
        }
        return []
    }

    /// Typing: edits the filter; the list follows at once.
    static func edit(_ key: Key, state: inout AppState) -> [Effect] { change(.edit(key), state: &state) }

    /// Enter: keeps the filter and gives the keys back to the pane.
    static func keep(state: inout AppState) -> [Effect] { change(.keep, state: &state) }

    /// Esc: clears the filter.
    static func clear(state: inout AppState) -> [Effect] { change(.clear, state: &state) }

    /// The arrows still move in the filtered list.
    static func move(_ key: Key, state: inout AppState) -> [Effect] { change(.move(key), state: &state) }

    private enum Change {
        case edit(Key), keep, clear, move(Key)
    }

    private static func change(_ change: Change, state: inout AppState) -> [Effect] {
        switch state.focus {
        case .files: apply(change, to: \.files, subject: .file, state: &state)
        case .history: apply(change, to: \.history, subject: .history, state: &state)
        case .upload, .details: break
        }
        return []
    }

    /// Applies `change` to the list at `list`; Details follows the selection when it moved.
    private static func apply<List: FilterableList>(
        _ change: Change, to list: WritableKeyPath<AppState, List>, subject: DetailsSubject, state: inout AppState
    ) {
        let height = state.layout.visibleRows(of: state.focus)
        let moved: Bool
        switch change {
        case .edit(let key):
            var field = state[keyPath: list].filter
            if field.apply(key) == .cut { state.status = .warning(field.cutNotice) }
            state[keyPath: list].setFilter(field, height: height)
            moved = true
        case .keep:
            state[keyPath: list].isEditingFilter = false
            moved = false
        case .clear:
            state[keyPath: list].isEditingFilter = false
            state[keyPath: list].setFilter(TextField(), height: height)
            moved = true
        case .move(let key):
            let count = state[keyPath: list].visible.count
            moved = state[keyPath: list].cursor.apply(key, count: count, height: height)
        }
        if moved { Navigation.selectionMoved(subject, state: &state) }
    }
}
