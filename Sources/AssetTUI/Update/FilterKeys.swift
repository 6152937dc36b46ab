/// Keys while a filter is typed (`/` in Files or History).
enum FilterKeys {
    static func handleFiles(_ key: Key, state: inout AppState) -> [Effect] {
        var field = state.files.filter
        let height = state.layout.visibleRows(of: .files)
        switch field.apply(key) {
        case .edited:
            state.files.setFilter(field, height: height)
            Navigation.selectionMoved(.file, state: &state)
        case .submitted:
            state.files.isEditingFilter = false
        case .cancelled:
            state.files.isEditingFilter = false
            state.files.setFilter(TextField(), height: height)
        case .ignored:
            if ListKeys.move(key, cursor: &state.files.cursor, count: state.files.visible.count, height: height) {
                Navigation.selectionMoved(.file, state: &state)
            }
        }
        return []
    }

    static func handleHistory(_ key: Key, state: inout AppState) -> [Effect] {
        var field = state.history.filter
        let height = state.layout.visibleRows(of: .history)
        switch field.apply(key) {
        case .edited:
            state.history.setFilter(field, height: height)
            Navigation.selectionMoved(.history, state: &state)
        case .submitted:
            state.history.isEditingFilter = false
        case .cancelled:
            state.history.isEditingFilter = false
            state.history.setFilter(TextField(), height: height)
        case .ignored:
            if ListKeys.move(key, cursor: &state.history.cursor, count: state.history.visible.count, height: height) {
                Navigation.selectionMoved(.history, state: &state)
            }
        }
        return []
    }
}
