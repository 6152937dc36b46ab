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
        /// Whether it waits (counted in `waiting`), or has ended: one lock, so that a cancel as it
        /// ends neither counts it for good nor uncounts it twice.
        let phase = LockedValue((waits: false, ended: false))
        defer {
            phase.withLock { phase in
                if phase.waits { waitingCount.withLock { $0 -= 1 } }
                phase = (false, true)
            }
        }
        return try await withTaskCancellationHandler {
            try await inner.value
        } onCancel: {
            guard sentWhole() else { return inner.cancel() }
            // Counted here, as the cancel is made: a signal handler that cancels reads it next.
            let counted = phase.withLock { phase in
                guard !phase.ended, !phase.waits else { return false }
                phase.waits = true
                waitingCount.withLock { $0 += 1 }
                return true
            }
            guard counted else { return }
            Task {
                try? await Task.sleep(for: duration)
                inner.cancel()
            }
        }
    }
}
