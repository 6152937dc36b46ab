import Foundation

/// The transfer rate of an upload, from the progress reports of the last few seconds.
struct TransferRate: Sendable, Equatable {
    /// How far back the rate looks.
    static let window: TimeInterval = 3

    private(set) var samples: [Sample] = []

    struct Sample: Sendable, Equatable {
        var time: Date
        var bytes: Int64
    }

    /// Records that `bytes` had been sent at `time`.
    mutating func record(bytes: Int64, at time: Date) {
        samples.append(Sample(time: time, bytes: bytes))
        let cutoff = time.addingTimeInterval(-Self.window)
        // Keep one sample older than the window, so a rate spans (about) the whole window.
        while samples.count > 2, samples[1].time < cutoff { samples.removeFirst() }
    }

    /// Bytes per second over the window, or `nil` before there are two samples apart in time.
    var bytesPerSecond: Double? {
        guard let first = samples.first, let last = samples.last else { return nil }
        let elapsed = last.time.timeIntervalSince(first.time)
        guard elapsed > 0.05 else { return nil }
        return Double(last.bytes - first.bytes) / elapsed
    }

    /// Seconds left for `remaining` bytes at the current rate, when there is a rate.
    func secondsLeft(remaining: Int64) -> Double? {
        guard let rate = bytesPerSecond, rate > 0 else { return nil }
        return Double(remaining) / rate
    }
}
