/// How a request cancelled once the whole of it has gone ends: it is given a moment for its
/// answer first. Marketplace makes such an upload all the same, and an image has no endpoint to
/// look it up by: cut off, its ID was lost, the history keeping only an attempt Marketplace "may
/// have made". A small file spends most of its upload waiting for that answer (the emulator's in
/// milliseconds, Marketplace's over the internet in a fraction of a second), so Ctrl-C or the
/// TUI's `x` nearly always landed there.
public enum CancellationGrace {
    /// How long a cancelled request waits for its answer: Marketplace's comes well within it, and
    /// the TUI, quitting, waits 3 s for its uploads, their history writes included.
    public static let duration: Duration = .seconds(2)

    /// How many cancelled requests wait for their answer now. A second Ctrl-C, which ends the
    /// process at once, says that what they sent may have been made unrecorded.
    public static var waiting: Int { waitingCount.withLock { $0 } }

    private static let waitingCount = LockedValue(0)

    /// Runs `operation` in a task of its own, so that cancelling the caller cancels it at once,
    /// unless `sentWhole()` holds then: it is then cancelled after `duration`, if it has not ended.
    static func run<T: Sendable>(
        sentWhole: @escaping @Sendable () -> Bool, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let inner = Task { try await operation() }
        let waits = LockedValue(false)
        defer { if waits.withLock({ $0 }) { waitingCount.withLock { $0 -= 1 } } }
        return try await withTaskCancellationHandler {
            try await inner.value
        } onCancel: {
            guard sentWhole() else { return inner.cancel() }
            // Counted here, as the cancel is made: a signal handler that cancels reads it next.
            waits.withLock { $0 = true }
            waitingCount.withLock { $0 += 1 }
            Task {
                try? await Task.sleep(for: duration)
                inner.cancel()
            }
        }
    }
}
