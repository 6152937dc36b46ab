/// Keys of the History pane.
enum HistoryKeys {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .history)
        if ListKeys.move(key, cursor: &state.history.cursor, count: state.history.visible.count, height: height) {
            Navigation.selectionMoved(.history, state: &state)
            return []
        }
        switch key {
        case .character("/"):
            state.history.isEditingFilter = true
        case .character("y"):
            return Copying.copyID(of: state.history.selectedEntry, state: &state)
        case .character("Y"):
            Copying.openMenu(for: state.history.selectedEntry, state: &state)
        case .character("R"):
            Navigation.showInDetails(.history, state: &state)
            return Refreshing.refresh(state.history.selectedEntry, state: &state)
        case .enter:
            if state.history.selectedEntry != nil {
                Navigation.focus(.details, state: &state)
                Navigation.showInDetails(.history, state: &state)
            }
        case .left, .character("h"):
            Navigation.focus(Navigation.paneToTheLeft(of: .history)!, state: &state)
        default:
            break
        }
        return []
    }
}
