import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// What the Details pane says about its subject, as lines wrapped to the pane's width.
///
/// Built from the state alone, so `update` can count the lines to scroll and tests can read them.
enum DetailsContent {
    /// The width of the label column.
    static let labelWidth = 14

    /// The history entry Details is about: the selected History entry or finished upload.
    static func subjectEntry(_ state: AppState) -> HistoryEntry? {
        switch state.details.subject {
        case .history: state.history.selectedEntry
        case .upload: state.uploads.selectedJob?.entry
        case .file: nil
        }
    }

    static func lines(for state: AppState, width: Int) -> [DetailLine] {
        var builder = DetailLineBuilder(width: width, labelWidth: labelWidth)
        switch state.details.subject {
        case .file:
            fileLines(state, into: &builder)
        case .history:
            if let entry = state.history.selectedEntry {
                entryLines(entry, state: state, into: &builder)
            } else if state.history.entries.isEmpty, state.history.loadError != nil {
                // Not "nothing uploaded": History says why the file did not read.
                builder.note("The history could not be read: History (4) says why.", tone: .muted)
            } else {
                builder.note(state.history.entries.isEmpty
                    ? "Nothing uploaded to this server yet. Select a file in Files and press u."
                    : "No entry selected.", tone: .muted)
            }
        case .upload:
            if let job = state.uploads.selectedJob {
                jobLines(job, state: state, into: &builder)
            } else {
                builder.note(state.uploads.emptyHint, tone: .muted)
            }
        }
        return builder.lines
    }

    // MARK: Files

    private static func fileLines(_ state: AppState, into builder: inout DetailLineBuilder) {
        guard let entry = state.files.selectedEntry else {
            builder.note("No file selected.", tone: .muted)
            return
        }
        let timeZone = state.timeZone
        switch entry.kind {
        case .directory:
            builder.heading("Folder \(SafeText.sanitize(entry.name))")
            builder.field("Modified", Formatting.dateTime(entry.modified, timeZone: timeZone))
            // A name that is not UTF-8 names no path here (Swift reads it with U+FFFD).
            builder.note(entry.path == nil ? "Its name is not UTF-8, so it cannot be opened here: rename it, or reach it through a link." : "Enter opens it.",
                         tone: entry.path == nil ? .warning : .muted)
            return
        case .other:
            builder.heading(SafeText.sanitize(entry.name))
            if let path = entry.path, case .failed(let message)? = state.details.preview(for: path) {
                builder.field("Problem", message, tone: .error)
            } else {
                builder.note("Not a regular file: it cannot be uploaded.", tone: .warning)
            }
            return
        case .file:
            break
        }
        // One line, cut in the middle as Files cuts names (the version kept): a name wrapped
        // over lines pushed the image's fit out of view at 80×24. The whole name follows below.
        let name = SafeText.sanitize(entry.name)
        let shown = TextLayout.truncateMiddle(name, toWidth: max(12, builder.width - DisplayWidth.of("Preview of ")))
        builder.heading("Preview of \(shown)")
        // An image's fit for the listing, and what is wrong with the file, first: on a low screen
        // (80×24) they are what stays in view under the thumbnail, or above a jar's facts.
        // (The history is searched once a frame for an earlier upload of a jar's key and version.)
        var earlierUpload: String?
        if let path = entry.path, case .ready(let preview)? = state.details.preview(for: path) {
            switch preview.content {
            case .image(let image):
                listingFitLines(image, fileName: entry.name, choices: state.imageTypeChoices, into: &builder)
                warningLines(preview.warnings, into: &builder)
            case .artifact(let plugin):
                earlierUpload = state.earlierUpload(of: plugin)?.warning
                warningLines((earlierUpload.map { [$0] } ?? []) + preview.warnings, into: &builder)
            }
        }
        if shown != name { builder.field("Name", name) }
        builder.field("Size", "\(Formatting.bytes(entry.size)) (\(ByteCount.exact(entry.size)))")
        builder.field("Modified", Formatting.dateTime(entry.modified, timeZone: timeZone))
        guard let path = entry.path else {
            builder.note("Its name is not valid UTF-8: rename it to upload it.", tone: .error)
            return
        }
        switch state.details.preview(for: path) {
        case nil:
            builder.note("Reading the file…", tone: .muted)
        case .failed(let message):
            builder.field("Problem", message, tone: .error)
        case .ready(let preview):
            previewLines(preview, uploadedBefore: earlierUpload != nil, into: &builder)
        }
    }

    /// The `details` fields a jar's preview shows: what a vendor checks before a release.
    static let previewFields: [ArtifactFact.Field] = [.key, .name, .version, .dataCenterStatus, .licensingEnabled, .addOnType]

