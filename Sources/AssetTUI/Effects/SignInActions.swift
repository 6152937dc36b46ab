import AssetCore
import MarketplaceAPI

/// What the TUI's sign-in asks for: check the credentials with the server, store the token
/// as `login` does, and open a session on that account (see `ServiceSignIn`); tests use a fake.
protocol SignInActions: Sendable {
    /// The outcome, and for a successful sign-in the actions of the new session.
    func signIn(_ request: SignInRequest) async -> (SignInOutcome, (any AssetActions)?)
}

/// One sign-in attempt. The token travels inside `Credentials`, whose description and
/// mirror never show it.
struct SignInRequest: Sendable, Equatable {
    var credentials: Credentials
    var server: String
    /// The user agreed to keep the token in the config file (no keyring could take it).
    var allowPlainText: Bool
}

/// How a sign-in attempt ended.
enum SignInOutcome: Sendable, Equatable {
    /// Checked and stored: the session now uses this account on this server.
    /// `variablesFirst`: the environment variables set that other commands take first (`MARKETPLACE_EMAIL`…).
    case signedIn(email: String, serverURL: String, storedIn: String, historyPath: String, variablesFirst: [String] = [])
    /// The server answered 401 or 403; nothing was stored.
    case rejected(String)
    /// No answer that tells, or the token could not be stored; nothing was stored.
    case failed(String)
    /// The server accepted the credentials but no keyring can keep the token: may it go to
    /// the config file?
    /// `replacing`: what becomes of a token the config file keeps for another account.
    case needsPlainTextConsent(reason: String, configFile: String, replacing: String? = nil)
}
