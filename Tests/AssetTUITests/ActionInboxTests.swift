import AssetCore
import Foundation
import Testing
import MarketplaceAPI
@testable import AssetTUI

#if canImport(Glibc)
import Glibc
#endif

/// The inbox wakes the key loop's wait when a result arrives (not progress), once per batch.
@Suite struct ActionInboxTests {
    /// Whether the wake-up pipe is readable within `milliseconds`.
    private func isSignalled(_ pipe: WakeUpPipe, within milliseconds: Int32 = 0) -> Bool {
        var descriptor = pollfd(fd: pipe.readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) == 1
    }

    @Test func theFirstActionWakesTheLoopAndClearingEndsTheSignal() throws {
        let inbox = ActionInbox()
        let wakeUp = try #require(inbox.wakeUp)
        #expect(!isSignalled(wakeUp))
        inbox.post(.historyLoaded([]))
        #expect(isSignalled(wakeUp))
        wakeUp.clear()
        #expect(!isSignalled(wakeUp))
        // A second action before the drain: the loop has been woken already.
        inbox.post(.historyFailed(message: "x"))
        #expect(!isSignalled(wakeUp))
        #expect(inbox.drain() == [.historyLoaded([]), .historyFailed(message: "x")])
        wakeUp.clear()
        // Progress waits for the loop's next turn (a frame per report took a third of a core);
        // a result after it wakes the loop.
        inbox.postProgress(jobId: 1, UploadProgress(sentBytes: 1, totalBytes: 2), at: Date(timeIntervalSince1970: 0))
        #expect(!isSignalled(wakeUp))
        inbox.post(.uploadCancelled(jobId: 1))
        #expect(isSignalled(wakeUp))
        #expect(inbox.drain() == [.uploadProgress(jobId: 1, UploadProgress(sentBytes: 1, totalBytes: 2), at: Date(timeIntervalSince1970: 0)),
                                  .uploadCancelled(jobId: 1)])
    }

    @Test func anActionPostedFromAnotherThreadEndsAWait() async throws {
        let inbox = ActionInbox()
        let wakeUp = try #require(inbox.wakeUp)
        let start = Date()
        // A thread of its own, as effects' threads are: the cooperative pool may be busy
        // with other tests.
        Thread {
            usleep(20_000)
            inbox.post(.historyLoaded([]))
        }.start()
        #expect(isSignalled(wakeUp, within: 10_000))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(inbox.drain() == [.historyLoaded([])])
    }

    @Test func theDescriptorsAreNotInheritedByChildProcesses() throws {
        let wakeUp = try #require(WakeUpPipe())
        #expect(fcntl(wakeUp.readDescriptor, F_GETFD) & FD_CLOEXEC != 0)
    }
}
