import Foundation
import Testing

/// Runs a test on threads of its own instead of Swift's cooperative pool: for tests that
/// hold a thread for long (fuzz loops, waiting for child processes, sleeping, writing a
/// hundred thousand files).
///
/// Swift Testing runs tests in parallel on the cooperative pool, which has one thread per
/// core, two on our CI machines. Two such tests side by side left the async tests no thread
/// to resume on: a drip server's reader stopped reading until the client's idle timeout fired,
/// an effect's result never reached its inbox. Under `.ownThreads` every job of the test runs
/// on a new thread (jobs are only the stretches between suspensions, so a loop that never
/// suspends is one job), and the pool stays free for the others.
///
/// At most one such test per core runs at a time (`HeavyTestSlots`): all of them at once
/// made a load of 12 on two cores, and the same timeouts fired for want of CPU instead.
public struct OwnThreadsTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Each run of a test function (each case of a parameterized one); not the suite.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await HeavyTestSlots.shared.acquire()
        do {
            try await withTaskExecutorPreference(ThreadPerJobExecutor.shared) { try await function() }
        } catch {
            await HeavyTestSlots.shared.release()
            throw error
        }
        await HeavyTestSlots.shared.release()
    }
}

extension Trait where Self == OwnThreadsTrait {
    /// Runs the test (or every test of the suite) on threads of its own: see `OwnThreadsTrait`.
    public static var ownThreads: Self { Self() }
}

/// A task executor that starts a thread for each job it is given.
public final class ThreadPerJobExecutor: TaskExecutor {
    /// The one instance; for a `Task(executorPreference:)` of a test under `.ownThreads`, whose
    /// unstructured tasks otherwise run on the pool.
    public static let shared = ThreadPerJobExecutor()
    private static let marker = "ThreadPerJobExecutor"

    /// Whether the caller runs on one of the threads this executor starts.
    public static var isCurrent: Bool { Thread.current.threadDictionary[marker] != nil }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread {
            Thread.current.threadDictionary[Self.marker] = true
            job.runSynchronously(on: executor)
        }
        // As large as a pool thread's (the default 8 MiB): the deep-nesting fuzz tests recurse.
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// A counting semaphore for `.ownThreads` tests that waits without blocking a thread.
actor HeavyTestSlots {
    static let shared = HeavyTestSlots(count: ProcessInfo.processInfo.activeProcessorCount)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = max(count, 1) }

    func acquire() async {
        guard free == 0 else {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
