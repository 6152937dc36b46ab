import AssetCore

/// Refuses, before a byte is sent, a plugin key and version the history says this server
/// already has, or that an earlier file of the same call has. Disabled by `--allow-duplicate`
/// (then the history is not read at all).
struct DuplicateCheck {
    let service: AssetService
    let enabled: Bool
    private var seen: [String: String] = [:]

    init(service: AssetService, enabled: Bool) {
        self.service = service
        self.enabled = enabled
    }

    mutating func refuseEarlierUpload(of file: String) throws {
        guard enabled else { return }
        let inspection = try service.inspect(path: file)
        guard let (key, version) = PreviousUpload.identity(of: inspection) else { return }
        let identity = key + "\u{0}" + version
        if let earlierFile = seen[identity] {
            throw CLIError("\(key) \(version) is given twice in this call (also as \(earlierFile)). Give each build once, or add --allow-duplicate.")
        }
        seen[identity] = file
        // A history that cannot be read stops the upload here, as the service would: its entry would be lost.
        if let previous = try service.previousUpload(of: inspection) {
            throw CLIError("\(previous.fact). Raise <version> in atlassian-plugin.xml for a new build, or add --allow-duplicate to upload this one again.")
        }
    }
}
