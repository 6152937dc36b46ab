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
            } else {
                builder.note(state.history.entries.isEmpty
                    ? "Nothing uploaded to this server yet. Select a file in Files and press u."
                    : "No entry selected.", tone: .muted)
            }
        case .upload:
            if let job = state.uploads.selectedJob {
                jobLines(job, state: state, into: &builder)
            } else {
                builder.note("No uploads yet. Select a file in Files and press u, or press f to fetch a URL.", tone: .muted)
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
            builder.heading("Folder \(entry.name)")
            builder.field("Modified", Formatting.dateTime(entry.modified, timeZone: timeZone))
            builder.note("Enter opens it.", tone: .muted)
            return
        case .other:
            builder.heading(entry.name)
            builder.note("Not a regular file (a FIFO, device, socket or broken link): it cannot be uploaded.", tone: .warning)
            return
        case .file:
            break
        }
        builder.heading("Preview of \(entry.name)")
        builder.field("Size", "\(Formatting.bytes(entry.size)) (\(Formatting.exactBytes(entry.size)))")
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
            previewLines(preview, fileName: entry.name, choices: state.imageTypeChoices, into: &builder)
        }
    }

    private static func previewLines(_ preview: FilePreview, fileName: String, choices: [ImageTypeChoice], into builder: inout DetailLineBuilder) {
        builder.field("Content type", preview.contentType)
        switch preview.content {
        case .image(let image):
            builder.field("Kind", "image")
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
            builder.note("u uploads it (you pick the imageType).", tone: .muted)
        case .artifact(let plugin):
            builder.field("Kind", "artifact")
            if let plugin {
                builder.field("Plugin key", plugin.key ?? "(none)")
                builder.field("Plugin name", plugin.name ?? "(none)")
                builder.field("Version", plugin.version ?? "(none)")
                if let vendor = plugin.vendorName { builder.field("Vendor", vendor) }
            } else {
                builder.field("Plugin", "no atlassian-plugin.xml descriptor found", tone: .muted)
            }
            builder.note("u uploads it as an artifact.", tone: .muted)
        }
        for warning in preview.warnings {
            builder.field("Warning", "⚠ \(warning)", tone: .warning)
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
        builder.heading("Upload of \(job.request.displayName)")
        switch job.request {
        case .image(let path, _, let imageType):
            builder.field("Kind", "image")
            builder.field("imageType", imageType)
            builder.field("File", path)
        case .artifact(let path, _):
            builder.field("Kind", "artifact")
            builder.field("File", path)
        case .fetch(let uri):
            builder.field("Kind", "artifact fetched by Marketplace")
            builder.field("URL", URLDisplay.withoutUserinfo(uri))
        }
        if job.attempt > 1 { builder.field("Attempt", "\(job.attempt)") }
        switch job.status {
        case .queued:
            builder.field("State", "queued", tone: .muted)
        case .running, .cancelling:
            builder.field("State", job.status == .running ? "uploading" : "cancelling…")
            if let progress = job.progress {
                builder.field("Sent", "\(Formatting.exactBytes(progress.sentBytes)) of \(Formatting.exactBytes(progress.totalBytes))")
            }
        case .failed(let message):
            builder.field("State", "failed", tone: .error)
            builder.field("Why", message, tone: .error)
            builder.note("r retries it.", tone: .muted)
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
        builder.heading("\(entry.kind == .image ? "Image" : "Artifact") \(entry.name)")
        builder.field("ID", entry.id ?? "(none: the upload failed)", tone: entry.id == nil ? .error : .plain)
        if let imageType = entry.imageType { builder.field("imageType", imageType) }
        if let size = entry.size { builder.field("Size", "\(Formatting.bytes(size)) (\(Formatting.exactBytes(size)))") }
        if let mimeType = entry.mimeType { builder.field("MIME type", mimeType) }
        builder.field("Uploaded", Formatting.dateTime(entry.createdAt, timeZone: timeZone, seconds: true))
        if let localPath = entry.localPath { builder.field("Local file", localPath) }
        if let remote = entry.remoteURI { builder.field("Fetched from", URLDisplay.withoutUserinfo(remote)) }
        if let failure = entry.failure { builder.field("Failure", failure, tone: .error) }
        if let checksum = entry.checksum { builder.field("Checksum", checksum) }
        if entry.kind == .artifact {
            switch entry.verified {
            case true?: builder.field("Verified", "yes: the server's SHA-512 matches the file sent", tone: .good)
            case false?: builder.field("Verified", "NO: the server's SHA-512 differs from the file sent", tone: .error)
            case nil: builder.field("Verified", "not compared", tone: .muted)
            }
        }
        builder.field("Server", entry.serverURL)
        if let image = entry.image { imageAnswerLines(image, into: &builder) }
        if let artifact = entry.artifact { artifactAnswerLines(artifact, serverURL: state.mode.serverURL, into: &builder) }
        refreshLines(entry, state: state, into: &builder)
    }

    private static func imageAnswerLines(_ image: ImageAsset, into builder: inout DetailLineBuilder) {
        builder.section("Server answer")
        builder.field("id", image.id)
        builder.field("mediaType", image.mediaType ?? "(absent)")
        builder.field("mimeType", image.mimeType ?? "(absent)")
        builder.field("name", image.name ?? "(absent)")
        builder.field("size", image.size.map { Formatting.exactBytes($0) } ?? "(absent)")
    }

    private static func artifactAnswerLines(_ artifact: Artifact, serverURL: String, into builder: inout DetailLineBuilder) {
        builder.section("fileInfo")
        builder.field("logicalFileName", artifact.fileInfo.logicalFileName)
        builder.field("size", Formatting.exactBytes(artifact.fileInfo.size))
        builder.field("checksum", artifact.fileInfo.checksum ?? "(absent)")
        builder.section("details")
        if let details = artifact.details {
            let fields: [(String, String?)] = [
                ("key", details.key), ("name", details.name), ("version", details.version),
                ("licensingEnabled", details.licensingEnabled.map(Formatting.yesNo)),
                ("dataCenterCompatible", details.dataCenterCompatible.map(Formatting.yesNo)),
                ("addOnType", details.addOnType),
                ("remotable", details.remotable.map(Formatting.yesNo)),
                ("dataCenterStatus", details.dataCenterStatus),
                ("editionsEnabled", details.editionsEnabled.map(Formatting.yesNo)),
            ]
            for (label, value) in fields { builder.field(label, value ?? "(absent)", tone: value == nil ? .muted : .plain) }
        } else {
            builder.note("The server sent no details.", tone: .muted)
        }
        builder.section("_links")
        builder.field("self", Copying.absolute(artifact.links.selfLink.href, serverURL: serverURL))
        if let binary = artifact.links.binary {
            builder.field("binary", Copying.absolute(binary.href, serverURL: serverURL))
        }
        if let remote = artifact.links.remote {
            builder.field("remote", URLDisplay.withoutUserinfo(remote.href))
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
            builder.field("Refreshed", Formatting.dateTime(refreshed, timeZone: state.timeZone, seconds: true))
        } else {
            builder.field("Refreshed", "never (R refreshes from the server)", tone: .muted)
        }
    }
}
