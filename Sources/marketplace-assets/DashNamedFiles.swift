import ArgumentParser
import AssetCore
import Foundation
import MarketplaceAPI

/// File arguments whose names begin with `-` (`-thumbnail.png`, which a shell glob gives).
///
/// ArgumentParser reads `-thumbnail.png` as the short flags `-t -h -u …`, and `-h` asks for
/// help: the upload printed help, sent nothing and exited 0. This tool's short options are
/// `-h` and `-t`, two characters each, so an argument of one dash and more that names an
/// existing file is that file, passed on as `./-thumbnail.png` (the same file), as `rm ./-f`
/// is the usual way to say it. Of two dashes, no option's name has a dot: an existing
/// `--json.png` is a file, while `--type=x.png` stays the option, whatever files there are.
enum DashNamedFiles {
    /// The options whose values may begin with `-` (`--since -30m`): their values are left as
    /// they are. (Kept by hand: an option added with such values belongs here.)
    static let optionsTakingDashValues: Set<String> = ["--since", "--timeout"]

    /// The arguments `protect` passed on as `./NAME`.
    private static let passedOn = LockedValue<Set<String>>([])

    static func protect(_ arguments: [String], fileExists: (String) -> Bool) -> [String] {
        var result: [String] = []
        var afterSeparator = false
        for argument in arguments {
            afterSeparator = afterSeparator || argument == "--"
            result.append(afterSeparator ? argument : protected(argument, after: result.last, fileExists: fileExists))
        }
        passedOn.withLock { $0.formUnion(Set(result).subtracting(arguments)) }
        return result
    }

    /// A file argument as the person gave it: `-thumbnail.png` for the `./-thumbnail.png` that
    /// `protect` made of it (the same file), so that messages and `--json` name each file as it
    /// was given, and a script can match its results to its list.
    static func asGiven(_ argument: String) -> String {
        passedOn.withLock { $0.contains(argument) } ? String(argument.dropFirst(2)) : argument
    }

    /// Refuses an empty file argument (`"$FILE"` of an unset variable) as the usage error an
    /// empty ID or URL is (64), not as a file that fails to read (1).
    static func refuseEmpty(_ files: [String]) throws {
        if files.contains("") { throw ValidationError("A file argument is empty (an unset variable?): give the path of a file.") }
    }

    /// After a parse failed: the error for the first argument `protect` would have passed on as a
    /// file had one existed (`-x.png`, which ArgumentParser read as the options `-x -.` …, and
    /// said "Missing expected argument"); `nil` when there is none, or the subcommand whose
    /// `help` this is takes no file. An option's value (`--type -x.png`) is no file argument.
    /// An unknown option given too (`--bogus`, `-q`, before or after it) is named first:
    /// ArgumentParser's "Missing expected argument" named neither. `help` must list the hidden
    /// options too (`--no-verify`), or they are taken for unknown ones.
    static func missingFile(in arguments: [String], help: String) -> String? {
        guard help.contains("<file> ...") else { return nil }
        let takingValues = Set(help.matches(of: /(?:(-[a-z]), )?(--[a-z][a-z0-9-]*) </).flatMap { [$0.output.1.map(String.init), String($0.output.2)] }.compactMap { $0 })
        let options = OptionTypo.options(in: help).union(help.matches(of: /(-[a-z]), --/).map { String($0.output.1) }).union(["-h"])
        var previous: String?, unknown: String?, missing: String?
        for argument in arguments.prefix(while: { $0 != "--" }) {
            defer { previous = argument }
            guard !takingValues.contains(previous ?? "") else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if mayNameAFile(argument, after: previous) {
                missing = missing ?? argument
            } else if name.hasPrefix("-"), name.count > 1, !options.contains(name) {
                unknown = unknown ?? name
            }
        }
        guard let missing else { return nil }
        return (unknown.map { "unknown option '\($0)', and " } ?? "")
            + "there is no file \(missing), so it was read as options (an argument beginning with '-' names a file "
            + "only when one exists; ./\(missing) always does)"
    }

    private static func protected(_ argument: String, after previous: String?, fileExists: (String) -> Bool) -> String {
        mayNameAFile(argument, after: previous) && fileExists(argument) ? "./" + argument : argument
    }

    /// Whether `argument` begins with `-` but is no option's name: one dash and more than one
    /// character after it, or two dashes and a dot before any `=`.
    private static func mayNameAFile(_ argument: String, after previous: String?) -> Bool {
        let looksLikeOptions = argument.hasPrefix("--") ? !argument.prefix(while: { $0 != "=" }).contains(".") : argument.count <= 2
        return argument.hasPrefix("-") && !looksLikeOptions && !optionsTakingDashValues.contains(previous ?? "")
    }
}
