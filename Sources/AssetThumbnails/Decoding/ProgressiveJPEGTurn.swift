import Foundation
import Synchronization

/// One progressive JPEG decoded at a time in the process. Each keeps every coefficient of its
/// image until its last scan (up to `DecodeLimits.jpegMemory`, 40 MiB), and the TUI checks a
/// selected file and draws its thumbnail at once: a 12-megapixel progressive photo held both
/// buffers together (76 MB more at the peak, where the TUI keeps to 64 MiB in all). A baseline
/// JPEG, decoded row by row in little memory, never waits.
enum ProgressiveJPEGTurn {
    private static let taken = Mutex(false)

    /// Waits for the turn (looked at every 5 ms); `false`, without it, once `isCancelled` says
    /// the decoding is no longer wanted (the selection moved on).
    static func take(isCancelled: () -> Bool) -> Bool {
        while true {
            if taken.withLock({ taken in exchange(&taken, with: true) == false }) { return true }
            if isCancelled() { return false }
            usleep(5_000)
        }
    }

    /// Gives the turn back, for the next decoding waiting.
    static func give() {
        taken.withLock { $0 = false }
    }
}
