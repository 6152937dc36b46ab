import Foundation
import MarketplaceAPI
import Testing
@testable import AssetCore

/// The rate, ETA and stall of an upload, as the TUI's Upload pane and the command line's
/// progress bar show them.
@Suite struct TransferRateTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func rateAndETAOverTheLastFewSeconds() {
        var rate = TransferRate()
        #expect(rate.bytesPerSecond == nil)
        rate.record(bytes: 0, at: Self.start)
        rate.record(bytes: 1_000_000, at: Self.start.addingTimeInterval(2))
        #expect(rate.bytesPerSecond == 500_000)
        #expect(rate.secondsLeft(remaining: 1_500_000) == 3)
        // Old samples leave the window.
        for second in 3...20 { rate.record(bytes: 1_000_000 + Int64(second - 2) * 100_000, at: Self.start.addingTimeInterval(Double(second))) }
        #expect(rate.samples.count <= 5)
        #expect(rate.bytesPerSecond == 100_000)
    }

    @Test("without a byte sent for 3 s an upload is stalled, and its rate decays with each second's tick; the whole file sent, it waits")
    func stalledOrWaiting() {
        var rate = TransferRate()
        rate.record(bytes: 0, at: Self.start)
        rate.record(bytes: 400, at: Self.start.addingTimeInterval(1))
        let halfway = UploadProgress(sentBytes: 400, totalBytes: 1_000)
        rate.tick(at: Self.start.addingTimeInterval(3))
        #expect(rate.idleText(of: halfway) == nil, "2 s without progress is no stall yet")
        rate.tick(at: Self.start.addingTimeInterval(4))
        rate.tick(at: Self.start.addingTimeInterval(5))
        #expect(rate.idleText(of: halfway) == "stalled for 0:04")
        #expect(rate.bytesPerSecond == 0, "the window holds no progress any more")
        #expect(rate.idleText(of: UploadProgress(sentBytes: 1_000, totalBytes: 1_000)) == "waiting 0:04")
        rate.record(bytes: 500, at: Self.start.addingTimeInterval(6))
        #expect(rate.idleText(of: halfway) == nil, "bytes moved again")
    }
}
