import Glibc

/// A pipe that wakes the key loop out of its wait for a key when an effect posts a result,
/// so a result is drawn at once rather than when the key wait times out.
///
/// Both ends are non-blocking and close-on-exec (a clipboard tool the TUI starts must not
/// inherit them). A signal is one byte; a full pipe already means "wake up", so a failed
/// write is fine.
final class WakeUpPipe: Sendable {
    /// The end to `poll(2)` for reading.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    /// `nil` when the process is out of file descriptors; the key loop then still sees
    /// results when its key wait times out.
    init?() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the waiting side (or makes its next wait return at once).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe, so the next wait waits again.
    func clear() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &bytes, bytes.count) > 0 {}
    }
}
