/// A place that keeps API tokens apart from any file of ours: the Secret Service, or an
/// in-memory store in tests.
///
/// Implementations never put a secret on a command line, in a log or in an error message.
public protocol SecretStore: Sendable {
    /// How messages name it: "the system keyring (Secret Service)".
    var name: String { get }
    /// The token stored for `entry`; `nil` when there is none.
    func token(for entry: KeyringEntry) throws(KeyringError) -> String?
    /// Stores `token` for `entry`, replacing an earlier one.
    func store(_ token: String, for entry: KeyringEntry) throws(KeyringError)
    /// Removes the token of `entry`; `true` when there was one.
    func removeToken(for entry: KeyringEntry) throws(KeyringError) -> Bool
    /// Every account and server it keeps a token for, locked ones too (the tokens are never
    /// returned), so that `auth status` and `logout` can name those the config file no longer does.
    func entries() throws(KeyringError) -> [KeyringEntry]
}

/// The system's keyring: the freedesktop Secret Service, through `secret-tool` (the package
/// builds on Linux only, so there is no Keychain code).
public enum SystemKeyring {
    public static func make(environment: [String: String]) -> any SecretStore {
        SecretServiceKeyring(environment: environment)
    }
}
