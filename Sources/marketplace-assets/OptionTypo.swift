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
        let options = Set(help.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) })
        for argument in arguments.prefix(while: { $0 != "--" }) {
            let name = String(argument.prefix { $0 != "=" })
            guard name.count > 2, name.hasPrefix("-"), name.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }),
                  !options.contains(name) else { continue }
            if !name.hasPrefix("--"), options.contains("-" + name) {
                return "'\(name)' is no option: a long option takes two dashes, '-\(name)'"
            }
            let near = options.map { ($0, EditDistance.between(name.lowercased(), $0)) }.min { $0.1 < $1.1 }
            if let (option, distance) = near, name.hasPrefix("--"), distance <= 2 {
                return "unknown option '\(name)'; did you mean '\(option)'?"
            }
        }
        return nil
    }
}
