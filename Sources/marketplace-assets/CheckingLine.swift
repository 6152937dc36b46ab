import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// `checking 37 of 300 banner.png` on stderr while a batch's files are checked before any
/// upload (each image is decoded whole: 300 large ones took half a minute, and a silent
/// terminal looked hung). Only on a terminal (`Console.drawsProgress`), only once the checks have
/// taken half a second, at most ten times a second; erased before any other line (`erase`) and at
/// the end. A timer draws what `show` could not yet: one slow file (a 49-megapixel PNG takes
/// seconds) gets its line while it is checked, not only the file after it.
final class CheckingLine: Sendable {
    private struct Shown {
        var lastDraw: ContinuousClock.Instant?
        /// The file being checked, and the one the line shows.
        var current: (place: Int, name: String)?, drawn: (place: Int, name: String)?
        /// The columns the line takes on the terminal now; 0 while none is shown.
        var columns = 0
        /// Draws `current` when `show` could not (it runs while files are checked).
        var timer: DispatchSourceTimer?
    }

    private let total: Int
    private let enabled: Bool
    private let started = ContinuousClock.now
    /// What changes, and every write to the terminal, under its lock: the timer's thread draws too.
    private let state = LockedValue(Shown())

    init(total: Int, enabled: Bool = Console.drawsProgress) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    deinit { state.withLock { $0.timer?.cancel() } }

    /// Shows that the file at `place` (0-based) named `name` is being checked.
    func show(_ place: Int, name: String) {
        guard enabled else { return }
        state.withLock { shown in
            shown.current = (place, name)
            draw(&shown)
            guard shown.timer == nil else { return }
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
            timer.setEventHandler { [weak self] in
                guard let self else { return }
                state.withLock { draw(&$0) }
            }
            timer.resume()
            shown.timer = timer
        }
    }

    /// Erases the line, if one is shown (before an error line, and at the end).
    func erase() {
        state.withLock { shown in
            shown.timer?.cancel()
            (shown.timer, shown.current, shown.drawn) = (nil, nil, nil)
            guard shown.columns > 0 else { return }
            Console.errorRaw(Console.clearLine(columns: shown.columns))
            shown.columns = 0
        }
    }

    /// Draws `current` once the checks have taken half a second, unless the line shows it already
    /// or was drawn less than 0.1 s ago. Under the lock.
    private func draw(_ shown: inout Shown) {
        let now = ContinuousClock.now
        guard let current = shown.current, current.place != shown.drawn?.place || current.name != shown.drawn?.name,
              now - started >= .milliseconds(500), shown.lastDraw.map({ now - $0 >= .milliseconds(100) }) ?? true else { return }
        (shown.lastDraw, shown.drawn) = (now, current)
        let room = max((Console.stderrWidth ?? 80) - 1, 1)
        let line = TextLayout.truncate("checking \(current.place + 1) of \(total) \(SafeText.oneLine(current.name))", toWidth: room)
        Console.errorRaw(Console.clearLine(columns: shown.columns) + line)
        shown.columns = max(DisplayWidth.of(line), 1)
    }
}
