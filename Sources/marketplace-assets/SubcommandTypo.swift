import Foundation

/// A first argument that is no subcommand, no option and no existing path, but looks like a
/// word: a mistyped subcommand (`histroy`), which would otherwise become the folder the TUI
/// opens. Found before parsing, so that the user reads about the typo and not about the
/// options of the TUI (`upload-imge x.png --type icon`).
enum SubcommandTypo {
    /// The one-line error for `arguments`, or `nil` when the first one is not such a typo.
    static func problem(in arguments: [String], subcommands: [String], fileExists: (String) -> Bool) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.contains(first), !fileExists(first),
              first.count <= 40, first.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") })
        else { return nil }
        var message = "unknown subcommand '\(first)'"
        if let suggestion = closest(to: first, in: subcommands) { message += "; did you mean '\(suggestion)'?" }
        return message + " (to open the TUI on a folder of that name, give its path: ./\(first))"
    }

    /// The subcommand nearest to `word`, if one is near enough to be what was meant.
    static func closest(to word: String, in subcommands: [String]) -> String? {
        let scored = subcommands.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance, a transposition counted as one edit (`histroy` → `history`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
