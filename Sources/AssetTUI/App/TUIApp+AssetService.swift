import AssetCore
import Foundation

extension TUIApp {
    /// Runs the TUI until the user quits. Restores the terminal on every way out.
    ///
    /// Throws `TUIError` when the terminal cannot be used (input or output not a terminal,
    /// `TERM` unset or unknown) and when SIGINT, SIGTERM or SIGHUP ended the session
    /// (`exitCode` is then 128 + the signal). Uploads still running at the end are cancelled.
    public static func run(service: AssetService, options: TUIOptions) async throws {
        try await run(actions: ServiceActions(service: service), options: options,
                      environment: ProcessInfo.processInfo.environment)
    }
}
