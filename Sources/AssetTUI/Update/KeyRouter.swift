/// Sends a key to the first binding of `KeyTable` that takes it in the active scopes.
enum KeyRouter {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        guard let binding = binding(for: key, in: state) else { return [] }
        return binding.handler(key, &state)
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
