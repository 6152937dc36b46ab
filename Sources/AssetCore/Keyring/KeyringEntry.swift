import Foundation

/// One API token's place in a keyring: the account and the server it belongs to, so that
/// several accounts and servers can each keep their own token.
public struct KeyringEntry: Sendable, Equatable {
    /// The keyring's service name for every entry of this program.
    public static let service = "marketplace-assets"

    /// The Atlassian account's email.
    public var email: String
    /// The Marketplace API base URL, without a trailing `/`.
    public var server: String

    public init(email: String, server: String) {
        self.email = email
        self.server = ServerURL.normalized(server)
    }

    /// What a person sees in Seahorse (or another Secret Service browser).
    public var label: String {
        "Atlassian Marketplace API token for \(email) at \(server) (marketplace-assets)"
    }
}
