import Foundation

/// How a request cancelled once the whole of it has gone ends: it is given a moment for its
/// answer first. Marketplace may make such an upload all the same, and an image has no endpoint to
/// look it up by: cut off, its ID was lost, the history keeping only an attempt Marketplace "may
/// have made". A small file spends most of its upload waiting for that answer (the emulator's in
/// milliseconds, Marketplace's over the internet in a fraction of a second), so Ctrl-C or the
/// TUI's `x` nearly always landed there.
public enum CancellationGrace {
    /// How long a cancelled request waits for its answer: Marketplace's comes well within it, and
    /// the TUI, quitting, waits 3 s for its uploads, their history writes included.
    public static let duration: Duration = .seconds(2)

    /// How many cancelled requests wait for their answer now.
    public static var waiting: Int { waits.withLock { $0.count } }

    /// Ends every wait now (a second Ctrl-C): each request is cut off as if it had had no grace, and
    /// ends as one interrupted after sending, which the history keeps as an attempt. Returns whether
    /// any waited.
    @discardableResult
    public static func endWaits() -> Bool {
        let cuts = waits.withLock { exchange(&$0, with: [:]) }
        cuts.values.forEach { $0() }
        return !cuts.isEmpty
    }

    /// The requests waiting, by a number of their own: what cuts each off.
    private static let waits = LockedValue<[UUID: @Sendable () -> Void]>([:])

    /// Runs `operation` in a task of its own, so that cancelling the caller cancels it at once,
    /// unless `sentWhole()` holds then: it is then cancelled after `duration`, if it has not ended.
    static func run<T: Sendable>(
        sentWhole: @escaping @Sendable () -> Bool, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let inner = Task { try await operation() }
        let id = UUID()
        /// Whether it has ended: under one lock with `waits`, so that a cancel as it ends never leaves it listed.
        let ended = LockedValue(false)
        defer {
            ended.withLock { ended in
                ended = true
                _ = waits.withLock { $0.removeValue(forKey: id) }
            }
        }
        return try await withTaskCancellationHandler {
            try await inner.value
        } onCancel: {
            guard sentWhole() else { return inner.cancel() }
            // Listed here, as the cancel is made: a signal handler that cancels reads `waiting` next.
            let listed = ended.withLock { ended in
                guard !ended else { return false }
                waits.withLock { $0[id] = { inner.cancel() } }
                return true
            }
            guard listed else { return }
            Task {
                try? await Task.sleep(for: duration)
                inner.cancel()
            }
        }
    }
}
