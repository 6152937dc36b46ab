import Testing
@testable import AssetCore

@Suite("TZ as libc reads it")
struct TimeZoneVariableTests {
    @Test("a zone name stays; :Area/City and a zoneinfo path name the zone; a POSIX rule is its offset now; empty is UTC", arguments: [
        ("Asia/Kolkata", nil),
        ("UTC", nil),
        ("", nil),
        (":Asia/Kolkata", "Asia/Kolkata"),
        ("/usr/share/zoneinfo/America/St_Johns", "America/St_Johns"),
        (":/usr/share/zoneinfo/Pacific/Chatham", "Pacific/Chatham"),
        ("IST-5:30", "GMT+0530"),
    ] as [(String, String?)])
    func normalized(value: String, expected: String?) {
        #expect(TimeZoneVariable.normalized(value, offsetNow: { 19_800 }) == expected)
    }

    @Test("an offset west of UTC, with minutes")
    func west() {
        #expect(TimeZoneVariable.normalized("NST3:30NDT", offsetNow: { -12_600 }) == "GMT-0330")
    }
}
