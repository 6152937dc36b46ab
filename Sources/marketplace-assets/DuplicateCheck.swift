import AssetCore

/// Refuses, before a byte is sent, a plugin key and version the history says this server
/// already has, or that an earlier file of the same call has. Disabled by `--allow-duplicate`
/// (then the history is not read at all). A history that cannot be read does not stop the
/// upload: it is said once, as a warning.
struct DuplicateCheck {
    let service: AssetService
    let enabled: Bool
    private var seen: [String: String] = [:]
    private var warned = false

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
        let previous: PreviousUpload?
        do {
            previous = try service.previousUpload(of: inspection)
        } catch {
            if !warned {
                Console.error("warning: the history could not be read to check for an earlier upload of this version: " + error.message)
                warned = true
            }
            return
        }
        if let previous {
            throw CLIError("\(previous.fact). Raise <version> in atlassian-plugin.xml for a new build, or add --allow-duplicate to upload this one again.")
        }
    }
}
