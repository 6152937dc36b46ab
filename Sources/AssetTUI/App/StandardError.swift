import Foundation

/// Lines for stderr once the screen is given back (what a quit left unfinished, or could not
/// put back). Written with `write(2)`, its errors passed over: Foundation's `FileHandle.write`
/// traps on one, and a terminal closed under the TUI (SIGHUP) answers EIO, so the process died
/// before it recorded the uploads it was about to say it records.
enum StandardError {
    /// Writes `text` to `descriptor` (stderr), whole where it can.
    static func write(_ text: String, to descriptor: Int32 = STDERR_FILENO) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
