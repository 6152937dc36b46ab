import AssetCore
import Foundation

/// Sizes, dates, rates and durations as the screen shows them: short and fixed-width-friendly.
enum Formatting {
    /// `999 B`, `1.2 kB`, `34.5 MB`: the sizes the CLI prints too (see `ByteCount`).
    static func bytes(_ count: Int64) -> String { ByteCount.format(count) }

    /// `2024-05-01 14:03` (or with seconds) in `timeZone`.
    static func dateTime(_ date: Date, timeZone: TimeZone, seconds: Bool = false) -> String {
        CivilTime(date: date, timeZone: timeZone).dateTimeText(seconds: seconds)
    }

    /// A date column's text: `2024-05-01 14:03` when `long`; else as mail readers show it,
    /// `14:03` for a time of `today`'s date and `2024-05-01` for any other (for all when
    /// `today` is unknown).
    static func dateColumn(_ date: Date, long: Bool, today: Date?, timeZone: TimeZone) -> String {
        if long { return dateTime(date, timeZone: timeZone) }
        let parts = CivilTime(date: date, timeZone: timeZone)
        if let today, case let now = CivilTime(date: today, timeZone: timeZone),
           (now.year, now.month, now.day) == (parts.year, parts.month, parts.day) {
            return parts.timeText()
        }
        return parts.dateText
    }

    /// `2024-05-01` in `timeZone`.
    static func date(_ date: Date, timeZone: TimeZone) -> String {
        CivilTime(date: date, timeZone: timeZone).dateText
    }

    /// `3.4 MB/s`.
    static func rate(_ bytesPerSecond: Double) -> String {
        bytes(Int64(max(0, bytesPerSecond.rounded()))) + "/s"
    }

    /// `45%`.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded(.down)))%"
    }
}
