import AssetCore
import AssetInspection
import Foundation

/// `checking 37 of 300 banner.png` on stderr while a batch's files are checked before any
/// upload (each image is decoded whole: 300 large ones took half a minute, and a silent
/// terminal looked hung). Only on a terminal (`Console.drawsProgress`), only once the checks have taken half a second,
/// at most ten times a second; erased before any other line (`erase`) and at the end.
final class CheckingLine {
    private let total: Int
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    /// The columns the line takes on the terminal now; 0 while none is shown.
    private var columns = 0

    init(total: Int, enabled: Bool = Console.drawsProgress) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    /// Shows that the file at `place` (0-based) named `name` is being checked.
    func show(_ place: Int, name: String) {
        let now = ContinuousClock.now
        guard enabled, now - started >= .milliseconds(500), lastDraw.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        lastDraw = now
        let room = max((Console.stderrWidth ?? 80) - 1, 1)
        let line = TextLayout.truncate("checking \(place + 1) of \(total) \(SafeText.oneLine(name))", toWidth: room)
        Console.errorRaw(Console.clearLine(columns: columns) + line)
        columns = max(DisplayWidth.of(line), 1)
    }

    /// Erases the line, if one is shown (before an error line, and at the end).
    func erase() {
        guard columns > 0 else { return }
        Console.errorRaw(Console.clearLine(columns: columns))
        columns = 0
    }
}
