/// Where a session's credentials came from, in the order they are looked for.
public enum CredentialsOrigin: Sendable, Equatable, CustomStringConvertible {
    /// `MARKETPLACE_EMAIL` and `MARKETPLACE_API_TOKEN`.
    case environment
    /// The token of the account on this server in a keyring; the payload is its name.
    case keyring(String)
    /// The config file's `apiToken`; the payload is the file's path.
    case configFile(String)

    /// `the environment (MARKETPLACE_EMAIL, MARKETPLACE_API_TOKEN)`, the keyring's name, or the file's path.
    public var description: String {
        switch self {
        case .environment: "the environment (\(Settings.emailVariable), \(Settings.apiTokenVariable))"
        case .keyring(let name): name
        case .configFile(let path): path
        }
    }
}
