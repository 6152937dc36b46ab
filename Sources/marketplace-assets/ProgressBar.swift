import AssetCore
import Foundation
import MarketplaceAPI

/// A one-line progress bar on stderr (bytes, percent, rate, ETA), drawn only when stderr is
/// a terminal and not a CI runner's (`Console.drawsProgress`), at most ten times a second and once a second without progress (so that a
/// stalled upload says so), and erased when the upload ends. A notice printed meanwhile
/// (`printAbove`) takes the bar's line; the bar comes back once bytes move again.
final class ProgressBar: Sendable {
    private struct Drawn {
        var progress: UploadProgress?
        var rate = TransferRate()
        var lastDraw: Date?
        /// The columns the bar takes on the terminal now; 0 while none is shown.
        var columns = 0
        /// The bytes sent when a notice took the bar's line: the upload waits on something else
        /// (the history's lock, the keyring), and no bar is drawn until bytes move again.
        var quietAt: Int64?
        var ended = false
    }

    /// The bar on the terminal now, whose line a notice takes first.
    private static let shown = LockedValue<ProgressBar?>(nil)

    private let label: String
    private let state = LockedValue(Drawn())
    /// Whether it draws at all: stderr is a terminal.
    let enabled: Bool

    init(label: String, enabled: Bool = Console.drawsProgress) {
        self.label = label
        self.enabled = enabled
        if enabled { Self.shown.withLock { $0 = self } }
    }

    /// Prints `line` on stderr, in the place of the bar on the terminal, if one is.
    static func printAbove(_ line: String) {
        // Under `shown`'s lock, so that no next bar of a batch draws between the look and the line.
        shown.withLock { bar in
            guard let bar else { return Console.error(line) }
            bar.state.withLock { drawn in
                if drawn.columns > 0 { Console.errorRaw(Console.clearLine(columns: drawn.columns)) }
                drawn.columns = 0
                drawn.quietAt = drawn.progress?.sentBytes ?? 0
                Console.error(line)
            }
        }
    }

    /// Redraws the bar for `progress` unless one was drawn less than 100 ms ago (the last one always draws).
    func update(_ progress: UploadProgress) {
        guard enabled else { return }
        state.withLock { drawn in
            // A retry starts again from 0, and its rate with it.
            if let previous = drawn.progress, progress.sentBytes < previous.sentBytes { drawn.rate = TransferRate() }
            if drawn.quietAt != progress.sentBytes { drawn.quietAt = nil }
            drawn.progress = progress
            let now = Date()
            if progress.sentBytes < progress.totalBytes, let last = drawn.lastDraw, now.timeIntervalSince(last) < 0.1 { return }
            draw(&drawn, at: now)
        }
    }

    /// A second went by: the bar is drawn again, its rate decayed, `stalled for 0:04` (or
    /// `waiting`, the whole file sent) once no byte has gone for a few seconds.
    func tick() {
        guard enabled else { return }
        state.withLock { drawn in draw(&drawn, at: Date()) }
    }

    /// Erases the bar; it is not drawn again.
    func finish() {
        guard enabled else { return }
        Self.shown.withLock { if $0 === self { $0 = nil } }
        state.withLock { drawn in
            if drawn.columns > 0 { Console.errorRaw(Console.clearLine(columns: drawn.columns)) }
            drawn.columns = 0
            drawn.ended = true
        }
    }

    /// Under the lock, so that a tick, an update and a notice write one after the other, and
    /// nothing after `finish`. The rate takes a sample per draw, not per report: a 1 GiB upload
    /// reports thousands of chunks a second.
    private func draw(_ drawn: inout Drawn, at now: Date) {
        guard !drawn.ended, drawn.quietAt == nil, let progress = drawn.progress else { return }
        drawn.rate.record(bytes: progress.sentBytes, at: now)
        let line = Self.fitted(progress, rate: drawn.rate, label: label, columns: Console.stderrWidth)
        Console.errorRaw(Console.clearLine(columns: drawn.columns) + line)
        drawn.lastDraw = now
        drawn.columns = max(DisplayWidth.of(line), 1)
    }

    /// The fullest line `render` makes that fits in `columns` less one (a line reaching the last
    /// column wraps on some terminals, and `\r` then clears only its last row): the bar narrower
    /// first, then without the rate, the byte counts and the ETA, and at last with the label cut.
    /// `stalled for 0:04` (or `waiting`) goes last: the label is cut first, since a bar that
    /// stopped moving and says nothing looks like one still going.
    static func fitted(_ progress: UploadProgress, rate: TransferRate, label: String, columns: Int?) -> String {
        guard let columns else { return render(progress, rate: rate, label: label) }
        let room = max(columns - 1, 1)
        let idle = rate.idleText(of: progress) != nil
        for detail in Detail.allCases.reversed() where !(idle && detail == .percent) {
            for width in stride(from: 24, through: 10, by: -7) {
                let line = render(progress, rate: rate, label: label, width: width, detail: detail)
                if DisplayWidth.of(line) <= room { return line }
            }
        }
        let stalled = render(progress, rate: rate, label: "", width: 10, detail: .eta)
        let rest = idle && DisplayWidth.of(stalled) + 2 <= room ? stalled : render(progress, rate: rate, label: "", width: 10, detail: .percent)
        return TextLayout.truncate(TextLayout.truncate(label, toWidth: max(room - DisplayWidth.of(rest), 1)) + rest, toWidth: room)
    }

    /// How much a line says beside the bar and the percentage, least first.
    enum Detail: Int, CaseIterable, Comparable {
        case percent, eta, bytes, rate

        static func < (a: Detail, b: Detail) -> Bool { a.rawValue < b.rawValue }
    }

    /// `label [#######-------]  45%  12.3 MB / 27.0 MB  120.4 MB/s  ETA 0:03`; without progress
    /// for a few seconds, `stalled for 0:04` (or `waiting 0:04`) in place of the rate and ETA.
    static func render(_ progress: UploadProgress, rate: TransferRate, label: String, width: Int = 24, detail: Detail = .rate) -> String {
        let fraction = progress.fraction
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(Int(fraction * 100))
        let paddedPercent = String(repeating: " ", count: max(0, 3 - percent.count)) + percent
        var line = "\(label) [\(bar)] \(paddedPercent)%"
        if detail >= .bytes { line += "  \(ByteCount.format(progress.sentBytes)) / \(ByteCount.format(progress.totalBytes))" }
        if let idle = rate.idleText(of: progress) {
            if detail >= .eta { line += "  " + idle }
            return line
        }
        if detail >= .rate { line += "  " + (rate.bytesPerSecond.map { ByteCount.format(Int64($0)) + "/s" } ?? "–") }
        if detail >= .eta { line += "  ETA \(ClockDuration.format(rate.secondsLeft(remaining: progress.totalBytes - progress.sentBytes) ?? .nan))" }
        return line
    }
}
