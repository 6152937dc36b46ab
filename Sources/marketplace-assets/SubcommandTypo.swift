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

    /// The flags that may come before a subcommand's name.
    static let flags: Set<String> = ["--demo", "--help", "-h", "--version"]

    /// Where each of the global options (and flags) that come first in `arguments` starts, and where
    /// the first word after them stands; `nil` when another option comes first (a mistyped one:
    /// `--histroy h history` is the typo, and the word after it its value, which ArgumentParser's
    /// error, with `OptionTypo`'s suggestion, says).
    static func leadingOptions(in arguments: [String]) -> (starts: [Int], end: Int)? {
        var (starts, index) = ([Int](), 0)
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let name = String(arguments[index].prefix { $0 != "=" })
            guard optionsTakingValues.contains(name) || flags.contains(name) else { return nil }
            starts.append(index)
            index += optionsTakingValues.contains(arguments[index]) ? 2 : 1
        }
        return (starts, index)
    }

    /// The one-line error for `arguments`, or `nil` when the first one is not such a typo.
    /// `nested` names the subcommands of those that have their own (`auth status`).
    static func problem(in arguments: [String], subcommands: [String], nested: [String: [String]] = [:],
                        fileExists: (String) -> Bool) -> String? {
        guard let leading = leadingOptions(in: arguments) else { return nil }
        let rest = arguments[min(leading.end, arguments.count)...]
        // `help histroy`, `help auth statsu`: ArgumentParser's `help` shows the nearest help it has
        // for names it does not know (the overview, `auth`'s), and exits 0.
        if rest.first == "help" {
            var given: [String] = [], names = subcommands
            for word in rest.dropFirst().prefix(while: { !$0.hasPrefix("-") }) {
                guard names.contains(word) else {
                    let hint = names.isEmpty ? ": \(given.joined(separator: " ")) has no subcommands"
                        : suggestion(for: word, in: names).map { "; " + $0 } ?? " (marketplace-assets \((given + ["--help"]).joined(separator: " ")) lists them)"
                    return "help takes a subcommand's name, and '\((given + [word]).joined(separator: " "))' is none" + hint
                }
                given.append(word)
                names = nested[word] ?? []
            }
        }
        // `auth statsu`: the word after a command that has subcommands of its own, none of which
        // takes an argument, is a mistyped one (ArgumentParser said "Unexpected argument").
        if let first = rest.first, let inner = nested[first], !inner.isEmpty,
           let word = rest.dropFirst().first, !word.hasPrefix("-"), !inner.contains(word) {
            return "unknown subcommand '\(first) \(word)'; "
                + (suggestion(for: word, in: inner) ?? "\(first) has " + inner.map { "'\($0)'" }.joined(separator: ", "))
        }
        guard let first = rest.first, !first.hasPrefix("-"), !subcommands.contains(first), !fileExists(first),
              first.count <= 40, first.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") })
        else { return nil }
        return "unknown subcommand '\(first)'" + (suggestion(for: first, in: subcommands).map { "; " + $0 } ?? "")
            + " (to open the TUI on a folder of that name, give its path: ./\(first))"
    }

    /// `did you mean 'history'?` for a word near a subcommand, or the first word of some
    /// (`upload` of upload-image and upload-artifact).
    static func suggestion(for word: String, in subcommands: [String]) -> String? {
        if let near = closest(to: word, in: subcommands) { return "did you mean '\(near)'?" }
        let started = subcommands.filter { $0.hasPrefix(word.lowercased() + "-") }
        return started.isEmpty ? nil : "did you mean " + started.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// The subcommand nearest to `word`, if one is near enough to be what was meant.
    static func closest(to word: String, in subcommands: [String]) -> String? {
        let scored = subcommands.map { ($0, EditDistance.between(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }
}
