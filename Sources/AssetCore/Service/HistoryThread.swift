import Foundation
import MarketplaceAPI

/// Runs work on the history file on a thread of its own, off the few that Swift's tasks
/// share (one per core).
///
/// A write may wait up to 30 s for another process's lock (`FileLock`), sleeping as it
/// waits: on a shared thread, two uploads recording at once on a 2-core machine held every
/// other task of the TUI (its exit, its timers, a folder's listing) until the lock came free.
/// A cancellation of the calling task reaches a wait that may end early, as `Task.isCancelled`
/// would have.
public enum HistoryThread {
    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let cancelled = LockedValue(false)
        let result: Result<T, E> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(returning: FileLock.$cancellation.withValue(cancelled) {
                        Result { () throws(E) in try work() }
                    })
                }
            }
        } onCancel: {
            cancelled.withLock { $0 = true }
        }
        return try result.get()
    }
}
