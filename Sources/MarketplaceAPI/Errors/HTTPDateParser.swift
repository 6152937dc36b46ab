/// Parses the three HTTP date forms of RFC 9110 §5.6.7 into seconds since 1970 (UTC),
/// without `DateFormatter` (no locale, no time zone database) and without trapping.
enum HTTPDateParser {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let shortDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static func secondsSince1970(_ text: String) -> Int64? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        switch tokens.count {
        case 6: return imfFixdate(tokens)
        case 4: return rfc850(tokens)
        case 5: return asctime(tokens)
        default: return nil
        }
    }

    /// `sun, 06 nov 1994 08:49:37 gmt`
    private static func imfFixdate(_ t: [String]) -> Int64? {
        guard t[0].hasSuffix(","), shortDays.contains(String(t[0].dropLast())), t[5] == "gmt",
            let day = number(t[1], digits: 1...2), let month = monthNumber(t[2]),
            let year = number(t[3], digits: 4...4), let time = clock(t[4])
        else { return nil }
        return epochSeconds(year: year, month: month, day: day, time: time)
    }

    /// `sunday, 06-nov-94 08:49:37 gmt` (two-digit year: 70–99 → 19xx, 00–69 → 20xx; a
    /// four-digit year is accepted too).
    private static func rfc850(_ t: [String]) -> Int64? {
        guard t[0].hasSuffix(","), longDays.contains(String(t[0].dropLast())) || shortDays.contains(String(t[0].dropLast())),
            t[3] == "gmt", let time = clock(t[2])
        else { return nil }
        let parts = t[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let day = number(parts[0], digits: 1...2), let month = monthNumber(parts[1]),
            var year = number(parts[2], digits: 2...4), parts[2].count != 3
        else { return nil }
        if parts[2].count == 2 { year += year < 70 ? 2000 : 1900 }
        return epochSeconds(year: year, month: month, day: day, time: time)
    }

    /// `sun nov  6 08:49:37 1994`
    private static func asctime(_ t: [String]) -> Int64? {
        guard shortDays.contains(t[0]), let month = monthNumber(t[1]), let day = number(t[2], digits: 1...2),
            let time = clock(t[3]), let year = number(t[4], digits: 4...4)
        else { return nil }
        return epochSeconds(year: year, month: month, day: day, time: time)
    }

    private static func monthNumber(_ token: String) -> Int? {
        months.firstIndex(of: token).map { $0 + 1 }
    }

    /// A decimal number of `digits` ASCII digits.
    private static func number(_ token: String, digits: ClosedRange<Int>) -> Int? {
        let bytes = Array(token.utf8)
        guard digits.contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `hh:mm:ss` → seconds into the day (a leap second 60 is allowed).
    private static func clock(_ token: String) -> Int? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let hour = number(parts[0], digits: 2...2), let minute = number(parts[1], digits: 2...2),
            let second = number(parts[2], digits: 2...2), hour < 24, minute < 60, second <= 60
        else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    /// Seconds from 1970-01-01T00:00:00Z to `time` seconds into a proleptic Gregorian date (its
    /// days by Howard Hinnant's `days_from_civil`), `nil` for a day the month does not have.
    private static func epochSeconds(year: Int, month: Int, day: Int, time: Int) -> Int64? {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= lengths[month - 1] else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Int64(days) * 86_400 + Int64(time)
    }
}
