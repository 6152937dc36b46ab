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

    private static func protected(_ argument: String, after previous: String?, fileExists: (String) -> Bool) -> String {
        let looksLikeOptions = argument.hasPrefix("--") ? !argument.prefix(while: { $0 != "=" }).contains(".") : argument.count <= 2
        guard argument.hasPrefix("-"), !looksLikeOptions, !optionsTakingDashValues.contains(previous ?? ""), fileExists(argument)
        else { return argument }
        return "./" + argument
    }
}
