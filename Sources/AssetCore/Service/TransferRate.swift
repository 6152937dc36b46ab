import Foundation
import MarketplaceAPI

/// The transfer rate of an upload, from the progress reports of the last few seconds, and
/// whether it stalled: what the TUI's Upload pane and the command line's progress bar show.
public struct TransferRate: Sendable, Equatable {
    /// How far back the rate looks.
    static let window: TimeInterval = 3

    /// After this long without a byte sent, an upload is shown as stalled.
    static let stallAfter: TimeInterval = 3

    private(set) var samples: [Sample] = []
    /// When the byte count last changed.
    private(set) var lastChange: Date?
    /// The latest time known: the last sample's or the last tick's.
    private(set) var now: Date?

    public init() {}

    struct Sample: Sendable, Equatable {
        var time: Date
        var bytes: Int64
    }

    /// Records that `bytes` had been sent at `time`.
    public mutating func record(bytes: Int64, at time: Date) {
        if samples.last?.bytes != bytes { lastChange = time }
        now = time
        samples.append(Sample(time: time, bytes: bytes))
        let cutoff = time.addingTimeInterval(-Self.window)
        // Keep one sample older than the window, so a rate spans (about) the whole window.
        while samples.count > 2, samples[1].time < cutoff { samples.removeFirst() }
    }

    /// A second went by: without new progress the rate decays towards 0 over the window.
    public mutating func tick(at time: Date) {
        guard let last = samples.last, time.timeIntervalSince(last.time) >= 1 else {
            now = max(now ?? time, time)
            return
        }
        record(bytes: last.bytes, at: time)
    }

    /// How long no byte has been sent, once that is `stallAfter` or more.
    public var stalledFor: TimeInterval? {
        guard let lastChange, let now else { return nil }
        let idle = now.timeIntervalSince(lastChange)
        return idle >= Self.stallAfter ? idle : nil
    }

    /// Bytes per second over the window, or `nil` before there are two samples apart in time.
    public var bytesPerSecond: Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let elapsed = last.time.timeIntervalSince(first.time)
        guard elapsed > 0.05 else { return nil }
        return Double(last.bytes - first.bytes) / elapsed
    }

    /// Seconds left for `remaining` bytes at the current rate, when there is a rate.
    public func secondsLeft(remaining: Int64) -> Double? {
        guard let rate = bytesPerSecond, rate > 0 else { return nil }
        return Double(remaining) / rate
    }

    /// `stalled for 0:07` once no byte has been sent for `stallAfter`; `waiting 0:07` when the
    /// whole file was sent (Marketplace reads and stores it before it answers: no stall).
    public func idleText(of progress: UploadProgress) -> String? {
        guard let stalled = stalledFor else { return nil }
        return (progress.sentWhole ? "waiting " : "stalled for ") + ClockDuration.format(stalled)
    }
}
