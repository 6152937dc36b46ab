import AssetInspection

/// A one-line error for the user, printed as `error: …` on stderr, exit status 1 (64 for a
/// usage error).
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32
    init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }
    var description: String { message }
}
