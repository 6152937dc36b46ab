import Foundation

/// Which history entries `history ID… --since WHEN` chooses: the IDs and the time a person
/// types, as `git log --since` and `journalctl --since` take them.
public enum HistorySelection {
    /// What `--since` accepts, for help and errors.
    public static let sinceFormats = "a date (2026-12-01, local midnight), a local date and time (2026-12-01T14:30, "
        + "or with seconds, a fraction, Z or an offset such as +01:00: a createdAt of history --json), a local time "
        + "(14:30, today, or yesterday when that is still to come), or a time ago (90s, 30m, 12h, 7d, 2w; -30m too, as journalctl takes it)"

    /// The moment `text` names, or `nil` when it is none of `sinceFormats`. A date without a
    /// zone is in `timeZone`; a time ago counts back from `now`, with or without a minus
    /// (`-30m`, as journalctl takes it).
    public static func since(_ text: String, now: Date = Date(), timeZone: TimeZone = .current) -> Date? {
        // (And a CRLF file's carriage return: `--since "$(cat since.txt)"`.)
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let match = text.wholeMatch(of: /-?(\d{1,6})([smhdw])/.asciiOnlyDigits()) {
            let unit: Double = switch match.2 { case "s": 1; case "m": 60; case "h": 3600; case "d": 86_400; default: 604_800 }
            return now.addingTimeInterval(-Double(match.1)! * unit)
        }
        if let match = text.wholeMatch(of: /(\d{1,2}):(\d{2})(:\d{2})?/.asciiOnlyDigits()) {
            let time = String(repeating: "0", count: 2 - match.1.count) + match.1 + ":" + match.2 + (match.3 ?? "")
            // Yesterday by the calendar, not 24 hours back (a day a clock change shortens has 23).
            let today = CivilTime(date: now, timeZone: timeZone)
            func at(daysBack: Int64) -> Date? {
                let day = CivilCalendar.date(fromDays: CivilCalendar.days(year: Int64(today.year), month: Int64(today.month), day: Int64(today.day)) - daysBack)
                let text = String(format: "%04lld-%02lld-%02lldT", day.year, day.month, day.day) + time
                return since(text, now: now, timeZone: timeZone)
            }
            guard let moment = at(daysBack: 0) else { return nil }
            return moment <= now ? moment : at(daysBack: 1)
        }
        // ASCII digits only: a fullwidth "１" matches \d, and Int("１") is nil.
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?/.asciiOnlyDigits()
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let (year, month, day) = (Int(match.1)!, Int(match.2)!, Int(match.3)!)
        let (hour, minute, second) = (match.4.map { Int($0)! } ?? 0, match.5.map { Int($0)! } ?? 0, match.6.map { Int($0)! } ?? 0)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let days = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
        // A day the month lacks (2026-02-30) comes back as another date.
        guard CivilCalendar.date(fromDays: days) == (Int64(year), Int64(month), Int64(day)) else { return nil }
        let fraction = match.7.map { Double("0" + $0)! } ?? 0
        let wallClock = Date(timeIntervalSince1970: TimeInterval(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) + fraction)
        guard let zone = match.8 else {
            // The zone's offset at that wall-clock time (twice: near a change, the first guess is an hour off).
            let guess = wallClock.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: wallClock)))
            return wallClock.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess)))
        }
        guard zone != "Z" else { return wallClock }
        let digits = zone.dropFirst().filter(\.isNumber)
        let (hours, minutes) = (Int(digits.prefix(2))!, Int(digits.suffix(2))!)
        guard hours < 24, minutes < 60 else { return nil }
        let offset = Double(hours * 3600 + minutes * 60) * (zone.first == "-" ? -1 : 1)
        return wallClock.addingTimeInterval(-offset)
    }

    /// Whether `id` names `entry`: its image or artifact ID, or its entryId (in any case).
    public static func names(_ entry: HistoryEntry, _ id: String) -> Bool {
        let id = matchable(id)
        return entry.id.map(matchable) == id || UUID(uuidString: id) == entry.entryId
    }

    /// An ID as it is compared: without spaces around it (pasted), in lower case (an artifact
    /// ID is a UUID, which `artifact` takes in either case, and an entryId too).
    static func matchable(_ id: String) -> String {
        id.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// For each of `ids`, the entries it names (`names`), in the order of `entries`: one pass
    /// over the entries for all the IDs (one pass per ID took 75 ms each at 100,000 entries,
    /// and a cleanup removes hundreds).
    public static func entries(namedBy ids: [String], in entries: [HistoryEntry]) -> [[HistoryEntry]] {
        var byID: [String: [Int]] = [:], byEntryId: [UUID: [Int]] = [:]
        for (position, id) in ids.map(matchable).enumerated() {
            byID[id, default: []].append(position)
            if let entryId = UUID(uuidString: id) { byEntryId[entryId, default: []].append(position) }
        }
        var found = Array(repeating: [HistoryEntry](), count: ids.count)
        for entry in entries {
            let byItsID = entry.id.flatMap { byID[matchable($0)] } ?? []
            guard let byItsEntryId = byEntryId[entry.entryId] ?? (byItsID.isEmpty ? nil : []) else { continue }
            for position in Set(byItsID + byItsEntryId) { found[position].append(entry) }
        }
        return found
    }
}
