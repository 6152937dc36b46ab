/// The one rule for the `--timeout SECONDS` option and the config file's `"timeout"`: how
/// long a connection to Marketplace may stay silent (the client's idle timeout) before the
/// request fails.
public enum IdleTimeout {
    /// The longest accepted: a day. A longer silence is no upload that is still alive.
    public static let maximumSeconds = 86_400.0

    /// What a valid value is, for messages.
    public static let rule = "a number of seconds greater than 0 and at most 86400 (e.g. 120)"

    /// `seconds` as a duration when it is greater than 0 and at most a day.
    public static func duration(seconds: Double) -> Duration? {
        guard seconds.isFinite, seconds > 0, seconds <= maximumSeconds else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// `text` (`120`, `2.5`) as a duration, when it is such a number; spaces, a tab or a CR
    /// around it (pasted, or read from a file written on Windows) are no part of it.
    public static func duration(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let seconds = Double(text) else { return nil }
        return duration(seconds: seconds)
    }
}
