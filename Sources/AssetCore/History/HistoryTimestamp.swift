import Foundation

/// The history's timestamps: ISO 8601 in UTC with milliseconds, `2025-03-01T12:34:56.789Z`.
///
/// Written and read without formatter objects (a history holds tens of thousands of them:
/// reading them with `Date.ISO8601FormatStyle` made a 10,000-entry load take 36 ms at best,
/// against 25; release, 2026-12-04); other ISO 8601 forms someone may have typed (no
/// fraction, a `+01:00` offset) are read through Foundation.
enum HistoryTimestamp {
    /// `date` rounded to whole milliseconds, the precision the history keeps, so that an
    /// entry read back equals the one written.
    static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    /// Whole milliseconds since 1970, clamped to the years 0000–9999.
    private static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(Swift.min(Swift.max(value, -62_167_219_200_000), 253_402_300_799_999))
    }

    /// Appends `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func append(_ date: Date, to out: inout [UInt8]) {
        let millis = milliseconds(date)
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let msOfDay = millis - days * 86_400_000
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        func digits(_ value: Int64, _ count: Int, then separator: Unicode.Scalar) {
            var divisor: Int64 = count == 4 ? 1000 : count == 3 ? 100 : 10
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            out.append(UInt8(ascii: separator))
        }
        digits(year, 4, then: "-")
        digits(month, 2, then: "-")
        digits(day, 2, then: "T")
        digits(msOfDay / 3_600_000, 2, then: ":")
        digits(msOfDay / 60_000 % 60, 2, then: ":")
        digits(msOfDay / 1000 % 60, 2, then: ".")
        digits(msOfDay % 1000, 3, then: "Z")
    }

    /// The timestamp as text (for messages and file names).
    static func string(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A compact UTC time for file names: `20250301T123456Z`.
    static func fileNameStamp(_ date: Date) -> String {
        String(string(date).filter { $0 != "-" && $0 != ":" }.prefix(15)) + "Z"
    }

    /// Reads an ISO 8601 date-time; `nil` when `bytes` is not one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        // The form this file writes, `YYYY-MM-DDTHH:MM:SS.mmmZ`, is read by hand.
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + Int64(byte &- UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23)
        else { return slowParse(bytes) }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        guard (1...12).contains(month), CivilCalendar.date(fromDays: days) == (year, month, day), hour < 24, minute < 60, second < 61
        else { return nil }
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: Double(seconds * 1000 + millis) / 1000)
    }

    /// Other forms, with a time zone (a time without one is refused: it could be any).
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("Z") || text.range(of: #"T.*[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil else { return nil }
        let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
        return date.map(rounded)
    }
}
