import AssetCore
import AssetInspection

/// `--timeout SECONDS`, checked before parsing so that a bad value is one line (exit 64)
/// for every subcommand, also those that never connect (ArgumentParser would add its usage
/// lines, and a subcommand that builds no client would never look at it).
enum TimeoutOption {
    static let name = "--timeout"

    /// The one-line error for the first `--timeout` value in `arguments` that is not
    /// `IdleTimeout`'s rule, or `nil`. Arguments after `--` are not options.
    static func problem(in arguments: [String]) -> String? {
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            var value: String?
            if argument == name, index + 1 < arguments.endIndex {
                value = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
            }
            if let value, IdleTimeout.duration(value) == nil {
                return message(for: value)
            }
            index += 1
        }
        return nil
    }

    static func message(for value: String) -> String {
        "\(name) must be \(IdleTimeout.rule), not '\(SafeText.oneLine(value, maxLength: 40))'"
    }
}
