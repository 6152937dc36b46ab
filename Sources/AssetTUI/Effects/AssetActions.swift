import AssetCore
import AssetInspection

/// What the TUI asks of the service layer. `AssetService` conforms (see
/// `AssetService+AssetActions.swift`); tests use a fake.
///
/// Every method may be slow (file reads, network), so the `EffectRunner` calls them off the
/// key loop. Errors are shown by their `description`, one line.
protocol AssetActions: Sendable {
    /// The imageTypes the picker suggests.
    var imageTypeChoices: [ImageTypeChoice] { get }
    /// What a file is, for the Details preview.
    func preview(path: String) throws -> FilePreview
    func uploadImage(path: String, imageType: String, progress: @escaping @Sendable (TransferProgress) -> Void) async throws -> HistoryEntry
    func uploadArtifact(path: String, progress: @escaping @Sendable (TransferProgress) -> Void) async throws -> HistoryEntry
    func fetchArtifact(uri: String) async throws -> HistoryEntry
    /// GETs an artifact's details again; returns the updated history entry.
    func refreshArtifact(id: String) async throws -> HistoryEntry
    /// The current server's history entries.
    func historyEntries() throws -> [HistoryEntry]
}

/// An error as one safe line for the status line and the panes.
enum ErrorText {
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let line = SafeText.oneLine(text, maxLength: 300)
        return line.isEmpty ? "Unknown error" : line
    }
}
