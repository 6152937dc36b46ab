import ArgumentParser
import AssetCore
import AssetInspection
import MarketplaceAPI

/// `marketplace-assets upload-artifact FILE… [--allow-duplicate | --skip-existing] [--json]`
///
/// A plugin key and version that the history says this server already has is refused before
/// a byte is sent (the same build uploaded twice is nearly always a mistake), unless
/// `--allow-duplicate` says it is meant; so are two files of one batch with the same key and
/// version. One file prints what it always printed; several are an `UploadBatch`.
struct UploadArtifactCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "upload-artifact",
        abstract: "Upload app artifacts (jar, obr), verify their SHA-512 and print their artifact IDs.",
        discussion: "Several files are each their own upload, in the order given; every file is checked "
            + "(and looked up in the history) before the first is sent, and one refused file stops them all."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The artifact files.", valueName: "file"), completion: .file(), transform: DashNamedFiles.asGiven)
    var files: [String]

    @Flag(help: "Print the server's JSON answer on stdout (several files: an array of the answers with \"file\" and \"entryId\" added, a failed file as {\"file\", \"error\", \"kind\"}, one --skip-existing left out as {\"file\", \"skipped\", \"artifactId\"}).")
    var json = false

    @Flag(name: .customLong("allow-duplicate"), help: ArgumentHelp(
        "Upload even when the history says this server already has this plugin key and version.",
        discussion: "Without it, such an upload is refused before a byte is sent, with the earlier upload's artifact ID."))
    var allowDuplicate = false

    @Flag(name: .customLong("skip-existing"), help: ArgumentHelp(
        "Leave out, with a line, each jar whose plugin key and version this server already has (by the history).",
        discussion: "For a release run again after some of its files failed: the others upload, and the status is 0 when they all do."))
    var skipExisting = false

    /// For the benchmarks: what the in-stream SHA-512 costs.
    @Flag(name: .customLong("no-verify"), help: .hidden)
    var noVerify = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Missing an artifact file: give the .jar or .obr to upload.") }
        try DashNamedFiles.refuseEmpty(files)
        guard !(skipExisting && allowDuplicate) else {
            throw ValidationError("--skip-existing leaves out what --allow-duplicate would upload again: give one of them.")
        }
    }

    func run() async throws {
        Console.recordsUploads(listedBy: global.historyCommand)
        try await reportingErrors {
            // A name that is not UTF-8 is read through a link (see RawPathLinks).
            try await RawPathLinks.with(files) { files, links in try await CommandContext.with(global) { context in
                let duplicates = DuplicateCheck(service: context.service, checksDuplicates: !allowDuplicate, skipsExisting: skipExisting)
                /// Uploads `file`, checked as it is sent, warning of the same build uploaded meanwhile.
                func upload(_ file: String, progress: @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome {
                    var outcome = try await context.service.uploadArtifact(
                        path: file, verify: !noVerify, recordsLocalPath: !links.isLink(file),
                        approve: { try duplicates.checkWhenSending(file, $0) }, progress: progress)
                    outcome.warnings += [duplicates.uploadedMeanwhile(outcome)].compactMap { $0 }
                    return outcome
                }
                if files.count == 1 {
                    // The upload inspects the file itself, and checks it then (`approve`).
                    do {
                        let outcome = try await withProgressBar { try await upload(files[0], progress: $0) }
                        try printOutcome(outcome, json: json, headline: "Uploaded \(outcome.entry.name)")
                    } catch let already as DuplicateCheck.AlreadyUploaded {
                        if json { try JSONOutput.printObject(already.json(file: files[0])) } else { Console.out("Skipped \(SafeText.oneLine(files[0])): \(already.reason)") }
                    } catch {
                        throw UploadBatch(files: files, shown: links.naming).namingTheFile(error)
                    }
                    return
                }
                let batch = UploadBatch(files: files, shown: links.naming)
                // The files first, so that a call that uploads nothing leaves a damaged history where
                // it is; then, once, the history (every entry would be lost), and this server's builds in it.
                var inspections: [String: FileInspection] = [:]
                var refused = Set<Int>()
                _ = try batch.checkEveryFile({ file in inspections[file] = try context.service.inspectArtifact(path: file) }, refused: &refused)
                // With a file refused, nothing is uploaded and the history stays as it is; its builds
                // are still compared when it reads, so that one run names every refusal.
                if refused.isEmpty {
                    try await context.service.requireWritableHistory()
                } else if (try? context.service.entries(kind: .artifact)) == nil {
                    try batch.requireNoneRefused(refused)
                }
                let skipped = try batch.checkEveryFile({ file in
                    try duplicates.check(of: file, inspections[file] ?? context.service.inspectArtifact(path: file))
                }, refused: &refused)
                try batch.requireNoneRefused(refused)
                let results = await batch.upload(skipping: skipped, { file, progress in try await upload(file, progress: progress) },
                                                 report: { UploadBatchOutput.report($0, index: $1, count: files.count, json: json) })
                if json { try UploadBatchOutput.printJSON(results) }
                try UploadBatch.requireAllSucceeded(results)
            } }
        }
    }
}
