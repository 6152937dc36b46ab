import AssetCore

/// An option mistyped where ArgumentParser reports another error first: `--tpye logo`, taken
/// for two files, ends in "Missing expected argument '--type'", and `-type` in "Unknown
/// option '-y'" (read as `-t -y -p -e`). Looked for once parsing failed, among the options the
/// subcommand's help names, so that the user reads about what they typed.
enum OptionTypo {
    /// The one-line error for the first argument before `--` that is no option of `help` but
    /// near one (`--tpye`), or one of its long options with a single dash (`-type`); `nil` when
    /// there is none.
    static func problem(in arguments: [String], help: String) -> String? {
        let options = Self.options(in: help)
        for argument in arguments.prefix(while: { $0 != "--" }) {
            var name = String(argument.prefix { $0 != "=" })
            // A dash pasted from a document (`—type`, `–type`): no option, though it looks like one.
            if let first = name.first, first == "\u{2014}" || first == "\u{2013}" {
                name = "--" + name.drop { $0 == "\u{2014}" || $0 == "\u{2013}" || $0 == "-" }
                if options.contains(name) { return "'\(argument.prefix { $0 != "=" })' begins with a dash that is no hyphen (pasted from a document?): '\(name)'" }
                continue
            }
            guard name.count > 2, name.hasPrefix("-"), name.dropFirst().allSatisfy({ $0.isLetter || $0 == "-" }),
                  !options.contains(name) else { continue }
            if !name.hasPrefix("--"), options.contains("-" + name) {
                return "'\(name)' is no option: a long option takes two dashes, '-\(name)'"
            }
            // Of one dash (`-tpye`), compared as the long option it was meant as.
            let asLong = name.hasPrefix("--") ? name : "-" + name
            let near = options.map { ($0, EditDistance.between(asLong.lowercased(), $0)) }.min { $0.1 < $1.1 }
            if let (option, distance) = near, distance <= 2 {
                return "unknown option '\(name)'; did you mean '\(option)'?"
            }
        }
        return nil
    }

    /// The one-line error for an option of `subcommand` (its names: `["auth", "status"]`) given
    /// before it (`--json history`), which the root reads as the TUI's, and refuses as unknown to
    /// it (`rootHelp` names what it takes: the global options); `nil` when there is none.
    static func misplaced(in arguments: [String], subcommand names: [String], help: String, rootHelp: String) -> String? {
        guard let first = names.first, let place = arguments.firstIndex(of: first) else { return nil }
        let subcommand = names.joined(separator: " ")
        let options = Self.options(in: help), rootOptions = Self.options(in: rootHelp)
        for argument in arguments[..<place] {
            let name = String(argument.prefix { $0 != "=" })
            if options.contains(name), !rootOptions.contains(name) {
                return "'\(name)' is an option of \(subcommand): put it after the subcommand (marketplace-assets \(subcommand) \(name) …)"
            }
        }
        return nil
    }

    /// The long options a help text names.
    static func options(in help: String) -> Set<String> {
        Set(help.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) })
    }
}
