/// `--help history`, `--demo -h auth status`: help asked for before a subcommand's name is that
/// subcommand's, as `git --help log` shows `log`'s. ArgumentParser showed the TUI's (the default
/// subcommand), which the name then became the folder of.
enum HelpBeforeSubcommand {
    /// `arguments` with `--help` (`-h`) moved from among the global options that come first to just
    /// after the subcommand's name (and its group's: `auth status`); otherwise as they are.
    static func reordered(_ arguments: [String], subcommands: [String], nested: [String: [String]]) -> [String] {
        var index = 0, helps: [Int] = []
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let name = String(arguments[index].prefix { $0 != "=" })
            // (Another option first, `--json -h`: ArgumentParser's own error or help, as before.)
            guard SubcommandTypo.optionsTakingValues.contains(name) || SubcommandTypo.flags.contains(name) else { return arguments }
            if name == "--help" || name == "-h" { helps.append(index) }
            index += SubcommandTypo.optionsTakingValues.contains(arguments[index]) ? 2 : 1
        }
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
