import AssetCore
import Foundation
import MarketplaceAPI

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
    /// An upload's entry is made at `createdAt`: the runner gives uploads started together
    /// times in the order they were started.
    func uploadImage(
        path: String, imageType: String, createdAt: Date, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome
    /// Unless `uploadAgain`, refuses as it is sent a jar whose key and version this server got
    /// meanwhile (another process recorded it), and warns of one recorded while it was sent.
    func uploadArtifact(path: String, createdAt: Date, uploadAgain: Bool, progress: @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome
    func fetchArtifact(uri: String, createdAt: Date) async throws -> UploadOutcome
    /// GETs an artifact's details again; returns the updated history entry. Throws when the
    /// history no longer holds the artifact (another process removed it): it is not added back.
    func refreshArtifact(id: String) async throws -> HistoryEntry
    /// The current server's history entries.
    func historyEntries() throws -> [HistoryEntry]
    /// The history file's stamp: when it changes, another process wrote the history.
    func historyStamp() -> PathStamp?
    /// What the history store did on its own since it was last asked (a damaged file moved
    /// aside as `.corrupt-<time>`), one line each; an upload's outcome carries its own.
    func takeHistoryWarnings() -> [String]
    /// The history file these actions write.
    var historyPath: String { get }
    /// The server whose entries of that file the History pane lists (normalized, as entries keep it).
    var serverURL: String { get }
    /// Takes entries out of the local history; returns those that were there.
    func removeHistoryEntries(_ entryIds: Set<UUID>) throws -> [HistoryEntry]
    /// Puts entries a removal returned back in the history file they came from (`u`, the undo
    /// of `d`); returns those put back (one the history holds again is left as it is), and what
    /// the store of another history than this session's did on its own (a damaged file moved aside).
    func restoreHistoryEntries(_ entries: [HistoryEntry], into historyPath: String) throws -> (restored: [HistoryEntry], warnings: [String])
}

