import AssetCore
import Foundation

/// A first argument after the global options that is no subcommand, no option and no existing
/// path, but looks like a word: a mistyped subcommand (`histroy`, `--demo histroy`), which would
/// otherwise become the folder the TUI opens. Found before parsing, so that the user reads about
/// the typo and not about the options of the TUI (`upload-imge x.png --type icon`).
enum SubcommandTypo {
    /// The options that may come before a subcommand's name and take the next argument as their
    /// value: the global ones, and the TUI's (the default subcommand).
    static let optionsTakingValues: Set<String> = ["--base-url", "--history", "--timeout", "--max-uploads"]

    /// The one-line error for `arguments`, or `nil` when the first one is not such a typo.
    static func problem(in arguments: [String], subcommands: [String], fileExists: (String) -> Bool) -> String? {
        var rest = arguments[...]
        while let option = rest.first, option.hasPrefix("-"), option != "--" {
            rest = rest.dropFirst(optionsTakingValues.contains(option) ? 2 : 1)
        }
        guard let first = rest.first, !first.hasPrefix("-"), !subcommands.contains(first), !fileExists(first),
              first.count <= 40, first.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") })
        else { return nil }
        var message = "unknown subcommand '\(first)'"
        if let suggestion = closest(to: first, in: subcommands) {
            message += "; did you mean '\(suggestion)'?"
        } else if case let started = subcommands.filter({ $0.hasPrefix(first.lowercased() + "-") }), !started.isEmpty {
            // The first word of some (`upload` of upload-image and upload-artifact).
            message += "; did you mean " + started.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        return message + " (to open the TUI on a folder of that name, give its path: ./\(first))"
    }

    /// The subcommand nearest to `word`, if one is near enough to be what was meant.
    static func closest(to word: String, in subcommands: [String]) -> String? {
        let scored = subcommands.map { ($0, EditDistance.between(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }
}
