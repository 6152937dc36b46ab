import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// What every action subcommand prints when it succeeds: the service's warnings on stderr,
/// then the server's JSON answer (`--json`) or a short human summary on stdout. An upload the
/// history could not record is then an error (exit status 1), after its answer is printed.
func printOutcome(_ outcome: UploadOutcome, json: Bool, headline: String) throws {
    outcome.allWarnings.forEach { Console.error("warning: " + SafeText.oneLine($0)) }
    if json {
        try JSONOutput.printServerResponse(outcome.responseBody)
    } else {
        // An answer without `details` (the reference's GET example has none): those shown are the history's.
        let answer = (try? JSONSerialization.jsonObject(with: Data(outcome.responseBody))) as? [String: Any]
        let detailsFromHistory = outcome.entry.kind == .artifact && answer != nil && answer?["details"] == nil
        HumanOutput.summary(of: outcome.entry, headline: headline, detailsFromHistory: detailsFromHistory).forEach(Console.out)
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
    // Only for a bar that draws: into a pipe or a file there is nothing to redraw.
    let ticker = bar.enabled ? Task {
        while (try? await Task.sleep(for: .seconds(1))) != nil { bar.tick() }
    } : nil
    defer {
        ticker?.cancel()
        bar.finish()
    }
    return try await body { bar.update($0) }
}
