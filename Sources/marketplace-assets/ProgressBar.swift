import AssetCore
import Foundation
import MarketplaceAPI

/// A one-line progress bar on stderr (bytes, percent, rate, ETA), drawn only when stderr is
/// a terminal, at most ten times a second, and erased when the upload ends.
final class ProgressBar: Sendable {
    private struct Drawn {
        var lastDraw: ContinuousClock.Instant?
        var visible = false
        /// The columns the last line took, for a terminal cleared with spaces.
        var columns = 0
    }

    private let label: String
    private let start = ContinuousClock.now
    private let state = LockedValue(Drawn())
    private let enabled: Bool

    init(label: String, enabled: Bool = Console.stderrIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws the bar for `progress` unless one was drawn less than 100 ms ago (the last one always draws).
    func update(_ progress: UploadProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let finished = progress.sentBytes >= progress.totalBytes
        let line: String? = state.withLock { drawn in
            if !finished, let last = drawn.lastDraw, now - last < .milliseconds(100) { return nil }
            drawn.lastDraw = now
            drawn.visible = true
            let line = Self.fitted(progress, label: label, elapsed: now - start, columns: Console.stderrWidth)
            let clearPrevious = Console.clearLine(columns: drawn.columns)
            drawn.columns = DisplayWidth.of(line)
            return clearPrevious + line
        }
        if let line { Console.errorRaw(line) }
    }

    /// Erases the bar.
    func finish() {
        guard enabled else { return }
        let columns: Int? = state.withLock { drawn in
            defer { drawn.visible = false }
            return drawn.visible ? drawn.columns : nil
        }
        if let columns { Console.errorRaw(Console.clearLine(columns: columns)) }
    }

    /// The fullest line `render` makes that fits in `columns` less one (a line reaching the last
    /// column wraps on some terminals, and `\r` then clears only its last row): the bar narrower
    /// first, then without the rate, the byte counts and the ETA, and at last with the label cut.
    static func fitted(_ progress: UploadProgress, label: String, elapsed: Duration, columns: Int?) -> String {
        guard let columns else { return render(progress, label: label, elapsed: elapsed) }
        let room = max(columns - 1, 1)
        for detail in Detail.allCases.reversed() {
            for width in stride(from: 24, through: 10, by: -7) {
                let line = render(progress, label: label, elapsed: elapsed, width: width, detail: detail)
                if DisplayWidth.of(line) <= room { return line }
            }
        }
        let rest = render(progress, label: "", elapsed: elapsed, width: 10, detail: .percent)
        return TextLayout.truncate(TextLayout.truncate(label, toWidth: max(room - DisplayWidth.of(rest), 1)) + rest, toWidth: room)
    }

    /// How much a line says beside the bar and the percentage, least first.
    enum Detail: Int, CaseIterable, Comparable {
        case percent, eta, bytes, rate

        static func < (a: Detail, b: Detail) -> Bool { a.rawValue < b.rawValue }
    }

    /// `label [#######-------]  45%  12.3 MB / 27.0 MB  120.4 MB/s  ETA 0:03`
    static func render(_ progress: UploadProgress, label: String, elapsed: Duration, width: Int = 24, detail: Detail = .rate) -> String {
        let total = max(progress.totalBytes, 1)
        let fraction = min(max(Double(progress.sentBytes) / Double(total), 0), 1)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(progress.sentBytes) / seconds : 0
        let eta = rate > 0 ? Double(progress.totalBytes - progress.sentBytes) / rate : nil
        let percent = String(Int(fraction * 100))
        let paddedPercent = String(repeating: " ", count: max(0, 3 - percent.count)) + percent
        var line = "\(label) [\(bar)] \(paddedPercent)%"
        if detail >= .bytes { line += "  \(ByteCount.format(progress.sentBytes)) / \(ByteCount.format(progress.totalBytes))" }
        if detail >= .rate { line += "  \(ByteCount.format(Int64(rate)))/s" }
        if detail >= .eta { line += "  ETA \(ClockDuration.format(eta ?? .nan))" }
        return line
    }

}
