/// Sends a key to the first binding of `KeyTable` that takes it in the active scopes.
enum KeyRouter {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        guard let binding = binding(for: key, in: state) else {
            hintOtherPane(for: key, state: &state)
            return []
        }
        return binding.handler(key, &state)
    }

    /// A key another pane takes (`s` in History) says where it works, rather than nothing;
    /// an error or warning on the status line stays (it says what went wrong, the hint can wait).
    private static func hintOtherPane(for key: Key, state: inout AppState) {
        guard KeyScope.activeBelowAlways(in: state) == [.pane(state.focus), .everywhere], state.status?.isAlert != true else { return }
        let elsewhere = Pane.allCases.compactMap { pane in
            KeyTable.bindings.first { $0.scope == .pane(pane) && $0.pattern.matches(key) }.map { (pane, $0) }
        }
        guard let (pane, binding) = elsewhere.first else { return }
        if elsewhere.count == 1 {
            // The letter pressed, not the binding's other keys (`x`, not `x / Delete`: Delete is History's removal).
            let label = if case .character(let typed) = key, binding.label.contains(" / ") { String(typed) } else { binding.label }
            state.status = .info("In \(pane.title) (press \(pane.rawValue)), \(label): \(binding.help)")
        } else {
            let panes = elsewhere.map { "\($0.0.title) (press \($0.0.rawValue))" }
            state.status = .info("That key works in " + panes.dropLast().joined(separator: ", ") + " and \(panes.last!); ? lists the keys")
        }
    }

    /// The binding that takes `key` in `state`, if any.
    static func binding(for key: Key, in state: AppState) -> KeyBinding? {
        for scope in KeyScope.active(in: state) {
            if let binding = KeyTable.bindings.first(where: { $0.scope == scope && $0.pattern.matches(key) }) {
                return binding
            }
        }
        return nil
    }
}