    /// An image's format, pixel size and how it fits the imageType its name suggests and the
    /// listing sizes: `DetailsThumbnail.factRows` counts them.
    private static func listingFitLines(_ image: ImagePreview, fileName: String, choices: [ImageTypeChoice], into builder: inout DetailLineBuilder) {
        builder.field("Format", image.format)
        builder.field("Pixels", "\(image.width) × \(image.height)")
        // A match shows in the listing size line below; only a miss needs its own line.
        if let guess = UploadStarting.guessedChoice(fileName: fileName, choices: choices),
           let warning = image.warningsByImageType[choices[guess].name] {
            builder.field("As \(choices[guess].name)", "⚠ \(warning)", tone: .warning)
        }
        for (index, verdict) in image.listing.enumerated() {
            builder.field(index == 0 ? "Listing size" : "", verdict.sentence, tone: Self.tone(verdict.outcome))
        }
    }

    private static func warningLines(_ warnings: [String], into builder: inout DetailLineBuilder) {
        for warning in warnings {
            builder.field("Warning", "⚠ \(warning)", tone: .warning)
        }
    }

    /// The rest of a file's preview; its warnings stand first, above.
    private static func previewLines(_ preview: FilePreview, uploadedBefore: Bool, into builder: inout DetailLineBuilder) {
        let note: String
        builder.field("Content type", preview.contentType)
        switch preview.content {
        case .image:
            builder.field("Kind", "image")
            note = "u uploads it (you pick the imageType)."
        case .artifact(let plugin):
            builder.field("Kind", "artifact")
            if let plugin {
                let absent = "none in atlassian-plugin.xml"
                let facts = ArtifactFacts.rows(plugin.details, absent: absent).filter { previewFields.contains($0.field) }
                factLines(facts, into: &builder)
                builder.field("Vendor", plugin.vendor ?? absent, tone: plugin.vendor == nil ? .muted : .plain)
            } else {
                // A jar without one is refused (the preview fails): this one's was not read.
                builder.field("Plugin", "its atlassian-plugin.xml was not read (see the warning); Marketplace reads it", tone: .muted)
            }
            note = uploadedBefore ? "u, then u again, uploads it as an artifact anyway." : "u uploads it as an artifact."
        }
        builder.note(note, tone: .muted)
    }

    /// Facts about an artifact's `details`, one field each, toned: the Data Center facts
    /// green when compatible, yellow when not, an absent field muted.
    private static func factLines(_ facts: [ArtifactFact], into builder: inout DetailLineBuilder) {
        for fact in facts {
            let tone: DetailLine.Tone = switch fact.tone {
            case .plain: .plain
            case .good: .good
            case .warning: .warning
            case .absent: .muted
            }
            builder.field(fact.label, fact.value, tone: tone)
        }
    }

    private static func tone(_ outcome: ListingImageRules.Verdict.Outcome) -> DetailLine.Tone {
        switch outcome {
        case .meets: .good
        case .wrongFormat: .warning
        case .misses: .muted
        }
    }

    // MARK: Uploads

    private static func jobLines(_ job: UploadJob, state: AppState, into builder: inout DetailLineBuilder) {
        if let entry = job.entry {
            entryLines(entry, state: state, into: &builder)
            return
        }
        builder.heading((job.isFetch ? "Fetch of " : "Upload of ") + job.request.displayName)
        switch job.request {
        case .image(let path, _, let imageType):
            builder.field("Kind", "image")
            builder.field("imageType", imageType)
            builder.field("File", path)
        case .artifact(let path, _, _):
            builder.field("Kind", "artifact")
            builder.field("File", path)
        case .fetch(let uri):
            builder.field("Kind", "artifact fetched by Marketplace")
            builder.field("URL", FetchURI.redacted(uri))
        }
        if job.attempt > 1 { builder.field("Attempt", "\(job.attempt)") }
        switch job.status {
        case .queued:
            builder.field("State", "queued", tone: .muted)
        case .running, .cancelling:
            builder.field("State", job.status == .cancelling ? "cancelling…" : job.isFetch ? "Marketplace is fetching it" : "uploading")
            if let progress = job.progress {
                builder.field("Sent", "\(ByteCount.exact(progress.sentBytes)) of \(ByteCount.exact(progress.totalBytes))")
            }
        case .failed(let message):
            builder.field("State", "failed", tone: .error)
            builder.field("Why", message, tone: .error)
            builder.note(TransportErrorClassifier.saysUploadMayExist(message) ? "r asks first (Marketplace may have it), then retries it." : "r retries it.", tone: .muted)
        case .cancelled:
            builder.field("State", "cancelled", tone: .muted)
            builder.note("r retries it.", tone: .muted)
        case .finished:
            break
        }
    }

    // MARK: History entries

