import ArgumentParser

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
}
