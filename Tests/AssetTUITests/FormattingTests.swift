import AssetCore
import Foundation
import Testing
@testable import AssetTUI

@Suite struct FormattingTests {
    @Test func aDateColumnShowsTodaysTimesAndAnyTimeAFileSystemHolds() {
        let utc = TimeZone(identifier: "UTC")!
        let noon = Date(timeIntervalSince1970: 1_714_564_800)  // 2024-05-01 12:00 UTC
        #expect(Formatting.dateColumn(noon, long: true, today: nil, timeZone: utc) == "2024-05-01 12:00")
        #expect(Formatting.dateColumn(noon, long: false, today: nil, timeZone: utc) == "2024-05-01")
        #expect(Formatting.dateColumn(noon, long: false, today: noon.addingTimeInterval(3600), timeZone: utc) == "12:00")
        #expect(Formatting.dateColumn(noon, long: false, today: noon.addingTimeInterval(86_400), timeZone: utc) == "2024-05-01")
        // tmpfs keeps `touch -d @9223372036854775807`: a date far out, never a trap.
        for far in [9.223372036854776e18, -9.223372036854776e18, Double.infinity] {
            #expect(!Formatting.dateColumn(Date(timeIntervalSince1970: far), long: true, today: noon, timeZone: utc).isEmpty)
        }
    }

    @Test func bytes() {
        #expect(Formatting.bytes(0) == "0 B")
        #expect(Formatting.bytes(999) == "999 B")
        #expect(Formatting.bytes(1_000) == "1.0 kB")
        #expect(Formatting.bytes(48_123) == "48.1 kB")
        #expect(Formatting.bytes(999_999) == "1.0 MB")
        #expect(Formatting.bytes(1_234_567) == "1.2 MB")
        #expect(Formatting.bytes(123_456_789) == "123 MB")
        #expect(Formatting.bytes(5_000_000_000) == "5.0 GB")
        #expect(ByteCount.exact(1_234_567) == "1,234,567 bytes")
        #expect(ByteCount.exact(1) == "1 byte")
        #expect(ByteCount.exact(999) == "999 bytes")
    }

    @Test func durationsRatesAndPercent() {
        #expect(ClockDuration.format(0) == "0:00")
        #expect(ClockDuration.format(6.2) == "0:07")
        #expect(ClockDuration.format(754) == "12:34")
        #expect(ClockDuration.format(3723) == "1:02:03")
        #expect(ClockDuration.format(.infinity) == "--:--")
        #expect(Formatting.rate(278_000) == "278 kB/s")
        #expect(Formatting.percent(0.4499) == "44%")
        #expect(Formatting.percent(1) == "100%")
    }

    @Test func datesInATimeZone() {
        let leapDay = Date(timeIntervalSince1970: 1_709_210_096)  // 2024-02-29 12:34:56 UTC
        #expect(Formatting.dateTime(leapDay, timeZone: Fixtures.utc, seconds: true) == "2024-02-29 12:34:56")
        #expect(Formatting.dateTime(leapDay, timeZone: TimeZone(identifier: "Asia/Tokyo")!) == "2024-02-29 21:34")
        #expect(Formatting.date(Date(timeIntervalSince1970: -1), timeZone: Fixtures.utc) == "1969-12-31")
        #expect(Formatting.dateTime(Date(timeIntervalSince1970: 951_782_400), timeZone: Fixtures.utc) == "2000-02-29 00:00")
    }
}
