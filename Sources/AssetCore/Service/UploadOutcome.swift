/// What an upload, fetch or refresh produced.
public struct UploadOutcome: Sendable {
    /// The history entry as recorded.
    public var entry: HistoryEntry
    /// The server's answer, exactly as received (JSON).
    public var responseBody: [UInt8]
    /// One-line notes on the file and the server's answer that did not stop the action: an
    /// extension that disagrees with the content, an image not at Marketplace's recommended
    /// size, a checksum the server did not report.
    public var warnings: [String]
    /// What happened to the local history on the way: a damaged file moved aside (the store's
    /// `warnings`), or the entry that could not be saved although the server has the file.
    public var historyWarnings: [String]

    public init(entry: HistoryEntry, responseBody: [UInt8], warnings: [String] = [], historyWarnings: [String] = []) {
        self.entry = entry
        self.responseBody = responseBody
        self.warnings = warnings
        self.historyWarnings = historyWarnings
    }

    /// Every warning, the file's first: what a command prints.
    public var allWarnings: [String] { warnings + historyWarnings }
}
