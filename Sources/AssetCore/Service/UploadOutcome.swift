/// What an upload, fetch or refresh produced.
public struct UploadOutcome: Sendable {
    /// The history entry as recorded.
    public var entry: HistoryEntry
    /// The server's answer, exactly as received (JSON).
    public var responseBody: [UInt8]
    /// One-line notes that did not stop the action: an extension that disagrees with the
    /// content, an image not at Marketplace's recommended size, a checksum the server did
    /// not report, a history that could not be saved.
    public var warnings: [String]

    public init(entry: HistoryEntry, responseBody: [UInt8], warnings: [String] = []) {
        self.entry = entry
        self.responseBody = responseBody
        self.warnings = warnings
    }
}
