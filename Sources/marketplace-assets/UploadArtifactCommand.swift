import ArgumentParser
import AssetCore
import AssetInspection

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

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                let bar = ProgressBar(label: "uploading")
                defer { bar.finish() }
                let outcome = try await context.service.uploadArtifact(path: file) { bar.update($0) }
                bar.finish()
                outcome.warnings.forEach { Console.error("warning: " + SafeText.oneLine($0)) }
                if json {
                    try JSONOutput.printServerResponse(outcome.responseBody)
                } else {
                    HumanOutput.summary(of: outcome.entry, headline: "Uploaded \(outcome.entry.name)").forEach(Console.out)
                }
            }
        }
    }
}
