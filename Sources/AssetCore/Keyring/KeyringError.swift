/// Why a keyring could not be used. `kind` separates what callers must treat apart:
/// - `unavailable`: there is no keyring to use (no D-Bus session, no Secret Service that
///   could be started, no `secret-tool`): `login` may fall back to the config file, and
///   `logout` has no keyring to remove a token from;
/// - `failed`: a Secret Service answered with an error (access denied, no collection to keep
///   items in): `login` may fall back as without one, but it may hold a token all the same,
///   which `logout` must not call absent;
/// - `locked`: a keyring runs but stays locked (no unlock prompt could be shown, it was
///   dismissed, or nobody answered in time): nothing may fall back to plain text, and no
///   token may be reported as absent, since the keyring may hold it;
/// - `interrupted`: the call was cancelled (Ctrl-C) and its helper killed: whatever it was
///   doing may or may not have happened, and nothing may go on as if it had failed.
///
/// The message is one line and never holds a secret.
public struct KeyringError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case unavailable, failed, locked, interrupted }

    public var message: String
    public var kind: Kind

    public init(_ message: String, kind: Kind = .unavailable) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }
}
