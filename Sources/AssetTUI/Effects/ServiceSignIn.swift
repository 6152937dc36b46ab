import AssetCore
import MarketplaceAPI

/// The TUI's sign-in on the real service layer: the check request of `CredentialCheck`, the
/// token stored by `CredentialStore` as `marketplace-assets login` stores it, then a new
/// `AssetService` on that account and server, with the real history file (the demo's stays
/// apart). The clients it opens are shut down by `close()` when the TUI ends.
final class ServiceSignIn: SignInActions {
    let configuration: SignInConfiguration
    private let clients = LockedValue<[MarketplaceClient]>([])

    init(_ configuration: SignInConfiguration) {
        self.configuration = configuration
    }

    func signIn(_ request: SignInRequest) async -> (SignInOutcome, (any AssetActions)?) {
        let server = ServerURL.normalized(request.server)
        let email = request.credentials.email
        let verdict = await CredentialCheck.run(request.credentials, baseURL: server, idleTimeout: configuration.idleTimeout)
        if let refusal = verdict.refusal(server: server) {
            if case .rejected = verdict { return (.rejected(refusal), nil) }
            return (.failed(refusal), nil)
        }
        guard !Task.isCancelled else { return (.failed("Sign-in cancelled: nothing was stored."), nil) }

        let store = configuration.store
        let storedIn: String
        do throws(AssetError) {
            if request.allowPlainText {
                // What became of another account's token is said with where this one went.
                let replaced = try store.saveInConfigFile(request.credentials, server: server)
                storedIn = "\(store.configFile) (plain text, mode 0600)" + (replaced.map { "; " + $0 } ?? "")
            } else {
                switch try store.saveInKeyring(request.credentials, server: server) {
                case .stored(let keyring, let otherToken):
                    storedIn = keyring + (otherToken.map { "; " + $0 } ?? "")
                case .unavailable(let reason):
                    let replacing = store.tokenReplacedInConfigFile(by: request.credentials, server: server)
                    return (.needsPlainTextConsent(reason: reason, configFile: store.configFile, replacing: replacing), nil)
                case .locked(let reason):
                    return (.failed(reason.prefix(1).uppercased() + reason.dropFirst() + ". Nothing was stored."), nil)
                }
            }
        } catch {
            return (.failed("\(error.message) Nothing was stored."), nil)
        }

        let client: MarketplaceClient
        do {
            var clientConfiguration = ClientConfiguration(baseURL: server, credentials: request.credentials)
            configuration.idleTimeout.map { clientConfiguration.setIdleTimeout($0) }
            client = try MarketplaceClient(configuration: clientConfiguration)
        } catch {
            return (.failed(error.message), nil)
        }
        clients.withLock { $0.append(client) }
        let service = AssetService(client: client, history: HistoryStore(path: configuration.historyPath), serverURL: server)
        return (.signedIn(email: email, serverURL: server, storedIn: storedIn, historyPath: configuration.historyPath,
                          variablesFirst: configuration.variablesFirst),
                ServiceActions(service: service))
    }

    /// Shuts down the clients of the sessions it opened.
    func close() async {
        for client in clients.withLock({ $0 }) { try? await client.shutdown() }
    }
}

/// What the TUI needs to sign in: where tokens go, the history file of real sessions, and
/// what the form starts with.
public struct SignInConfiguration: Sendable {
    /// The keyring and the config file, as `login` uses them.
    public var store: CredentialStore
    /// The history file a signed-in session writes (never the demo's).
    public var historyPath: String
    /// The server the form suggests.
    public var server: String
    /// The account the form suggests, if one is configured.
    public var email: String?
    /// `--timeout` (or the config file's), for the check and the session signed in.
    public var idleTimeout: Duration?
    /// The variables set that other commands take before what a sign-in stores
    /// (`MARKETPLACE_EMAIL` and `MARKETPLACE_API_TOKEN`, `MARKETPLACE_BASE_URL`): the TUI says so.
    public var variablesFirst: [String]

    public init(store: CredentialStore, historyPath: String, server: String, email: String?, idleTimeout: Duration? = nil,
                variablesFirst: [String] = []) {
        self.store = store
        self.historyPath = historyPath
        self.server = server
        self.email = email
        self.idleTimeout = idleTimeout
        self.variablesFirst = variablesFirst
    }
}
