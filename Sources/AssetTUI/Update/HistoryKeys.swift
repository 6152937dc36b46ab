/// What the History pane's keys do (bound in `KeyTable`).
enum HistoryKeys {
    /// What a key that acts on the selected entry says when there is none (an empty pane, a
    /// filter that hides every entry); the footer does not offer those keys then.
    static let nothingSelected = "No history entry is selected."

    /// Whether the footer offers the keys that act on the selected entry.
    static func hasSelection(_ state: AppState) -> Bool { state.history.selectedEntry != nil }

    /// Whether the footer offers `Y` and `d`, which act on the marks where there are any (a filter
    /// may hide every one of them).
    static func hasSelectionOrMarks(_ state: AppState) -> Bool { hasSelection(state) || !state.history.marks.isEmpty }

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
