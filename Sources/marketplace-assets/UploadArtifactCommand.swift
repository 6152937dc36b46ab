import ArgumentParser
import AssetCore

/// `marketplace-assets upload-artifact FILE [--json]`
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

    /// For the benchmarks: what the in-stream SHA-512 costs.
    @Flag(name: .customLong("no-verify"), help: .hidden)
    var noVerify = false

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                let outcome = try await withProgressBar { progress in
                    try await context.service.uploadArtifact(path: file, verify: !noVerify, progress: progress)
                }
                try printOutcome(outcome, json: json, headline: "Uploaded \(outcome.entry.name)")
            }
        }
    }
}
