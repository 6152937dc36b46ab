import AssetCore
import Foundation
import Testing

/// `history --since WHEN` and `history ID…`: what a person types, read as git and journalctl read it.
struct HistorySelectionTests {
    let now = Date(timeIntervalSince1970: 1_764_806_400) // 2025-12-04T00:00:00Z
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    private func since(_ text: String, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> Date? {
        HistorySelection.since(text, now: now, timeZone: zone)
    }

    private func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test(arguments: [("90s", 90.0), ("30m", 1800), ("12h", 43_200), ("7d", 604_800), ("2w", 1_209_600), (" 1d ", 86_400), ("-30m", 1800)])
    func timeAgoCountsBackFromNow(text: String, seconds: Double) {
        #expect(since(text) == now.addingTimeInterval(-seconds))
    }

    @Test func dateIsLocalMidnight() {
        #expect(since("2026-12-01") == utc("2026-12-01T00:00:00Z"))
        #expect(since("2026-12-01", in: berlin) == utc("2026-11-30T23:00:00Z"))
        // Summer time: Berlin is UTC+2 in July.
        #expect(since("2026-07-01T14:30", in: berlin) == utc("2026-07-01T12:30:00Z"))
        #expect(since("2026-07-01 14:30:15", in: berlin) == utc("2026-07-01T12:30:15Z"))
    }

    @Test("a time alone is today's, in the local zone, or yesterday's when it is still to come (as git reads 13:39)")
    func aTimeAloneIsTodayOrYesterday() {
        // now is 2025-12-04 00:00 UTC, 01:00 in Berlin.
        #expect(since("00:30", in: berlin) == utc("2025-12-03T23:30:00Z"))
        #expect(since("0:30:15", in: berlin) == utc("2025-12-03T23:30:15Z"))
        #expect(since("13:39", in: berlin) == utc("2025-12-03T12:39:00Z"), "still to come today: yesterday's")
        #expect(since("00:00") == now, "now itself is today's")
        for text in ["24:00", "12:60", "1:2", "123:00", "12:00:60"] { #expect(since(text) == nil, "\(text)") }
        // The day after summer time began in Berlin (2026-03-29, 23 hours long), at 00:30: 23:45 is the 29th's.
        let afterChange = utc("2026-03-29T22:30:00Z")
        #expect(HistorySelection.since("23:45", now: afterChange, timeZone: berlin) == utc("2026-03-29T21:45:00Z"))
    }

    @Test func aZoneGivenIsTheZoneUsed() {
        #expect(since("2026-12-01T14:30Z", in: berlin) == utc("2026-12-01T14:30:00Z"))
        #expect(since("2026-12-01T14:30:00+01:00") == utc("2026-12-01T13:30:00Z"))
        #expect(since("2026-12-01T14:30-0530") == utc("2026-12-01T20:00:00Z"))
    }

    @Test func aCreatedAtOfTheHistoryIsTakenToTheMillisecond() {
        let entry = HistoryEntry(kind: .image, name: "a.png", serverURL: "demo", createdAt: HistoryStore.now())
        let createdAt = try! #require(String(decoding: HistoryEntry.json([entry]), as: UTF8.self).firstMatch(of: /"createdAt":"([^"]+)"/)?.1)
        #expect(createdAt.contains("."))
        #expect(since(String(createdAt), in: berlin) == entry.createdAt)
        #expect(since("2026-12-01T14:30:00.5+01:00") == utc("2026-12-01T13:30:00Z").addingTimeInterval(0.5))
    }

    @Test(arguments: ["", "yesterday", "1y", "7", "d", "2026-02-30", "2026-13-01", "2026-12-01T24:00", "2026-12-01T12:60",
                      "2026-12-1", "2026-12-01T14", "2026-12-01T14:30+25:00", "１d", "9999999d"])
    func anythingElseIsNone(text: String) {
        #expect(since(text) == nil)
    }

    @Test func anIDNamesAnEntryByItsIDOrItsEntryIdInAnyCase() {
        let entry = HistoryEntry(kind: .artifact, id: "abc-123", name: "a.jar", serverURL: "demo")
        #expect(HistorySelection.names(entry, "abc-123"))
        #expect(HistorySelection.names(entry, entry.entryId.uuidString.lowercased()))
        // As `artifact` takes an ID (a UUID, in either case), and as pasted with a space.
        #expect(HistorySelection.names(entry, "ABC-123") && HistorySelection.names(entry, " abc-123\n"))
        #expect(HistorySelection.entries(namedBy: ["ABC-123 "], in: [entry]) == [[entry]])
        #expect(!HistorySelection.names(HistoryEntry(kind: .image, name: "failed.png", serverURL: "demo"), ""))
    }

    @Test func manyIDsFindWhatEachOneNamesInTheEntriesOrder() {
        let a = HistoryEntry(kind: .artifact, id: "art-1", name: "a.jar", serverURL: "demo")
        let b = HistoryEntry(kind: .image, id: "img-1", name: "b.png", serverURL: "demo")
        let again = HistoryEntry(kind: .artifact, id: "art-1", name: "a.jar", serverURL: "demo")  // refreshed elsewhere: a second entry
        let failed = HistoryEntry(kind: .image, name: "c.png", serverURL: "demo")
        let entries = [a, b, again, failed]
        let ids = ["img-1", "art-1", failed.entryId.uuidString.lowercased(), "nothing", "img-1", a.entryId.uuidString]
        let found = HistorySelection.entries(namedBy: ids, in: entries).map { $0.map(\.entryId) }
        #expect(found == [[b.entryId], [a.entryId, again.entryId], [failed.entryId], [], [b.entryId], [a.entryId]])
        // The same as asking `names` of every entry for each ID.
        #expect(found == ids.map { id in entries.filter { HistorySelection.names($0, id) }.map(\.entryId) })
    }
}
