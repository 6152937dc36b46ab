import AssetCore
import MarketplaceAPI

/// The sign-in overlay (`L`): what its keys do (bound in `KeyTable+SignIn`), and how the
/// session changes when a sign-in ends. On success the Files pane stays where it is; the
/// header, the History pane (the real history, not the demo's) and the effects switch to
/// the account, without a restart.
enum SigningIn {
    /// `L`: opens the form, unless uploads still run (they belong to the session they started in).
    static func open(state: inout AppState) -> [Effect] {
        guard let defaults = state.signInDefaults else {
            state.status = .error("Signing in is not available in this session.")
            return []
        }
        guard state.uploads.activeCount == 0 else {
            state.status = .error("Sign in when the uploads have ended (x in Upload cancels one).")
            return []
        }
        var form = SignInForm(defaults: defaults)
        if case .account(let email, let serverURL) = state.mode {
            form.email = TextField(text: email, maxLength: form.email.maxLength)
            form.server = TextField(text: serverURL, maxLength: form.server.maxLength)
            form.focus = .token
        }
        state.overlay = .signIn(form)
        return []
    }

    /// Typing and the caret's keys (`TextField.apply`): the field the cursor is in (not while checking).
    static func edit(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .signIn(var form) = state.overlay, form.phase == .editing else { return [] }
        // What was said about the fields goes once one of them is edited.
        switch form.focusedField.apply(key) {
        case .edited: form.problem = nil
        case .cut: form.problem = form.focusedField.cutNotice
        default: break
        }
        state.overlay = .signIn(form)
        return []
    }

    /// Tab, ↓ / Shift-Tab, ↑: the next / previous field.
    static func moveField(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .signIn(var form) = state.overlay, form.phase == .editing else { return [] }
        let step = (key == .backTab || key == .up) ? -1 : 1
        let count = SignInForm.Field.allCases.count
        form.focus = SignInForm.Field(rawValue: (form.focus.rawValue + step + count) % count) ?? .email
        state.overlay = .signIn(form)
        return []
    }

    /// Enter: signs in when every field is filled and sensible; otherwise says what is missing.
    static func submit(state: inout AppState) -> [Effect] {
        guard case .signIn(var form) = state.overlay, form.phase == .editing else { return [] }
        let credentials: Credentials
        do throws(AssetError) {
            credentials = Credentials(email: try SignInInput.email(form.email.text), apiToken: try SignInInput.token(form.token.text))
        } catch {
            form.problem = error.message
            form.focus = (try? SignInInput.email(form.email.text)) == nil ? .email : .token
            state.overlay = .signIn(form)
            return []
        }
        let server = form.server.text.trimmingCharacters(in: .whitespaces)
        guard !server.isEmpty else {
            form.problem = "The server is empty: e.g. \(ClientConfiguration.defaultBaseURL)."
            form.focus = .server
            state.overlay = .signIn(form)
            return []
        }
        form.phase = .checking
        form.problem = nil
        state.overlay = .signIn(form)
        return [.signIn(SignInRequest(credentials: credentials, server: server, allowPlainText: false))]
    }

    /// Esc: closes the form; a check still running is stopped, and nothing is stored.
    static func cancel(state: inout AppState) -> [Effect] {
        guard case .signIn(let form) = state.overlay else { return [] }
        state.overlay = nil
        // Signed in before, one still is.
        state.status = if case .account(let email, let serverURL) = state.mode {
            // What was not done last, after the URL a narrow status line cuts in its middle.
            .info("Sign-in cancelled: still signed in as \(email) at \(serverURL); nothing was stored.")
        } else {
            .info("Not signed in: nothing was stored.")
        }
        return form.phase == .checking ? [.cancelSignIn] : []
    }

