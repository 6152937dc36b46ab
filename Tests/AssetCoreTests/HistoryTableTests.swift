import Foundation
import Testing
@testable import AssetCore

@Suite struct HistoryTableTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let date = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28 20:26:40 UTC
    static let entries = [
        SampleEntries.artifact("a-plugin-with-a-rather-long-file-name-1.0.0.jar", createdAt: date),
        SampleEntries.image("a-screenshot-of-the-configuration-page.png", createdAt: date),
        SampleEntries.failed("missing.jar"),
    ]

    @Test("at 80 columns every line fits, the IDs are whole, long names are cut in the middle keeping their version, a failure's reason has its own line")
    func fitsEightyColumns() {
        let lines = HistoryTable.lines(Self.entries, width: 80, timeZone: Self.utc)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        // The sample image IDs are 40 characters, so the time keeps its day only.
        #expect(lines[0].hasPrefix("2026-05-28  ART  \(Self.entries[0].id!)      1.6 kB  a-p"))
        #expect(lines[0].hasSuffix("…1.0.0.jar"), "\(lines[0])")
        #expect(HistoryTable.lines(Self.entries, width: 100, timeZone: Self.utc)[0].hasPrefix("2026-05-28 20:26  ART  "))
        #expect(lines[1].contains("  IMG  \(Self.entries[1].id!) "))
        #expect(lines[1].hasSuffix("…age.png"), "a name cut below a dozen columns with its imageType goes without it: \(lines[1])")
        #expect(lines[2].contains("(failed)") && lines[2].hasSuffix("missing.jar"))
        #expect(lines[3].hasPrefix("    ✗ Marketplace had a server error (HTTP 500)") && !lines[3].contains("\u{1B}"))
    }

    @Test("names that differ stay apart once cut: the part after the start they share is kept (a dc and a server build of one version)")
    func namesStayApart() {
        let entries = [
            SampleEntries.artifact("acme-timesheets-dc-2.3.1.jar", createdAt: Self.date),
            SampleEntries.artifact("acme-timesheets-server-2.3.1.jar", createdAt: Self.date),
            SampleEntries.artifact("acme-timesheets-dc-2.3.1.jar", createdAt: Self.date),
        ]
        let lines = HistoryTable.lines(entries, width: 80, timeZone: Self.utc)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        let names = lines.map { String($0.split(separator: " ").last!) }
        #expect(names[0].hasSuffix("…dc-2.3.1.jar") && names[1].hasSuffix("…server-2.3.1.jar") && names[2] == names[0], "\(names)")
        #expect(TextLayout.truncateMiddle("acme-timesheets-dc-2.3.1.jar", toWidth: 17, keepingFrom: 16) == "acme…dc-2.3.1.jar")
        #expect(TextLayout.truncateMiddle("short.jar", toWidth: 17, keepingFrom: 3) == "short.jar")
        // Three names, two of which share more: each keeps what follows the start it shares with its nearest.
        let three = ["acme-connector-for-jira-server-edition-2.3.1.png", "acme-connector-for-jira-datacenter-edition-2.3.1.png",
                     "acme-connector-for-confluence-datacenter-edition-2.3.1.png"].map { SampleEntries.image($0, createdAt: Self.date) }
        for width in [68, 80, 100] {
            let cut = HistoryTable.lines(three, width: width, timeZone: Self.utc).compactMap { $0.split(separator: " ").last { $0.contains(".png") } }
            #expect(Set(cut).count == 3, "at \(width): \(cut)")
        }
    }

    @Test("an upload whose last refresh failed says so, not as a failed attempt (✗ is for those, which --remove-failed removes)")
    func aFailedRefreshIsNoFailedAttempt() {
        var refreshed = SampleEntries.artifact("app-1.0.0.jar", createdAt: Self.date)
        refreshed.failure = "Marketplace found nothing there (HTTP 404)"
        #expect(refreshed.refreshFailed && !SampleEntries.failed("missing.jar").refreshFailed)
        let lines = HistoryTable.lines([refreshed], width: nil, timeZone: Self.utc)
        #expect(lines.count == 2 && lines[1] == "    ! last refresh failed: Marketplace found nothing there (HTTP 404)", "\(lines)")
        var mismatch = refreshed
        mismatch.verified = false
        #expect(!mismatch.refreshFailed, "a checksum mismatch is the upload's own failure")
    }

    @Test("an image Marketplace holds under another name (sent under its format's extension) shows that name on a line of its own")
    func theNameOnMarketplace() {
        var renamed = SampleEntries.image("banner.png")
        renamed.image?.name = "banner.jpg"
        let lines = HistoryTable.lines([renamed, SampleEntries.image("icon.png")], width: 80, timeZone: Self.utc)
        #expect(lines.count == 3 && lines[0].contains("banner.png") && lines[1] == "    on Marketplace: banner.jpg", "\(lines)")
    }

    @Test("into a pipe nothing is cut; the imageType follows the name; --all-servers adds each entry's server")
    func withoutAWidth() {
        let lines = HistoryTable.lines(Self.entries, width: nil, withServer: true, timeZone: Self.utc)
        #expect(lines[0].hasSuffix("a-plugin-with-a-rather-long-file-name-1.0.0.jar  @ \(SampleEntries.server)"))
        #expect(lines[1].hasSuffix("a-screenshot-of-the-configuration-page.png (icon)  @ \(SampleEntries.server)"))
    }

    @Test("--all-servers with room: the server ends each line, never cut, and the name is cut before it")
    func serversAtTheEndOfTheirLines() {
        let lines = HistoryTable.lines(Self.entries, width: 120, withServer: true, timeZone: Self.utc)
        #expect(lines[0].hasPrefix("2026-05-28  ART  "))
        #expect(lines.allSatisfy { $0.count <= 120 && (!$0.contains("@") || $0.hasSuffix("@ \(SampleEntries.server)")) }, "\(lines)")
        #expect(lines[0].hasSuffix("1.0.0.jar  @ \(SampleEntries.server)") && lines[0].contains("…"), "\(lines)")
        #expect(HistoryTable.lines([], width: 80) == ["no history entries"])
    }

    @Test("where a server leaves less than a dozen columns of the name, it has a line of its own under its entry, and every line fits")
    func serversOnTheirOwnLines() {
        let lines = HistoryTable.lines(Self.entries, width: 80, withServer: true, timeZone: Self.utc)
        #expect(lines.count == 7, "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("    ✗ ") }, "\(lines)")
        #expect(lines[0].hasSuffix("1.0.0.jar") && lines[1] == "    @ \(SampleEntries.server)", "\(lines)")
        let withoutServers = HistoryTable.lines(Self.entries, width: 80, timeZone: Self.utc)
        #expect([lines[0], lines[2], lines[4]] == Array(withoutServers.prefix(3)), "each entry's line is as without --all-servers: \(lines)")
        #expect(lines[5] == "    @ \(SampleEntries.server)" && lines[6].hasPrefix("    ✗ "), "the server comes before a failure's reason: \(lines)")
    }

    @Test("too narrow for a dozen characters of the name, each entry takes two lines, and every line fits", arguments: [58, 60, 64])
    func twoLines(width: Int) {
        let lines = HistoryTable.lines(Self.entries, width: width, timeZone: Self.utc)
        #expect(lines.count == 7, "\(lines)")
        #expect(lines.allSatisfy { $0.count <= width || $0.hasPrefix("    ✗ ") }, "\(lines)")
        // The hours come back once the ID's line has room for them.
        #expect(lines[0] == (width >= 63 ? "2026-05-28 20:26" : "2026-05-28") + "  ART  \(Self.entries[0].id!)")
        #expect(lines[1].hasPrefix("    ") && lines[1].contains("1.6 kB  a-plugin") && lines[1].hasSuffix("1.0.0.jar"), "\(lines[1])")
        #expect(width > 60 || lines[3].contains("…"), "the image's name and type are cut: \(lines[3])")
        #expect(lines[2].hasSuffix("IMG  \(Self.entries[1].id!)"))
        #expect(lines[6].hasPrefix("    ✗ "))
    }

    @Test("a wider terminal never shows less of a name: the hours go where every name then shows whole")
    func hoursGiveWayToWholeNames() {
        let entries = [SampleEntries.artifact("app-dc-1.1.0.jar", createdAt: Self.date), SampleEntries.artifact("big-app-2.0.5.jar", createdAt: Self.date)]
        // 36 columns of ID: from 82 columns the hours would leave the names 12, cutting them.
        for width in 80...100 {
            let lines = HistoryTable.lines(entries, width: width, timeZone: Self.utc)
            #expect(lines[0].hasSuffix("app-dc-1.1.0.jar") && lines[1].hasSuffix("big-app-2.0.5.jar") && lines.allSatisfy { $0.count <= width }, "\(width): \(lines)")
            #expect(lines[0].hasPrefix("2026-05-28 20:26") == (width >= 86), "the hours once the names fit beside them, \(width): \(lines[0])")
        }
        // Names cut even without the hours keep them while a dozen columns are left.
        let long = [SampleEntries.artifact("a-very-long-plugin-name-for-reports-2.0.1.jar", createdAt: Self.date)]
        #expect(HistoryTable.lines(long, width: 82, timeZone: Self.utc)[0].hasPrefix("2026-05-28 20:26"))
    }

    @Test("names are measured in columns: a wide name fits the terminal as it is drawn")
    func wideCharacters() {
        let entries = [SampleEntries.artifact("日本語のとても長いプラグインの名前-2.0.1.jar", createdAt: Self.date)]
        let lines = HistoryTable.lines(entries, width: 80, timeZone: Self.utc)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "\(lines)")
        #expect(lines[0].hasSuffix("…2.0.1.jar"), "\(lines[0])")
    }

    @Test("the imageType follows a name cut in the middle when a dozen columns of the name are left beside it")
    func imageTypeBesideACutName() {
        let entries = [SampleEntries.image("some-really-long-screenshot-name-v10.png", createdAt: Self.date)]
        let wide = HistoryTable.lines(entries, width: 100, timeZone: Self.utc)
        #expect(wide[0].hasSuffix("some-really-l…10.png (icon)"), "\(wide)")
        let cut = HistoryTable.lines(entries, width: 80, timeZone: Self.utc)
        #expect(cut[0].hasSuffix("10.png"), "\(cut)")
        #expect(!cut[0].contains("(ico…") && !cut[0].contains("…n)"), "the imageType is whole or left out: \(cut)")
    }
}
