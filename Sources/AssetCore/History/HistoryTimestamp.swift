import Foundation

/// ISO-8601 timestamps for the history file, UTC with milliseconds: `2025-03-01T12:34:56.789Z`.
///
/// Written and read by hand (civil-date arithmetic, no formatter objects) because the
/// history holds hundreds of thousands of them and Foundation's ISO-8601 formatting is
/// slow on Linux. Reading accepts what ISO-8601 tools commonly write: `T` or a space
/// between date and time, an optional fraction of any length, and `Z` or a `±HH:MM` offset.
enum HistoryTimestamp {
    /// `date` rounded to whole milliseconds, the precision the history keeps.
    ///
    /// Entries are created with rounded dates so that an entry read back from the file is
    /// equal to the one that was written.
    static func rounded(_ date: Date) -> Date {
        Date(timeIntervalSince1970: milliseconds(of: date).map { Double($0) / 1000 } ?? date.timeIntervalSince1970)
    }

    /// Whole milliseconds since 1970, or `nil` for a date too far out to represent.
    static func milliseconds(of date: Date) -> Int64? {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite, abs(value) < 9.0e15 else { return nil }
        return Int64(value)
    }

    /// Appends `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ` (years clamped to 0000...9999).
    static func append(_ date: Date, to out: inout [UInt8]) {
        let minMillis: Int64 = -62_167_219_200_000  // 0000-01-01T00:00:00Z
        let maxMillis: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999Z
        let millis = Swift.min(Swift.max(milliseconds(of: date) ?? 0, minMillis), maxMillis)
        let (days, msOfDay) = floorDivide(millis, 86_400_000)
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let seconds = msOfDay / 1000
        append(digits: year, count: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(digits: month, count: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(digits: day, count: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        append(digits: seconds / 3600, count: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(digits: seconds / 60 % 60, count: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(digits: seconds % 60, count: 2, to: &out)
        out.append(UInt8(ascii: "."))
        append(digits: msOfDay % 1000, count: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// The timestamp as a string (for messages and file names).
    static func string(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A compact UTC time for file names: `20250301T123456Z`.
    static func fileNameStamp(_ date: Date) -> String {
        String(string(date).lazy.filter { $0 != "-" && $0 != ":" }.prefix(15)) + "Z"
    }

    /// Parses an ISO-8601 date-time; `nil` when `bytes` is not one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var index = 0
        func number(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let digit = bytes[index + offset] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            index += count
            return value
        }
        // Up to three allowed bytes (no variadic: it would allocate an array per call).
        func take(_ allowed: UInt8, _ alternative: UInt8? = nil, _ another: UInt8? = nil) -> Bool {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            guard byte == allowed || byte == alternative || byte == another else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take(UInt8(ascii: "-")),
              let month = number(2), take(UInt8(ascii: "-")),
              let day = number(2), take(UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")),
              let hour = number(2), take(UInt8(ascii: ":")),
              let minute = number(2), take(UInt8(ascii: ":")),
              let second = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if take(UInt8(ascii: ".")) {
            var scale = 0.1
            var digits = 0
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                fraction += Double(bytes[index] &- UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if take(UInt8(ascii: "Z"), UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            index += 1
            guard let offsetHours = number(2), offsetHours < 24 else { return nil }
            _ = take(UInt8(ascii: ":"))
            guard let offsetMinutes = number(2), offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let wholeSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let millis = (Double(wholeSeconds) * 1000 + (fraction * 1000).rounded())
        return Date(timeIntervalSince1970: millis / 1000)
    }

    // MARK: Arithmetic

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func append(digits value: Int64, count: Int, to out: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
