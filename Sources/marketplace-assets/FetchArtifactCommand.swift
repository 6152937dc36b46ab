import ArgumentParser
import AssetCore
import Foundation
import MarketplaceAPI

/// `marketplace-assets fetch-artifact URL [--json]`
struct FetchArtifactCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "fetch-artifact",
        abstract: "Have Marketplace fetch an app artifact from an http or https URL."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The artifact's http or https URL.", valueName: "url"))
    var url: String

    /// The URL without the white space a paste leaves around it (as the TUI's prompt and
    /// `--base-url` are trimmed): inside it, a space is refused.
    private var uri: String { url.trimmingCharacters(in: .whitespacesAndNewlines) }

    @Flag(help: "Print the server's JSON answer on stdout.")
    var json = false

    /// An empty URL is a usage error (64), as an empty artifact ID is.
    func validate() throws {
        if uri.isEmpty {
            throw ValidationError("The URL is empty: give the artifact's http or https URL.")
        }
    }

    func run() async throws {
        Console.recordsUploads(listedBy: global.historyCommand)
        try await reportingErrors {
            // One that is no fetch URL (`ftp://`, no host) too, in one line, before anything is sent or recorded.
            do throws(APIError) {
                _ = try FetchURI(uri)
            } catch {
                throw CLIError(error.message, exitCode: 64)
            }
            try await CommandContext.with(global) { context in
                let outcome: UploadOutcome
                do {
                    outcome = try await context.service.fetchArtifact(uri: uri)
                } catch where AssetService.isCancellation(error) && !(error is InterruptedUpload) {
                    // Once the client took the request, the history keeps the attempt (`InterruptedUpload`).
                    throw CLIError("interrupted before Marketplace took the request: nothing was recorded in the history")
                }
                try printOutcome(outcome, json: json, headline: "Fetched \(outcome.entry.name)")
            }
        }
    }
}
