import ArgumentParser
import AssetCore

/// `marketplace-assets artifact ID [--json]`: GET the details; refreshes the history entry.
struct ArtifactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "artifact",
        abstract: "Show an artifact's details from the server, and refresh its history entry."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The artifact ID (the last segment of its self link).", valueName: "artifactId"))
    var artifactId: String

    @Flag(help: "Print the server's JSON answer on stdout.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                let outcome = try await context.service.refreshArtifact(id: artifactId)
                try printOutcome(outcome, json: json, headline: "Artifact \(artifactId)")
            }
        }
    }
}
