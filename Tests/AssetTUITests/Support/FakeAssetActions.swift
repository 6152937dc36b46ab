import AssetCore
import Foundation
import MarketplaceAPI
@testable import AssetTUI

/// An error with a message, as the service's errors are.
struct FakeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `AssetActions` whose every answer the test decides.
struct FakeAssetActions: AssetActions {
    var imageTypeChoices = Fixtures.imageTypeChoices
    var previewHandler: @Sendable (String) throws -> FilePreview = { throw FakeError("cannot read \($0)") }
    var uploadHandler: @Sendable (UploadRequest, @Sendable (UploadProgress) -> Void) async throws -> HistoryEntry = { _, _ in
        throw FakeError("uploads are off")
    }
    var refreshHandler: @Sendable (String) async throws -> HistoryEntry = { _ in throw FakeError("refresh is off") }
    var historyHandler: @Sendable () throws -> [HistoryEntry] = { [] }
    var removeHandler: @Sendable (Set<UUID>) throws -> [HistoryEntry] = { _ in throw FakeError("removal is off") }
    var historyPath = "/x/state/history.json"
    var serverURL = Fixtures.serverURL
    /// What the store of the history an undo writes did on its own, for every undo.
    var restoreWarnings: [String] = []
    var restoreHandler: @Sendable ([HistoryEntry], String) throws -> [HistoryEntry] = { _, _ in throw FakeError("restoring is off") }
    /// What the history store says it did on its own; called once per `takeHistoryWarnings`.
    var historyWarningsHandler: @Sendable () -> [String] = { [] }
    /// Why an upload's entry was not saved (`UploadOutcome.unrecordedReason`), for every upload.
    var unrecordedReason: String?

    func preview(path: String) throws -> FilePreview { try previewHandler(path) }

    /// Told each upload's request and the time its entry is made at.
    var createdAtHandler: @Sendable (UploadRequest, Date) -> Void = { _, _ in }
    /// The history file's stamp, as the test changes it.
    var stampHandler: @Sendable () -> PathStamp? = { nil }

    func uploadImage(
        path: String, imageType: String, createdAt: Date, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome {
        try await upload(.image(path: path, fileName: (path as NSString).lastPathComponent, imageType: imageType), createdAt, progress)
    }

    func uploadArtifact(path: String, createdAt: Date, uploadAgain: Bool, progress: @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome {
        try await upload(.artifact(path: path, fileName: (path as NSString).lastPathComponent, uploadAgain: uploadAgain), createdAt, progress)
    }

    func fetchArtifact(uri: String, createdAt: Date) async throws -> UploadOutcome {
        try await upload(.fetch(uri: uri), createdAt, { _ in })
    }

    private func upload(
        _ request: UploadRequest, _ createdAt: Date, _ progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome {
        createdAtHandler(request, createdAt)
        return outcome(try await uploadHandler(request, progress))
    }

    func historyStamp() -> PathStamp? { stampHandler() }

    /// An upload's outcome, with the history warnings `historyWarningsHandler` has.
    private func outcome(_ entry: HistoryEntry) -> UploadOutcome {
        UploadOutcome(entry: entry, responseBody: [], historyWarnings: historyWarningsHandler(), unrecordedReason: unrecordedReason)
    }

    func refreshArtifact(id: String) async throws -> HistoryEntry { try await refreshHandler(id) }

    func historyEntries() throws -> [HistoryEntry] { try historyHandler() }

    func takeHistoryWarnings() -> [String] { historyWarningsHandler() }

    func removeHistoryEntries(_ entryIds: Set<UUID>) throws -> [HistoryEntry] { try removeHandler(entryIds) }

    func restoreHistoryEntries(_ entries: [HistoryEntry], into historyPath: String) throws -> (restored: [HistoryEntry], warnings: [String]) {
        (try restoreHandler(entries, historyPath), restoreWarnings)
    }

}

extension ActionInbox {
    /// Drains actions until `done` says the wanted ones have come, and returns all drained.
    /// Gives up (returning what came) after a generous 180 s, so a bug fails instead of hanging
    /// (a loaded machine took over 30 s to list and sort 100,000 entries).
    func collect(until done: ([Action]) -> Bool) async -> [Action] {
        var all: [Action] = []
        let deadline = ContinuousClock.now.advanced(by: .seconds(180))
        while !done(all), ContinuousClock.now < deadline {
            all += drain()
            if done(all) { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        // A sleep that overran the deadline (a starved machine) still takes what came meanwhile.
        if !done(all) { all += drain() }
        return all
    }
}
