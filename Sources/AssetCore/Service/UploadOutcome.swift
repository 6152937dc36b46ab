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
    /// What the history store did on the way (a damaged file moved aside: its `warnings`).
    public var historyWarnings: [String]
    /// Set when the server has the file but its entry could not be saved (a full disk, a
    /// folder made read-only meanwhile): `Done (ID …), but the history could not be saved: why`.
    /// The upload is then not in the history, and a command fails (exit status 1).
    public var unrecordedReason: String?

    public init(
        entry: HistoryEntry, responseBody: [UInt8], warnings: [String] = [], historyWarnings: [String] = [],
        unrecordedReason: String? = nil
    ) {
        self.entry = entry
        self.responseBody = responseBody
        self.warnings = warnings
        self.historyWarnings = historyWarnings
        self.unrecordedReason = unrecordedReason
    }

    /// Every warning, the file's first: what a command prints.
    public var allWarnings: [String] { warnings + historyWarnings }
}
