/// What the History pane's keys do (bound in `KeyTable`).
enum HistoryKeys {
    /// `R`: refreshes the selected artifact and shows it in Details.
    static func refreshSelected(state: inout AppState) -> [Effect] {
        Navigation.showInDetails(.history, state: &state)
        return Refreshing.refresh(state.history.selectedEntry, state: &state)
    }

    /// Enter: shows the selected entry in Details.
    static func showDetails(state: inout AppState) -> [Effect] {
        if state.history.selectedEntry != nil {
            Navigation.focus(.details, state: &state)
            Navigation.showInDetails(.history, state: &state)
        }
        return []
    }
}
