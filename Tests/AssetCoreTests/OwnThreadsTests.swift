import Foundation
import Testing
import TestSupport

/// `.ownThreads` (TestSupport) takes a test off Swift's cooperative pool: the heavy suites
/// rely on it to leave the pool to the async tests running beside them.
@Suite struct OwnThreadsTests {
    /// Whether the caller runs on a thread of `.ownThreads` (`Thread.current` is not for async code).
    static func onOwnThread() -> Bool { ThreadPerJobExecutor.isCurrent }

    @Test(.ownThreads) func aSynchronousTestRunsOnAThreadOfItsOwn() {
        #expect(Self.onOwnThread())
    }

    @Test(.ownThreads) func anAsynchronousTestResumesOnThreadsOfItsOwn() async throws {
        #expect(Self.onOwnThread())
        try await Task.sleep(for: .milliseconds(1))
        #expect(Self.onOwnThread())
    }

    @Test func withoutTheTraitATestRunsOnThePool() {
        #expect(!Self.onOwnThread())
    }
}
