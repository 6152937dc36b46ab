import AssetInspection

/// The one error type AssetCore throws: a one-line message a person can act on.
///
/// Messages never hold the API token. Text that came from outside (file names, server
/// messages, URLs) is passed through `SafeText.oneLine`, so a message is safe to print.
public struct AssetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// One line, says what went wrong and, where it can, what to do.
    public var message: String
    /// For an upload that failed: the notes on the file its outcome would have carried (an
    /// image not at its listing size), which a command prints before the error.
    public var warnings: [String] = []
    /// Marketplace refused the credentials (401) or the account (403): the next upload of a
    /// batch would be refused the same way.
    public var credentialsRefused = false
    /// The history file does not parse: a read leaves it, the next write moves it aside.
    public var historyDoesNotRead = false

    public init(_ message: String, warnings: [String] = [], credentialsRefused: Bool = false) {
        self.message = SafeText.oneLine(message)
        self.warnings = warnings
        self.credentialsRefused = credentialsRefused
    }

    public var description: String { message }

    /// Why a file queued after `refusedName` was not sent, once Marketplace refused that
    /// upload for its credentials or account (`credentialsRefused`): the CLI's batch and the
    /// TUI's queue say it in these words.
    public static func notStartedMessage(afterRefusalOf refusedName: String) -> String {
        "not started: Marketplace refused the credentials or the account for \(SafeText.oneLine(refusedName)) and would refuse this file too"
    }
}
