import AssetInspection

/// The one error type AssetCore throws: a one-line message a person can act on.
///
/// Messages never hold the API token. Text that came from outside (file names, server
/// messages, URLs) is passed through `SafeText.oneLine`, so a message is safe to print.
public struct AssetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// One line, says what went wrong and, where it can, what to do.
    public var message: String

    public init(_ message: String) {
        self.message = SafeText.oneLine(message)
    }

    public var description: String { message }
}
