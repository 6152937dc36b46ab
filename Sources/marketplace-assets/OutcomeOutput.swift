import AssetCore
import AssetInspection
import MarketplaceAPI

/// What every action subcommand prints when it succeeds: the service's warnings on stderr,
/// then the server's JSON answer (`--json`) or a short human summary on stdout.
func printOutcome(_ outcome: UploadOutcome, json: Bool, headline: String) throws {
    outcome.warnings.forEach { Console.error("warning: " + SafeText.oneLine($0)) }
    if json {
        try JSONOutput.printServerResponse(outcome.responseBody)
    } else {
        HumanOutput.summary(of: outcome.entry, headline: headline).forEach(Console.out)
    }
}

/// Runs an upload with a progress bar on stderr (erased when it ends, also on failure).
func withProgressBar<T>(_ body: (@escaping @Sendable (UploadProgress) -> Void) async throws -> T) async throws -> T {
    let bar = ProgressBar(label: "uploading")
    defer { bar.finish() }
    return try await body { bar.update($0) }
}
