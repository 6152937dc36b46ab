import Foundation

/// `TZ` as libc reads it, made one Foundation reads too. Foundation takes only a zone's name
/// (`Asia/Kolkata`); given `:Asia/Kolkata`, a zoneinfo file's path or a POSIX rule
/// (`IST-5:30`), all of which `date` and `ls` follow, it falls back to UTC, and every time
/// shown would be UTC's, unlabelled, as if it were local.
public enum TimeZoneVariable {
    /// Sets `TZ` to what `normalized` makes of it; call it first, before any time is shown.
    public static func normalizeEnvironment() {
        guard let value = getenv("TZ").map({ String(cString: $0) }),
              let normalized = normalized(value, offsetNow: { libcOffsetNow() })
        else { return }
        setenv("TZ", normalized, 1)
    }

    /// The value for `TZ` that Foundation reads as libc reads `value`; `nil` when it reads it
    /// already, or it is empty (UTC for both). `:Area/City` and `…/zoneinfo/Area/City` name the
    /// zone; anything else (a POSIX rule) is the offset libc gives now, `offsetNow()` seconds
    /// east of UTC, as `GMT+0530` (its summer time, if the rule has one, is not followed).
    static func normalized(_ value: String, offsetNow: () -> Int) -> String? {
        guard !value.isEmpty, TimeZone(identifier: value) == nil else { return nil }
        var name = value.hasPrefix(":") ? String(value.dropFirst()) : value
        if let range = name.range(of: "zoneinfo/", options: .backwards) { name = String(name[range.upperBound...]) }
        if TimeZone(identifier: name) != nil { return name }
        let offset = offsetNow()
        return String(format: "GMT%@%02d%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) / 60 % 60)
    }

    /// The offset from UTC, in seconds east, that libc's `localtime` uses now.
    private static func libcOffsetNow() -> Int {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return parts.tm_gmtoff
    }
}
