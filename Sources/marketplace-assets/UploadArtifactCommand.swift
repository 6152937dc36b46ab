import ArgumentParser
import AssetCore
import AssetInspection

/// `marketplace-assets upload-artifact FILE [--allow-duplicate] [--json]`
///
/// A plugin key and version that the history says this server already has is refused before
/// a byte is sent (the same build uploaded twice is nearly always a mistake), unless
/// `--allow-duplicate` says it is meant.
struct UploadArtifactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload-artifact",
        abstract: "Upload an app artifact (jar, obr), verify its SHA-512 and print its artifact ID."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The artifact file.")
    var file: String

    @Flag(help: "Print the server's JSON answer on stdout.")
    var json = false

    @Flag(name: .customLong("allow-duplicate"), help: ArgumentHelp(
        "Upload even when the history says this server already has this plugin key and version.",
        discussion: "Without it, such an upload is refused before a byte is sent, with the earlier upload's artifact ID."))
    var allowDuplicate = false

    /// For the benchmarks: what the in-stream SHA-512 costs.
    @Flag(name: .customLong("no-verify"), help: .hidden)
    var noVerify = false

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                try checkForPreviousUpload(context.service)
                let outcome = try await withProgressBar { progress in
                    try await context.service.uploadArtifact(path: file, verify: !noVerify, progress: progress)
                }
                try printOutcome(outcome, json: json, headline: "Uploaded \(outcome.entry.name)")
            }
        }
    }

    /// Refuses a key and version the history says this server already has, unless
    /// `--allow-duplicate` (then the history is not read at all). A history that cannot be
    /// read does not stop the upload.
    private func checkForPreviousUpload(_ service: AssetService) throws {
        guard !allowDuplicate else { return }
        let inspection = try service.inspect(path: file)
        let previous: PreviousUpload?
        do {
            previous = try service.previousUpload(of: inspection)
        } catch {
            Console.error("warning: the history could not be read to check for an earlier upload of this version: " + error.message)
            return
        }
        if let previous {
            throw CLIError("\(previous.fact). Raise <version> in atlassian-plugin.xml for a new build, or add --allow-duplicate to upload this one again.")
        }
    }
}
