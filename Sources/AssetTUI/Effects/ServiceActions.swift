import AssetCore
import Foundation
import AssetInspection
import AssetThumbnails
import MarketplaceAPI

/// `AssetService` as the TUI's `AssetActions`: the real inspection, uploads and history.
struct ServiceActions: AssetActions {
    let service: AssetService

    var imageTypeChoices: [ImageTypeChoice] {
        ImageType.suggestions.map { type in
            ImageTypeChoice(
                name: type.name, summary: type.summary,
                recommendedSize: type.listingSizes.isEmpty ? nil : type.listingSizes.map(\.text).joined(separator: " or "))
        }
    }

    func preview(path: String) throws -> FilePreview {
        let inspection = try service.inspect(path: path)
        // What Marketplace refuses an app for, the upload refuses before sending: the preview
        // says so as `inspect` does, and the marked-files list skips the jar.
        if let refusal = ArtifactRefusal(inspection) {
            throw AssetError(refusal.message(for: inspection, consequence: "it cannot be uploaded"))
        }
        let content: FilePreview.Content
        switch inspection.content {
        case .image(let info):
            var warnings: [String: String] = [:]
            for type in ImageType.suggestions {
                warnings[type.name] = ImageType.recommendationWarning(imageType: type.name, info: info)
            }
            content = .image(ImagePreview(
                format: info.format.rawValue.uppercased(), width: info.width, height: info.height,
                warningsByImageType: warnings, listing: ListingImageRules.verdicts(for: info), quarterTurned: info.isQuarterTurned))
        case .artifact(let descriptor):
            content = .artifact(descriptor.map {
                PluginPreview(details: ArtifactDetails(descriptor: $0), vendor: ArtifactFacts.vendor(of: $0))
            })
        }
        // A jar's preview also warns of what Marketplace will make of it (no Data Center
        // status, licensing off), which an upload itself does not repeat; an image's, of damage
        // past its header, as `upload-image` does.
        var warnings = inspection.warnings
        switch inspection.content {
        case .artifact(let descriptor?): warnings += descriptor.marketplaceFacts.warnings
        case .image: warnings += [ImageDamageCheck.warning(path: inspection.path) { OwnThread.isCancelled }].compactMap { $0 }
        case .artifact(nil): break
        }
        return FilePreview(
            path: inspection.path, fileName: SafeText.sanitize(inspection.fileName), size: inspection.size,
            contentType: inspection.contentType, content: content, warnings: warnings, identity: inspection.identity)
    }

    func uploadImage(
        path: String, imageType: String, createdAt: Date, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome {
        try await service.uploadImage(path: path, imageType: imageType, createdAt: createdAt) { progress($0) }
    }

    func uploadArtifact(path: String, createdAt: Date, uploadAgain: Bool, progress: @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome {
        let movedAsideBefore = service.history.movedAside.count
        var outcome = try await service.uploadArtifact(path: path, createdAt: createdAt, approve: { inspection in
            // `u` looked at the history as loaded, up to a second old: checked again as it goes.
            guard !uploadAgain, let (key, version) = PreviousUpload.identity(of: inspection) else { return }
            // A damaged history, moved aside as this upload began, held what `u` looked at.
            if let moved = service.history.movedAside.dropFirst(movedAsideBefore).last {
                throw AssetError("\(key) \(version) was not sent: whether this server has it was in the damaged history moved aside to "
                    + "\(SafeText.oneLine(moved)). Look for it there; if it is not there, u uploads it.")
            }
            if let previous = PreviousUpload.find(key: key, version: version, in: try service.entries(kind: .artifact), since: service.keepsUploadsSince) {
                throw AssetError("\(previous.fact()), recorded since u was pressed (another process): nothing was sent. u asks to upload it again.")
            }
        }) { progress($0) }
        if !uploadAgain, let warning = service.uploadedMeanwhile(outcome) { outcome.historyWarnings.append(warning) }
        return outcome
    }

    func fetchArtifact(uri: String, createdAt: Date) async throws -> UploadOutcome {
        try await service.fetchArtifact(uri: uri, createdAt: createdAt)
    }

    func refreshArtifact(id: String) async throws -> HistoryEntry {
        try await service.refreshArtifact(id: id, recordingNew: false).entry
    }

    func historyEntries() throws -> [HistoryEntry] {
        try service.entries()
    }

    func historyStamp() -> PathStamp? {
        service.history.stamp()
    }

    func takeHistoryWarnings() -> [String] {
        service.history.takeWarnings()
    }

    var historyPath: String { service.history.path }
    var serverURL: String { service.serverURL }

    func removeHistoryEntries(_ entryIds: Set<UUID>) throws -> [HistoryEntry] {
        try service.history.remove(entryIds: entryIds)
    }

    func restoreHistoryEntries(_ entries: [HistoryEntry], into historyPath: String) throws -> (restored: [HistoryEntry], warnings: [String]) {
        guard historyPath != service.history.path else { return (try service.history.restore(entries), []) }
        // The demo's history, say, when the removal came before a sign-in.
        let store = HistoryStore(path: historyPath)
        return (try store.restore(entries), store.takeWarnings())
    }
}