    /// y: the token goes to the config file (mode 0600), as `login` does without a keyring.
    static func acceptPlainText(state: inout AppState) -> [Effect] {
        guard case .signIn(var form) = state.overlay, case .askingPlainText = form.phase else { return [] }
        form.phase = .checking
        state.overlay = .signIn(form)
        return [.signIn(SignInRequest(
            credentials: Credentials(email: form.email.text.trimmingCharacters(in: .whitespacesAndNewlines),
                                     apiToken: form.token.text.trimmingCharacters(in: .whitespacesAndNewlines)),
            server: form.server.text.trimmingCharacters(in: .whitespaces), allowPlainText: true))]
    }

    /// n / Esc: nothing is stored; back to the form.
    static func declinePlainText(state: inout AppState) -> [Effect] {
        guard case .signIn(var form) = state.overlay, case .askingPlainText = form.phase else { return [] }
        form.phase = .editing
        form.problem = "Nothing was stored: without a keyring the token can only go to the config file."
        state.overlay = .signIn(form)
        return []
    }

    /// A sign-in ended: switch to the account, or show why not in the form.
    static func finished(_ outcome: SignInOutcome, state: inout AppState) -> [Effect] {
        let formIsOpen: Bool
        if case .signIn = state.overlay { formIsOpen = true } else { formIsOpen = false }
        // The keyring answered: its notice (`Action.keyringWait`) is over.
        if state.status?.text.lowercased().hasPrefix(SecretServiceKeyring.waitNoticeStart) == true { state.status = nil }
        switch outcome {
        case .signedIn(let email, let serverURL, let storedIn, let historyPath, let variables):
            if formIsOpen { state.overlay = nil }
            // The demo's uploads and entries stay with the demo; an account's failed uploads
            // (a 401, "not started") stay for `r` to retry with the new sign-in.
            var retries = ""
            if case .demo = state.mode {
                let (nextJobId, maxConcurrent) = (state.uploads.nextJobId, state.uploads.maxConcurrent)
                state.uploads = UploadsState()
                (state.uploads.nextJobId, state.uploads.maxConcurrent) = (nextJobId, maxConcurrent)  // --max-uploads holds
                state.fetchExample = nil  // the demo emulator's sample link: no account's server fetches it
            } else if ServerURL.normalized(state.mode.serverURL) != ServerURL.normalized(serverURL),
                      state.uploads.jobs.contains(where: { if case .failed = $0.status { true } else { false } }) {
                retries = " · r in Upload retries a failed upload on this server, a all of them"
            }
            state.uploads.credentialsRefused = false
            state.mode = .account(email: email, serverURL: serverURL)
            state.signInDefaults = SignInDefaults(email: email, server: serverURL)
            // What `u` can put back stays: each removal goes back to the history it came from.
            let removals = state.history.removals
            state.history = HistoryState()
            state.history.removals = removals
            state.details = DetailsState()
            // Variables that sign in every other command (and the next start) come first: said first, as a warning.
            let said = variables.isEmpty
                ? "Signed in as \(email) at \(serverURL)\(retries) · token in \(storedIn) · history \(historyPath)"
                : "Signed in as \(email) · \(variables.joined(separator: ", ")), set in this shell, still come\(variables.count == 1 ? "s" : "") first "
                    + "(other commands, the next start): unset \(variables.count == 1 ? "it" : "them") · at \(serverURL)\(retries) · token in \(storedIn) · history \(historyPath)"
            state.status = variables.isEmpty ? .success(said) : .warning(said)
            return [.loadHistory]
        case .rejected(let message), .failed(let message):
            guard formIsOpen, case .signIn(var form) = state.overlay else {
                state.status = .error(message)
                return []
            }
            form.phase = .editing
            form.problem = message
            // A rejection is most often a wrong or expired token: the cursor waits there.
            if case .rejected = outcome { form.focus = .token }
            state.overlay = .signIn(form)
        case .needsPlainTextConsent(let reason, let configFile, let replacing):
            guard formIsOpen, case .signIn(var form) = state.overlay else { return [] }
            form.phase = .askingPlainText(reason: reason, configFile: configFile, replacing: replacing)
            state.overlay = .signIn(form)
        }
        return []
    }
}
