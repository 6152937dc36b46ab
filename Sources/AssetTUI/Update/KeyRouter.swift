/// Sends a key to whatever has it: an open overlay, a filter being typed, the global keys,
/// or the focused pane.
enum KeyRouter {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        if state.overlay != nil {
            return OverlayKeys.handle(key, state: &state)
        }
        if state.focus == .files && state.files.isEditingFilter {
            return FilterKeys.handleFiles(key, state: &state)
        }
        if state.focus == .history && state.history.isEditingFilter {
            return FilterKeys.handleHistory(key, state: &state)
        }
        if let effects = globalKey(key, state: &state) {
            return effects
        }
        switch state.focus {
        case .files: return FilesKeys.handle(key, state: &state)
        case .upload: return UploadKeys.handle(key, state: &state)
        case .details: return DetailsKeys.handle(key, state: &state)
        case .history: return HistoryKeys.handle(key, state: &state)
        }
    }

    /// Keys that mean the same in every pane; `nil` when `key` is not one of them.
    private static func globalKey(_ key: Key, state: inout AppState) -> [Effect]? {
        switch key {
        case .tab:
            Navigation.focus(state.focus.next, state: &state)
        case .backTab:
            Navigation.focus(state.focus.previous, state: &state)
        case .character(let character) where ("1"..."4").contains(character):
            Navigation.focus(Pane(rawValue: Int(String(character))!)!, state: &state)
        case .character("?"), .function(1):
            state.overlay = .help(scrollTop: 0)
        case .character("q"):
            return Quitting.ask(state: &state)
        case .character("f"):
            state.overlay = .urlPrompt(TextField())
        case .escape:
            Navigation.escape(state: &state)
        default:
            return nil
        }
        return []
    }
}
