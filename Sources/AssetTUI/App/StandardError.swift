import AssetCore
import AssetInspection
import Foundation

/// Lines for stderr once the screen is given back (what a quit left unfinished, or could not
/// put back). Written with `AllBytes.write`, its errors passed over: Foundation's
/// `FileHandle.write` traps on one, and a terminal closed under the TUI (SIGHUP) answers EIO, so
/// the process died before it recorded the uploads it was about to say it records.
enum StandardError {
    /// Writes `text` to `descriptor` (stderr), whole where it can.
    static func write(_ text: String, to descriptor: Int32 = STDERR_FILENO) {
        var text = text
        _ = text.withUTF8 { AllBytes.write(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
