/// The values options were given on the command line, found before ArgumentParser parses it
/// (for the checks that must speak first: `TimeoutOption`, `ServerOptions.baseURLProblem`,
/// `RepeatedOption`).
enum GivenOptions {
    /// Each value of an option named in `names` (or by a short name in `aliases`), in order:
    /// `--name value` and `--name=value`. Arguments after `--` are not options.
    static func values(of names: Set<String>, aliases: [String: String] = [:], in arguments: [String]) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            let (given, inline) = argument.firstIndex(of: "=").map { (String(argument[..<$0]), String(argument[argument.index(after: $0)...])) }
                ?? (argument, nil)
            index += 1
            guard let name = aliases[given] ?? (names.contains(given) ? given : nil) else { continue }
            guard let value = inline ?? (index < arguments.endIndex ? arguments[index] : nil) else { break }
            if inline == nil { index += 1 }
            found.append((name, value))
        }
        return found
    }
}
