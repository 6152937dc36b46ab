import AssetCore
import AssetInspection
import MarketplaceAPI

/// What every action subcommand prints when it succeeds: the service's warnings on stderr,
/// then the server's JSON answer (`--json`) or a short human summary on stdout. An upload the
/// history could not record is then an error (exit status 1), after its answer is printed.
func printOutcome(_ outcome: UploadOutcome, json: Bool, headline: String) throws {
    outcome.allWarnings.forEach { Console.error("warning: " + SafeText.oneLine($0)) }
    if json {
        try JSONOutput.printServerResponse(outcome.responseBody)
    } else {
        HumanOutput.summary(of: outcome.entry, headline: headline).forEach(Console.out)
    }
    if let unrecorded = outcome.unrecordedReason { throw CLIError(unrecorded) }
}

/// Runs an upload with a progress bar on stderr (erased when it ends, also on failure).
/// - Parameter label: what the bar starts with: `uploading`, or in a batch the current file
///   and its place (`2 of 6 banner.png`).
func withProgressBar<T>(
    label: String = "uploading", _ body: (@escaping @Sendable (UploadProgress) -> Void) async throws -> T
) async throws -> T {
    let bar = ProgressBar(label: label)
    defer { bar.finish() }
    return try await body { bar.update($0) }
}
