import AssetCore
import AssetInspection

/// Refuses, before a byte is sent, a plugin key and version the history says this server
/// already has, or that an earlier file of the same call has. Disabled by `--allow-duplicate`.
///
/// A batch checks every file before the first is sent (`check`), then each again
/// as it is sent (`checkWhenSending`): a jar replaced meanwhile is another build, and another
/// run of the same script may have uploaded the build in the meantime. A class, so that the
/// upload's closures share its record of the call.
final class DuplicateCheck {
    /// A jar whose key and version this server has, left out by `--skip-existing`: not sent,
    /// not recorded, no failure.
    struct AlreadyUploaded: Error {
        var previous: PreviousUpload

        /// `com.example.app 1.0.0 is already on this server: uploaded … as artifact … (app.jar)`.
        var reason: String { SafeText.oneLine(previous.fact()) }

        /// Its element of the `--json` output.
        func json(file: String) -> [String: String] {
            ["file": file, "skipped": reason, "artifactId": previous.entry.id ?? ""]
        }
    }

    let service: AssetService
    /// Not `--allow-duplicate`: the checks are made.
    let checksDuplicates: Bool
    /// `--skip-existing`: a build this server has is left out (`AlreadyUploaded`) rather than refused.
    let skipsExisting: Bool
    /// The call's files by plugin key and version.
    private var releases = ReleasesOfACall()
    private var artifactEntries: [HistoryEntry]?

    init(service: AssetService, checksDuplicates: Bool, skipsExisting: Bool = false) {
        self.service = service
        self.checksDuplicates = checksDuplicates
        self.skipsExisting = skipsExisting
    }

    /// Refuses `file` when its key and version are an earlier file's of the call, or this
    /// server's by the history; with `skipsExisting`, the latter throws `AlreadyUploaded` instead.
    /// - Parameter inspection: `file`'s, as `AssetService.inspectArtifact` made it.
    func check(of file: String, _ inspection: FileInspection) throws {
        guard checksDuplicates, let (key, version) = PreviousUpload.identity(of: inspection) else { return }
        if let earlierFile = releases.earlierFile(key: key, version: version, file: file) {
            // A side jar is checked after the main one (`UploadBatch.checkEveryFile`): leaving it out is the answer.
            let advice = Self.unfilled(key, version) ?? FileInspector.mavenSideJarClassifier(of: inspection.fileName).map {
                "It is Maven's \($0) jar, not the app Marketplace installs: leave it out."
            } ?? "Give each build once, or add --allow-duplicate."
            throw CLIError("\(key) \(version) is given twice in this call (also as \(earlierFile)). \(advice)")
        }
        // A history that cannot be read stops the upload here, as the service would: its entry would be lost.
        if artifactEntries == nil { artifactEntries = try service.entries(kind: .artifact) }
        // One damaged and moved aside in this call (before the first upload) held what this check
        // looks for, and the new one starts empty: whether this build is there cannot be told.
        if let moved = service.history.movedAside.last {
            let again = skipsExisting ? "run again to upload it" : "run again to upload it, or add --allow-duplicate"
            throw CLIError("\(key) \(version) was not sent: whether this server has it was in the damaged history moved aside to "
                + "\(SafeText.oneLine(moved)). Look for it there (grep for its key and version); if it is not there, \(again).")
        }
        if let previous = PreviousUpload.find(key: key, version: version, in: artifactEntries ?? [], since: service.keepsUploadsSince) {
            if skipsExisting { throw AlreadyUploaded(previous: previous) }
            throw CLIError("\(previous.fact()). " + (Self.unfilled(key, version)
                ?? "Raise <version> in atlassian-plugin.xml for a new build, add --skip-existing to leave it out "
                + "(a release run again after some files failed), or --allow-duplicate to upload this one again."))
        }
    }

    /// The advice for a key or version the build left as `${…}`: every jar of such a build
    /// has the same, so the build is what to mend, not the call.
    private static func unfilled(_ key: String, _ version: String) -> String? {
        guard [key, version].contains(where: PluginDescriptor.isUnfilled) else { return nil }
        return "The build did not fill in atlassian-plugin.xml's ${…} (Maven resource filtering off?): mend the build, then upload again."
    }

    /// The check made again as `file` is sent, against the history as it is now (this call's
    /// earlier uploads and other processes' are in it).
    func checkWhenSending(_ file: String, _ inspection: FileInspection) throws {
        guard checksDuplicates else { return }
        artifactEntries = nil
        try check(of: file, inspection)
    }

    /// After `outcome`'s upload: `AssetService.uploadedMeanwhile`, unless duplicates were allowed.
    func uploadedMeanwhile(_ outcome: UploadOutcome) -> String? {
        checksDuplicates ? service.uploadedMeanwhile(outcome) : nil
    }
}