    private static func entryLines(_ entry: HistoryEntry, state: AppState, into builder: inout DetailLineBuilder) {
        let timeZone = state.timeZone
        builder.heading("\(entry.kind == .image ? "Image" : "Artifact") \(SafeText.sanitize(entry.name))")
        builder.field("ID", entry.id ?? (entry.mayHaveBeenMade ? "(none known: Marketplace may have made it, as its failure says)" : "(none: the upload failed)"),
                      tone: entry.id == nil ? .error : .plain)
        if let artifact = entry.artifact {
            // What Marketplace read from the jar, first: what a vendor checks before a release.
            if let details = artifact.details {
                factLines(ArtifactFacts.rows(details), into: &builder)
            } else {
                builder.field("Details", ArtifactFacts.absentFromAnswer, tone: .muted)
            }
        }
        if let imageType = entry.imageType { builder.field("imageType", imageType) }
        if let size = entry.size { builder.field("Size", "\(Formatting.bytes(size)) (\(ByteCount.exact(size)))") }
        if let mimeType = entry.mimeType { builder.field("MIME type", mimeType) }
        builder.field(
            entry.lookedUp ? "Looked up" : !entry.succeeded ? "Failed" : entry.remoteURI != nil ? "Fetched" : "Uploaded",
            Formatting.dateTime(entry.createdAt, timeZone: timeZone, seconds: true), tone: entry.succeeded ? .plain : .error)
        // A name's newline shows as the lists show it, not as a space that names another file.
        if let localPath = entry.localPath { builder.field("Local file", SafeText.sanitize(localPath)) }
        if let remote = entry.remoteURI { builder.field("Fetched from", FetchURI.redacted(remote)) }
        if let failure = entry.failure { builder.field(entry.refreshFailed ? "Refresh failed" : "Failure", failure, tone: .error) }
        // The answer's fileInfo.checksum below says it when it is the same.
        if let checksum = entry.checksum, checksum != entry.artifact?.fileInfo.checksum { builder.field("Checksum", checksum) }
        if entry.kind == .artifact {
            switch entry.verified {
            case true?: builder.field("Verified", "yes: the server's SHA-512 matches the file sent", tone: .good)
            case false?: builder.field("Verified", "NO: the server's SHA-512 differs from the file sent", tone: .error)
            case nil: builder.field("Verified", "not compared", tone: .muted)
            }
        }
        builder.field("Server", entry.serverURL)
        if let image = entry.image { imageAnswerLines(image, into: &builder) }
        if let artifact = entry.artifact { artifactAnswerLines(artifact, serverURL: entry.serverURL, into: &builder) }
        refreshLines(entry, state: state, into: &builder)
    }

    private static func imageAnswerLines(_ image: ImageAsset, into builder: inout DetailLineBuilder) {
        builder.section("Server answer")
        builder.field("id", image.id)
        builder.field("mediaType", image.mediaType ?? "(absent)")
        builder.field("mimeType", image.mimeType ?? "(absent)")
        builder.field("name", image.name ?? "(absent)")
        builder.field("size", image.size.map { ByteCount.exact($0) } ?? "(absent)")
    }

    private static func artifactAnswerLines(_ artifact: Artifact, serverURL: String, into builder: inout DetailLineBuilder) {
        builder.section("fileInfo")
        builder.field("logicalFileName", artifact.fileInfo.logicalFileName)
        builder.field("size", ByteCount.exact(artifact.fileInfo.size))
        builder.field("checksum", artifact.fileInfo.checksum ?? "(absent)")
        builder.section("_links")
        builder.field("self", artifact.links.selfLink.absolute(baseURL: serverURL))
        if let binary = artifact.links.binary {
            builder.field("binary", binary.absolute(baseURL: serverURL))
        }
        if let remote = artifact.links.remote {
            builder.field("remote", FetchURI.redacted(remote.href))
        }
    }

    private static func refreshLines(_ entry: HistoryEntry, state: AppState, into builder: inout DetailLineBuilder) {
        guard entry.kind == .artifact, let id = entry.id else { return }
        builder.line(.blank)
        if state.details.refreshing.contains(id) {
            builder.field("Refresh", "refreshing…", tone: .muted)
        } else if let error = state.details.refreshErrors[id] {
            builder.field("Refresh", "failed: \(error)", tone: .error)
        }
        if let refreshed = entry.refreshedAt {
            // After a failed refresh, the time is of the last one that read the details, not of the failure.
            let time = Formatting.dateTime(refreshed, timeZone: state.timeZone, seconds: true)
            let laterFailed = entry.refreshFailed || entry.failure?.contains(AssetService.lastRefreshFailed) == true
            builder.field("Refreshed", laterFailed ? time + " (last read; a later refresh failed)" : time)
        } else {
            builder.field("Refreshed", "never (R refreshes from the server)", tone: .muted)
        }
    }
}
