import AssetCore
import AssetInspection

/// Refuses, before a byte is sent, a plugin key and version the history says this server
/// already has, or that an earlier file of the same call has. Disabled by `--allow-duplicate`.
/// The history is read once per call, for the first artifact whose descriptor names both.
struct DuplicateCheck {
    let service: AssetService
    let enabled: Bool
    private var seen: [String: String] = [:]
    private var artifactEntries: [HistoryEntry]?

    init(service: AssetService, enabled: Bool) {
        self.service = service
        self.enabled = enabled
    }

    /// - Parameter inspection: `file`'s, as `AssetService.inspectArtifact` made it.
    mutating func refuseEarlierUpload(of file: String, _ inspection: FileInspection) throws {
        guard enabled, let (key, version) = PreviousUpload.identity(of: inspection) else { return }
        let identity = key + "\u{0}" + version
        if let earlierFile = seen[identity] {
            throw CLIError("\(key) \(version) is given twice in this call (also as \(earlierFile)). Give each build once, or add --allow-duplicate.")
        }
        seen[identity] = file
        // A history that cannot be read stops the upload here, as the service would: its entry would be lost.
        if artifactEntries == nil { artifactEntries = try service.entries(kind: .artifact) }
        if let previous = PreviousUpload.find(key: key, version: version, in: artifactEntries ?? [], since: service.keepsUploadsSince) {
            throw CLIError("\(previous.fact()). Raise <version> in atlassian-plugin.xml for a new build, or add --allow-duplicate to upload this one again.")
        }
    }
}
