import Foundation

/// Proleptic Gregorian calendar arithmetic after Howard Hinnant (`days_from_civil`,
/// `civil_from_days`): no `Calendar` and no formatter objects, so it stays cheap for the
/// hundreds of thousands of dates the history file and the screen handle.
public enum CivilCalendar {
    /// The date `days` days after 1970-01-01.
    public static func date(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days from 1970-01-01 to the given date.
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A date split into calendar fields in a time zone.
public struct CivilTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// A time a file system can hold but no calendar needs (tmpfs takes `touch -d @2^63-1`) is
    /// held within ±10^15 seconds (some 30 million years) rather than overflowing.
    public init(date: Date, timeZone: TimeZone) {
        let offset = timeZone.secondsFromGMT(for: date)
        let since1970 = date.timeIntervalSince1970.isNaN ? 0 : min(max(date.timeIntervalSince1970, -1e15), 1e15)
        let seconds = Int64(since1970.rounded(.down)) + Int64(offset)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        let civil = CivilCalendar.date(fromDays: days)
        (year, month, day) = (Int(civil.year), Int(civil.month), Int(civil.day))
    }

    /// `2024-05-01`, as every date is written on screen and in the CLI's lines.
    public var dateText: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `14:03`, or `14:03:27` with `seconds`.
    public func timeText(seconds: Bool = false) -> String {
        seconds ? String(format: "%02d:%02d:%02d", hour, minute, second) : String(format: "%02d:%02d", hour, minute)
    }

    /// `2024-05-01 14:03`, or `2024-05-01 14:03:27` with `seconds`.
    public func dateTimeText(seconds: Bool = false) -> String { dateText + " " + timeText(seconds: seconds) }
}
