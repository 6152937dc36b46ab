import AssetCore

/// The sign-in overlay (`L`): the email, the API token (shown as dots) and the server, and
/// where the attempt stands. It does what `marketplace-assets login` does.
struct SignInForm: Sendable, Equatable, CustomReflectable {
    enum Field: Int, Sendable, CaseIterable {
        case email, token, server
    }

    /// Where the attempt stands.
    enum Phase: Sendable, Equatable {
        /// Typing.
        case editing
        /// The check request (and then storing the token) is running.
        case checking
        /// No keyring could take the token: asks before writing it to the config file.
        /// `replacing`: what becomes of a token the config file keeps for another account.
        case askingPlainText(reason: String, configFile: String, replacing: String? = nil)
    }

    var email: TextField
    /// The token as typed; never drawn, never in a description or a mirror.
    var token: TextField
    var server: TextField
    var focus: Field
    var phase: Phase = .editing
    /// Why the last attempt failed (rejected, no answer), shown under the fields.
    var problem: String?

    /// A form filled with what is known: the account named in the config file, if any,
    /// and the server. The cursor starts in the first empty field.
    init(defaults: SignInDefaults) {
        email = TextField(text: defaults.email ?? "", maxLength: 320)
        token = TextField(maxLength: SignInInput.maximumTokenLength)
        server = TextField(text: defaults.server, maxLength: 2048)
        focus = defaults.email == nil ? .email : .token
    }

    /// The field the cursor is in.
    var focusedField: TextField {
        get {
            switch focus {
            case .email: email
            case .token: token
            case .server: server
            }
        }
        set {
            switch focus {
            case .email: email = newValue
            case .token: token = newValue
            case .server: server = newValue
            }
        }
    }

    /// The token is left out, so that no dump of the state can show it.
    var customMirror: Mirror {
        Mirror(self, children: ["email": email.text, "token": "<redacted>", "server": server.text,
                                "focus": focus, "phase": phase, "problem": problem as Any], displayStyle: .struct)
    }
}

/// What the sign-in form starts with; `nil` in `AppState` when this session cannot sign in.
struct SignInDefaults: Sendable, Equatable {
    var email: String?
    var server: String
}
