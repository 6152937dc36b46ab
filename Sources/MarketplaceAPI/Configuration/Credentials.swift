import AssetInspection

/// The Atlassian account email and API token sent as HTTP Basic auth (`email:api_token`).
///
/// `description`, `debugDescription` and the reflection mirror never show the token, so a
/// `print`, a log line or a `dump` of a configuration cannot leak it.
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var email: String
    public var apiToken: String

    public init(email: String, apiToken: String) {
        self.email = email
        self.apiToken = apiToken
    }

    /// `Credentials(email: …, apiToken: <redacted>)`; the token is never shown.
    public var description: String {
        "Credentials(email: \(SafeText.oneLine(email, maxLength: 120)), apiToken: \(apiToken.isEmpty ? "<empty>" : "<redacted>"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["email": email, "apiToken": "<redacted>"], displayStyle: .struct)
    }
}
