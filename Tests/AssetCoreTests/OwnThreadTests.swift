import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

/// Blocking work (history work waiting for another process's lock, a decoding) runs on
/// `OwnThread`, never on the threads Swift's tasks share, and still hears of a cancellation.
@Suite("Blocking work off the shared threads")
struct OwnThreadTests {
    /// Takes `store`'s lock as another process would (a flock belongs to its open file: a
    /// thread of this one does as well) until the semaphore returned is signalled.
    static func holdingTheLock(of store: HistoryStore) -> DispatchSemaphore {
        let taken = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread {
            try? FileLock.withLock(store.lockPath, exclusive: true) { () throws(AssetError) in
                taken.signal()
                release.wait()
            }
        }.start()
        taken.wait()
        return release
    }

    @Test("more writers waiting for the lock than there are cores leave the other tasks running, and all land")
    func waitingWritersLeaveTheOtherTasksRunning() async throws {
        let folder = try TemporaryFolder("history-thread")
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let release = Self.holdingTheLock(of: store)
        let writers = 2 * ProcessInfo.processInfo.activeProcessorCount + 2
        let entries = (0..<writers).map { SampleEntries.image("shot-\($0).png") }
        async let written: Void = withThrowingTaskGroup(of: Void.self) { group in
            for entry in entries {
                group.addTask { try await OwnThread.run { () throws(AssetError) in try store.append(entry) } }
            }
            try await group.waitForAll()
        }
        // Without their own threads, the writers held every shared one, and this sleep ended
        // only once the lock came free.
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(50))
        // Generous: a loaded machine took 6 s over this 50 ms sleep; the lock is held for ever.
        #expect(ContinuousClock.now - started < .seconds(30), "a task waited for the writers' lock")
        release.signal()
        try await written
        #expect(Set(try store.load().map(\.entryId)) == Set(entries.map(\.entryId)))
    }

    @Test("work sees its caller's cancellation (a thumbnail's decoding asks between rows)")
    func theWorkSeesItsCallersCancellation() async {
        let started = DispatchSemaphore(value: 0)
        let work = Task {
            await OwnThread.run { () -> Bool in
                started.signal()
                let deadline = ContinuousClock.now + .seconds(20)
                while !OwnThread.isCancelled, ContinuousClock.now < deadline { usleep(1_000) }
                return OwnThread.isCancelled
            }
        }
        started.wait()
        work.cancel()
        #expect(await work.value)
    }

    @Test("a read waiting for the lock ends when its task is cancelled")
    func aCancelledReadStopsWaiting() async throws {
        let folder = try TemporaryFolder("history-thread-cancel")
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image())
        let release = Self.holdingTheLock(of: store)
        defer { release.signal() }
        let read = Task { try await OwnThread.run { () throws(AssetError) in try store.load() } }
        try await Task.sleep(for: .milliseconds(100))
        read.cancel()
        let result = await read.result
        guard case .failure(let error as AssetError) = result else { Issue.record("read: \(result)"); return }
        #expect(error.message.contains("Interrupted while waiting for the history"))
    }
}
