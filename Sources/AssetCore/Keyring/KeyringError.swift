/// Why a keyring could not be used: it is missing (no D-Bus session, no Secret Service, no
/// `secret-tool`), did not answer in time, or refused the request (a locked keyring whose
/// unlock was dismissed). The message is one line and never holds a secret.
public struct KeyringError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
