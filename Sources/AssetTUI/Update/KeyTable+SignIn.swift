/// The bindings of the sign-in overlay (`L`), and of its question whether the token may go
/// to the config file when no keyring can keep it.
extension KeyTable {
    static let signIn: [KeyBinding] = [
        KeyBinding(.overlay(.signIn), .keys([.tab, .backTab, .up, .down]), "Tab / Shift-Tab", "next / previous field (or ↓ ↑)",
                   footer: FooterHint(keys: "Tab", text: "next field", when: isEditing), SigningIn.moveField),
        KeyBinding(.overlay(.signIn), .typing, "typing", "email, token (not shown), server", SigningIn.edit),
        KeyBinding(.overlay(.signIn), .keys([.enter]), "Enter", "check, keep the token in keyring",
                   footer: FooterHint(keys: "Enter", text: "sign in", when: isEditing)) { _, state in SigningIn.submit(state: &state) },
        KeyBinding(.overlay(.signIn), .keys([.escape]), "Esc", "cancel: nothing is stored",
                   footer: FooterHint(keys: "Esc", text: "cancel")) { _, state in SigningIn.cancel(state: &state) },

        KeyBinding(.overlay(.signInPlainText), .keys([.character("y"), .character("Y")]), "y",
                   "keep the token in config.json",
                   footer: FooterHint(keys: "y", text: "store in config file")) { _, state in SigningIn.acceptPlainText(state: &state) },
        KeyBinding(.overlay(.signInPlainText), .keys([.character("n"), .character("N"), .escape]), "n / Esc", "store nothing",
                   footer: FooterHint(keys: "n", text: "store nothing")) { _, state in SigningIn.declinePlainText(state: &state) },
    ]

    /// Whether the form takes its fields' keys: not while the credentials are being checked.
    private static let isEditing: @Sendable (AppState) -> Bool = { state in
        if case .signIn(let form)? = state.overlay { return form.phase == .editing }
        return false
    }
}
