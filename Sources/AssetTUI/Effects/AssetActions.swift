import AssetCore
import Foundation

/// What the TUI asks of the service layer. `ServiceActions` (in `ServiceActions.swift`)
/// serves it with the real `AssetService`; tests use a fake.
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
    /// Takes entries out of the local history; returns those that were there.
    func removeHistoryEntries(_ entryIds: Set<UUID>) throws -> [HistoryEntry]
}

