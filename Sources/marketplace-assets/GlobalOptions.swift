import ArgumentParser
import AssetCore

/// The options every subcommand takes, before or after the subcommand's name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The Marketplace API base URL (default: MARKETPLACE_BASE_URL, the config file, or https://api.atlassian.com/marketplace).",
        valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("history"), help: ArgumentHelp(
        "The history file (default: MARKETPLACE_ASSETS_HISTORY or $XDG_STATE_HOME/marketplace-assets/history.json).",
        valueName: "path"))
    var historyPath: String?

    @Flag(name: .customLong("demo"), help: "Use the built-in Marketplace emulator and a separate demo history.")
    var demo = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp(
        "How long a connection may stay silent before a request fails, in seconds (default: the config file's timeout, else 60).",
        valueName: "seconds"))
    var timeout: String?

    func validate() throws {
        if historyPath?.isEmpty == true { throw ValidationError("--history needs a file path.") }
        // The demo's emulator is its server: a base URL beside it would be passed over unseen.
        if demo, baseURL != nil { throw ValidationError("--demo uses the built-in emulator: give --demo or --base-url, not both.") }
    }

    /// `--timeout` as a duration; `nil` when not given. A value `TimeoutOption` would have
    /// refused before parsing is a usage error here too.
    func idleTimeout() throws -> Duration? {
        guard let timeout else { return nil }
        guard let duration = IdleTimeout.duration(timeout) else { throw CLIError(TimeoutOption.message(for: timeout), exitCode: 64) }
        return duration
    }
}
