import Foundation
import MarketplaceAPI

/// Runs blocking work on a thread of its own, off the few that Swift's tasks share (one per
/// core): one of libdispatch's global queue, which starts more as its threads block (a test
/// holds more lock waits than cores, and a read still runs). Used for work on the history
/// file, which may wait up to 30 s for another process's lock (`FileLock`), sleeping as it
/// waits, and the TUI's file previews and thumbnails, whose decoding may take seconds. On a
/// shared thread, two uploads recording at once on a 2-core machine held every other task of
/// the TUI (its exit, its timers, a folder's listing) until the lock came free, and a slow
/// image held an upload at "starting…".
public enum OwnThread {
    /// Set while work runs here: its caller's cancellation (no task runs on this thread).
    @TaskLocal private static var cancellation: LockedValue<Bool>?

    /// Whether the work running here (or the current task, elsewhere) was cancelled: what a wait
    /// that may end early, or a decoding between rows, asks.
    public static var isCancelled: Bool {
        Task.isCancelled || cancellation?.withLock { $0 } == true
    }

    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let cancelled = LockedValue(false)
        let result: Result<T, E> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(returning: $cancellation.withValue(cancelled) { Result { () throws(E) in try work() } })
                }
            }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
        return try result.get()
    }
}
