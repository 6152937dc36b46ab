import ArgumentParser
import AssetCore
import AssetInspection
import AssetThumbnails

/// `marketplace-assets upload-image FILE… --type TYPE [--json]`
///
/// One file prints what it always printed (the server's answer as one JSON object with
/// `--json`); several are an `UploadBatch`: a line per file, or one JSON array.
struct UploadImageCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "upload-image",
        abstract: "Upload listing images (png, jpg, gif, bmp) and print their image IDs.",
        discussion: "Suggested image types: "
            + ImageType.suggestions.map(\.name).joined(separator: ", ")
            + ". Any other value is passed on: the server is the judge. "
            + "Several files are each their own upload, all as the same imageType, in the order given; "
            + "every file is checked before the first is sent, and one refused file stops them all."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The image files.", valueName: "file"), completion: .file(), transform: DashNamedFiles.asGiven)
    var files: [String]

    @Option(name: [.customLong("type"), .customShort("t")], help: ArgumentHelp("The imageType, e.g. icon, banner, screenshot.", valueName: "imageType"),
            completion: .list(ImageType.suggestions.map(\.name)))
    var imageType: String

    @Flag(help: "Print the server's JSON answer on stdout (several files: an array of the answers with \"file\" and \"entryId\" added, a failed file as {\"file\", \"error\", \"kind\"}).")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Missing an image file: give the PNG, JPEG, GIF or BMP to upload, and --type.") }
        try DashNamedFiles.refuseEmpty(files)
        do { _ = try ImageType.validatedName(imageType) } catch { throw ValidationError(error.message) }
    }

    func run() async throws {
        Console.recordsUploads(listedBy: global.historyCommand)
        try await reportingErrors {
            // Once, before anything is sent: a slip (`screenshots`) is likely, but may be meant.
            if let slip = ImageType.slipWarning(imageType) { Console.error("warning: " + slip) }
            // A name that is not UTF-8 is read through a link (see RawPathLinks).
            try await RawPathLinks.with(files) { files, links in try await CommandContext.with(global) { context in
                let batch = UploadBatch(files: files, shown: links.naming)
                if files.count == 1 {
                    do {
                        _ = try context.service.inspectImage(path: files[0])  // what the upload refuses, before a warning
                    } catch {
                        throw batch.namingTheFile(error)
                    }
                    Self.warnOfDamage(files[0], in: batch)
                    try UploadBatch.stopIfInterrupted(checking: 1)
                    let outcome = try await withProgressBar { progress in
                        try await context.service.uploadImage(
                            path: files[0], imageType: imageType, recordsLocalPath: !links.isLink(files[0]), progress: progress)
                    }
                    try printOutcome(outcome, json: json, headline: "Uploaded \(outcome.entry.name) as \(outcome.entry.imageType ?? imageType)")
                    return
                }
                _ = try ImageType.validatedName(imageType)
                try batch.checkEveryFile { file in
                    _ = try context.service.inspectImage(path: file)
                    Self.warnOfDamage(file, in: batch)
                }
                // Once, before the first upload (every entry would be lost), after the files' checks:
                // a damaged history is moved aside only by a call that goes on to upload.
                try await context.service.requireWritableHistory()
                let results = await batch.upload({ file, progress in
                    try await context.service.uploadImage(path: file, imageType: imageType, recordsLocalPath: !links.isLink(file), progress: progress)
                }, report: { UploadBatchOutput.report($0, index: $1, count: files.count, json: json) })
                if json { try UploadBatchOutput.printJSON(results) }
                try UploadBatch.requireAllSucceeded(results)
            } }
        }
    }

    /// Warns, naming the file as given, of an image that does not decode to its end.
    private static func warnOfDamage(_ file: String, in batch: UploadBatch) {
        if let warning = ImageDamageCheck.warning(path: file, isCancelled: { Task.isCancelled }) { batch.warn(warning, about: file) }
    }
}
