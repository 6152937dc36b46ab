import Foundation

/// A value shared between threads, behind a lock: the project's one lock type.
///
/// A class rather than the standard library's `Mutex`, so that closures (effect tasks,
/// test fakes) can capture it; `Mutex` cannot be captured, being non-copyable.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
