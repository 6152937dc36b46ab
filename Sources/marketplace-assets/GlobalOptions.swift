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

extension GlobalOptions {
    /// The options that take a value, and the flags, that every subcommand accepts.
    static let valueOptions: Set<String> = ["--base-url", "--history"]
    static let flags: Set<String> = ["--demo"]

    /// `arguments` with any global options that stand before the subcommand's name moved
    /// right behind it (behind both names of a subcommand in a group, such as `auth status`).
    /// ArgumentParser only reads a subcommand's options after its name; users type them both
    /// ways. Anything else is left as it is.
    static func movedBehindSubcommand(
        _ arguments: [String], subcommandNames: Set<String>, groups: [String: Set<String>] = [:]
    ) -> [String] {
        var leading: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) || (valueOptions.contains(name) && argument.contains("=")) {
                leading.append(argument)
                index += 1
            } else if valueOptions.contains(argument), index + 1 < arguments.endIndex {
                leading.append(contentsOf: arguments[index...index + 1])
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.endIndex, subcommandNames.contains(arguments[index]) else {
            return arguments
        }
        var names = [arguments[index]]
        if let members = groups[arguments[index]], index + 1 < arguments.endIndex, members.contains(arguments[index + 1]) {
            names.append(arguments[index + 1])
        }
        return names + leading + arguments[(index + names.count)...]
    }
}
