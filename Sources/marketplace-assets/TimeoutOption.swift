import AssetCore
import AssetInspection

/// `--timeout SECONDS`, checked before parsing so that a bad value is one line (exit 64)
/// for every subcommand, also those that never connect (ArgumentParser would add its usage
/// lines, and a subcommand that builds no client would never look at it).
enum TimeoutOption {
    static let name = "--timeout"

    /// The one-line error for the first `--timeout` value in `arguments` that is not
    /// `IdleTimeout`'s rule, or `nil`.
    static func problem(in arguments: [String]) -> String? {
        GivenOptions.values(of: [name], in: arguments).first { IdleTimeout.duration($0.value) == nil }.map { message(for: $0.value) }
    }

    static func message(for value: String) -> String {
        "\(name) must be \(IdleTimeout.rule), not '\(SafeText.oneLine(value, maxLength: 40))'"
    }
}
