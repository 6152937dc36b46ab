/// `--help history`, `--demo -h auth status`: help asked for before a subcommand's name is that
/// subcommand's, as `git --help log` shows `log`'s. ArgumentParser showed the TUI's (the default
/// subcommand), which the name then became the folder of.
enum HelpBeforeSubcommand {
    /// `arguments` with `--help` (`-h`) moved from among the global options that come first to just
    /// after the subcommand's name (and its group's: `auth status`); otherwise as they are.
    static func reordered(_ arguments: [String], subcommands: [String], nested: [String: [String]]) -> [String] {
        // (Another option first, `--json -h`: ArgumentParser's own error or help, as before.)
        guard let (starts, index) = SubcommandTypo.leadingOptions(in: arguments) else { return arguments }
        let helps = starts.filter { arguments[$0] == "--help" || arguments[$0] == "-h" }
        guard !helps.isEmpty, index < arguments.count, case let command = arguments[index], command != "help", subcommands.contains(command) else {
            return arguments
        }
        var after = index + 1
        if after < arguments.count, nested[command]?.contains(arguments[after]) == true { after += 1 }
        var reordered = arguments
        reordered.insert("--help", at: after)
        for place in helps.reversed() { reordered.remove(at: place) }
        return reordered
    }
}
