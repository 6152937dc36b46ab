import Foundation
import MarketplaceAPI
import PropertyBased
import Testing

@Suite("Retry-After")
struct RetryAfterTests {
    /// 1994-11-06 08:49:37 UTC, the RFC's example.
    static let rfcExample: Int64 = 784_111_777

    @Test("delta-seconds", arguments: [("0", 0), ("1", 1), ("120", 120), (" 7\t", 7), ("0042", 42)] as [(String, Int64)])
    func deltaSeconds(text: String, seconds: Int64) {
        #expect(RetryAfter(headerValue: text) == .delay(seconds: seconds))
    }

    @Test("A delta beyond Int64 is capped, not a crash")
    func hugeDelta() {
        #expect(RetryAfter(headerValue: "99999999999999999999999999") == .delay(seconds: .max))
        #expect(RetryAfter(headerValue: "99999999999999999999999999")?.seconds() == .max)
    }

    @Test("The three HTTP date forms", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "sun, 06 nov 1994 08:49:37 gmt",
        "Sun, 6 Nov 1994 08:49:37 GMT",
    ])
    func httpDates(text: String) {
        #expect(RetryAfter(headerValue: text) == .date(secondsSince1970: Self.rfcExample))
    }

    @Test("Dates around leap days and the 2000s")
    func calendarEdges() {
        #expect(RetryAfter(headerValue: "Thu, 01 Jan 1970 00:00:00 GMT") == .date(secondsSince1970: 0))
        #expect(RetryAfter(headerValue: "Tue, 29 Feb 2000 12:00:00 GMT") == .date(secondsSince1970: 951_825_600))
        #expect(RetryAfter(headerValue: "Sat, 01 Jan 2000 00:00:00 GMT") == .date(secondsSince1970: 946_684_800))
        #expect(RetryAfter(headerValue: "Saturday, 01-Jan-00 00:00:00 GMT") == .date(secondsSince1970: 946_684_800))
        #expect(RetryAfter(headerValue: "Fri, 29 Feb 2019 00:00:00 GMT") == nil)
        #expect(RetryAfter(headerValue: "Mon, 31 Apr 2024 00:00:00 GMT") == nil)
    }

    @Test("Not a Retry-After value", arguments: [
        "", " ", "-1", "1.5", "1e3", "soon", "+5", "0x10",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-994 08:49:37 GMT",
        "Sun Nov  6 08:49 1994", "Sun, 06 Nov 1994 08:49:37 GMT extra",
    ])
    func invalid(text: String) {
        #expect(RetryAfter(headerValue: text) == nil)
    }

    @Test("The wait counts from now and is never negative")
    func secondsFromNow() {
        let now = Date(timeIntervalSince1970: TimeInterval(Self.rfcExample))
        #expect(RetryAfter.date(secondsSince1970: Self.rfcExample + 90).seconds(from: now) == 90)
        #expect(RetryAfter.date(secondsSince1970: Self.rfcExample - 90).seconds(from: now) == 0)
        #expect(RetryAfter.delay(seconds: 5).seconds(from: now) == 5)
        #expect(RetryAfter.date(secondsSince1970: Self.rfcExample + 1).seconds(from: now.addingTimeInterval(0.25)) == 1)
    }

    @Test("Waits are described the way people say them")
    func describe() {
        #expect(RetryAfter.describe(seconds: 45) == "45 s")
        #expect(RetryAfter.describe(seconds: 180) == "3 min")
        #expect(RetryAfter.describe(seconds: 3600) == "60 min")
        #expect(RetryAfter.describe(seconds: 7200) == "2 h")
        #expect(RetryAfter.describe(seconds: 7500) == "2 h 5 min")
        #expect(RetryAfter.describe(seconds: 86_400) == "24 h")
        #expect(RetryAfter.describe(seconds: 3 * 86_400) == "3 days")
        #expect(RetryAfter.describe(seconds: 365 * 86_400) == "365 days")
        #expect(RetryAfter.describe(seconds: Int64.max) == "more than a year", "a hostile Retry-After")
    }

    // MARK: Properties

    @Test("Random text never crashes the parser, and whatever parses gives a wait ≥ 0")
    func randomTextNeverCrashes() async {
        let anyText = Gen<Character>.character(in: "\u{0}"..."\u{2FF}").string(of: 0...40)
        await propertyCheck(count: 2000, input: anyText) { text in
            if let parsed = RetryAfter(headerValue: text) {
                #expect(parsed.seconds(from: Date()) >= 0)
            }
        }
    }

    @Test("Near-miss dates (shuffled real tokens) never crash the parser")
    func nearMissDates() async {
        let tokens = ["Sun,", "Sunday,", "Sun", "06", "6", "Nov", "06-Nov-94", "1994", "08:49:37", "GMT", "24:00:00", "99", "-", ":", "", "Feb", "29", "2000"]
        let nearMiss = Gen<String?>.element(of: tokens).array(of: 0...7).map { $0.compactMap { $0 }.joined(separator: " ") }
        await propertyCheck(count: 2000, input: nearMiss) { text in
            _ = RetryAfter(headerValue: text)
        }
    }

    @Test("Any delta-seconds round-trips")
    func deltaRoundTrip() async {
        await propertyCheck(count: 500, input: Gen<Int64>.int64(in: 0...Int64.max)) { seconds in
            #expect(RetryAfter(headerValue: String(seconds)) == .delay(seconds: seconds))
        }
    }

    @Test("Any IMF-fixdate between 1970 and 9999 round-trips to the same instant")
    func imfFixdateRoundTrip() async {
        await propertyCheck(count: 1000, input: Gen<Int64>.int64(in: 0...253_402_300_799)) { instant in
            #expect(RetryAfter(headerValue: Self.imfFixdate(instant)) == .date(secondsSince1970: instant))
        }
    }

    /// Formats with Foundation's calendar, independently of the parser under test.
    static func imfFixdate(_ instant: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(instant))
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(days[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(String(format: "%04d", parts.year ?? 0)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }
}
