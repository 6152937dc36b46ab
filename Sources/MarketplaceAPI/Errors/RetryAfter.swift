import Foundation

/// A parsed `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds to wait or an
/// HTTP date to wait until.
///
/// Parsing never traps, whatever the input: it is a pure function over the header's text,
/// fuzzed by the tests. All three HTTP date forms are accepted (IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, the obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and
/// asctime `Sun Nov  6 08:49:37 1994`), month and day names in any letter case.
public enum RetryAfter: Sendable, Hashable {
    /// `Retry-After: 120`: wait this many seconds (very large values are capped at `Int64.max`).
    case delay(seconds: Int64)
    /// `Retry-After: <HTTP-date>`: wait until this instant, in seconds since 1970-01-01 UTC.
    case date(secondsSince1970: Int64)

    /// Parses a header value; `nil` when it is neither delta-seconds nor an HTTP date.
    public init?(headerValue: String) {
        let trimmed = headerValue.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        guard !trimmed.isEmpty, trimmed.utf8.count <= 100 else { return nil }
        if let seconds = Self.parseDeltaSeconds(trimmed) {
            self = .delay(seconds: seconds)
        } else if let instant = HTTPDateParser.secondsSince1970(trimmed) {
            self = .date(secondsSince1970: instant)
        } else {
            return nil
        }
    }

    /// The wait in whole seconds from `now`, never negative (a date in the past means 0).
    public func seconds(from now: Date = Date()) -> Int64 {
        switch self {
        case .delay(let seconds):
            return Swift.max(0, seconds)
        case .date(let instant):
            let remaining = Double(instant) - now.timeIntervalSince1970
            guard remaining > 0 else { return 0 }
            return remaining >= Double(Int64.max) ? Int64.max : Int64(remaining.rounded(.up))
        }
    }

    /// A short human form of a wait: `45 s`, `3 min`, `2 h 5 min`, `3 days`.
    public static func describe(seconds: Int64) -> String {
        switch seconds {
        case ..<120: return "\(Swift.max(0, seconds)) s"
        case ..<7200: return "\((seconds + 59) / 60) min"
        case ..<(2 * 86_400):
            let minutes = (seconds % 3600 + 59) / 60
            return minutes == 0 || minutes == 60 ? "\((seconds + 3599) / 3600) h" : "\(seconds / 3600) h \(minutes) min"
        // Past a year, the count says nothing a person can use (a server's `Retry-After: 2^63-1`).
        case ..<(366 * 86_400): return "\(seconds / 86_400) days"
        default: return "more than a year"
        }
    }

    /// `1*DIGIT`, capped at `Int64.max`.
    static func parseDeltaSeconds(_ text: String) -> Int64? {
        var value: Int64 = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { value = .max } else { value = sum }
        }
        return value
    }
}
