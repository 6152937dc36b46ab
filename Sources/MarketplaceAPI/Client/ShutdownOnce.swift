import Foundation

/// Lets exactly one caller through (for an idempotent `shutdown`).
final class ShutdownOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}
