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
        Self.labelStart + "\(email) at \(server)" + Self.labelEnd
    }

    private static let labelStart = "Atlassian Marketplace API token for ", labelEnd = " (marketplace-assets)"

    /// The entry a `label` names; `nil` for another label. (An email holds no space, so the
    /// first " at " ends it.)
    init?(label: some StringProtocol) {
        guard label.hasPrefix(Self.labelStart), label.hasSuffix(Self.labelEnd) else { return nil }
        let middle = label.dropFirst(Self.labelStart.count).dropLast(Self.labelEnd.count)
        guard let at = middle.range(of: " at ") else { return nil }
        self.init(email: String(middle[..<at.lowerBound]), server: String(middle[at.upperBound...]))
    }
}
