import AssetInspection

/// A one-line error for the user, printed as `error: …` on stderr, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
