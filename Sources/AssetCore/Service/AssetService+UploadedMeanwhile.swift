import Foundation

extension AssetService {
    /// After `outcome`'s upload of a jar: the warning that another process (a second run of a
    /// release script, a TUI, the command line) recorded an upload of the same key and version
    /// meanwhile, each checked before the other's upload was recorded, so that Marketplace now
    /// has the build twice; `nil` when none did.
    public func uploadedMeanwhile(_ outcome: UploadOutcome) -> String? {
        guard let details = outcome.entry.artifact?.details, let key = details.key, let version = details.version,
              let entries = try? entries(kind: .artifact).filter({ $0.entryId != outcome.entry.entryId }),
              let other = PreviousUpload.find(key: key, version: version, in: entries, since: keepsUploadsSince)
        else { return nil }
        return "\(other.fact()); another run uploaded it while this one did, so Marketplace now has this build more than once: use one of the artifact IDs"
    }
}
