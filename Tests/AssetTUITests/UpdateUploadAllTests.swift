import AssetCore
import Foundation
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// `X` and `a` in Upload: every queued and running upload cancelled at once, and every failed or
/// cancelled one retried at once (a batch the network dropped), but for those Marketplace may
/// have already, which `r` asks about one by one.
@Suite struct UpdateUploadAllTests {
    /// Four fetches queued, the Upload pane focused: two running (the default two at a time), two queued.
    static func fourFetches() -> AppState {
        var state = Fixtures.listedState()
        for number in 1...4 { _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/app-\(number).jar"), state: &state) }
        state.type("2")
        #expect(state.uploads.jobs.map(\.status) == [.running, .running, .queued, .queued])
        return state
    }

    static func footer(_ state: AppState) -> String {
        Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
    }

    @Test("the Upload pane says where the selection stands when its jobs do not all fit, as Files and History do")
    func theUploadPaneSaysWhereTheSelectionStands() {
        var state = Self.fourFetches()
        func upload() -> String { Renderer.render(state).text }
        state.send(.resize(ScreenSize(width: 120, height: 40)))
        #expect(upload().contains(" 2 running · 2 queued ") && !upload().contains("┌ Upload ─ "), "every job fits: \(upload())")
        state.send(.resize(ScreenSize(width: 80, height: 24)))
        #expect(upload().contains("┌ Upload ─ 4/4 ─"), "three of four fit: \(upload())")
        for number in 5...10 { _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/app-\(number).jar"), state: &state) }
        #expect(upload().contains("┌ Upload ─ 10/10 ─"), "the newest selected: \(upload())")
        state.type("gjj")
        #expect(upload().contains("┌ Upload ─ 3/10 ─"), "\(upload())")
    }

    @Test func xCancelsEveryQueuedAndRunningUploadAndARetriesThemAll() {
        var state = Self.fourFetches()
        #expect(Self.footer(state).contains("X cancel all") && !Self.footer(state).contains("a retry all"), "\(Self.footer(state))")
        #expect(state.type("X") == [.cancelUpload(jobId: 1), .cancelUpload(jobId: 2)])
        #expect(state.uploads.jobs.map(\.status) == [.cancelling, .cancelling, .cancelled, .cancelled])
        #expect(state.status == .info("Cancel all: 2 queued cancelled, 2 running asked to stop"))
        #expect(!Self.footer(state).contains("X cancel all"), "nothing left to cancel: \(Self.footer(state))")
        state.send(.uploadCancelled(jobId: 1))
        state.send(.uploadCancelled(jobId: 2))
        #expect(state.status == .info("Cancel all: 2 queued cancelled, 2 running asked to stop"), "the summary stands as they end")
        #expect(state.type("X").isEmpty)
        #expect(state.status == .info("Nothing to cancel: no upload is queued or running"))
        #expect(Self.footer(state).contains("a retry all"), "\(Self.footer(state))")
        // All four go back in the queue, as new attempts; two start at once.
        let effects = state.type("a")
        #expect(effects == [1, 2].map { .startUpload(jobId: $0, .fetch(uri: "https://example.com/app-\($0).jar")) })
        #expect(state.uploads.jobs.map(\.attempt) == [2, 2, 2, 2])
        #expect(state.uploads.jobs.map(\.status) == [.running, .running, .queued, .queued])
        #expect(state.status == .info("Retrying 4 uploads"))
        #expect(state.type("a").isEmpty)
        #expect(state.status == .info("Nothing to retry: no upload failed or was cancelled"))
    }

    /// An attempt Marketplace may have made (no answer after its whole request) is left to `r`,
    /// which asks, and is selected for it; the others go again.
    @Test func aLeavesToRWhatMarketplaceMayHaveAlready() {
        var state = Self.fourFetches()
        let mayExist = "No answer from 127.0.0.1 within 60 s after the whole request was sent (\(TransportErrorClassifier.uploadMayExist))."
        state.send(.uploadFailed(jobId: 1, message: "Could not connect to 127.0.0.1: connection refused."))
        state.send(.uploadFailed(jobId: 2, message: mayExist))
        state.send(.uploadFailed(jobId: 3, message: "Could not connect to 127.0.0.1: connection refused."))
        state.send(.uploadFailed(jobId: 4, message: "Could not connect to 127.0.0.1: connection refused."))
        state.uploads.cursor.select(0, count: 4, height: 10)
        state.status = nil  // a long error takes the footer's row too
        #expect(Self.footer(state).contains("a retry all"), "\(Self.footer(state))")
        _ = state.type("a")
        #expect(state.uploads.jobs.map(\.attempt) == [2, 1, 2, 2])
        #expect(state.uploads.jobs[1].status == .failed(mayExist))
        #expect(state.uploads.selectedJob?.id == 2, "the one left is selected for its r")
        #expect(state.status == .warning("Retrying 3 uploads; 1 left for r, which asks first: https://example.com/app-2.jar: \(TransportErrorClassifier.uploadMayExist)"))
        #expect(state.type("r").isEmpty)
        #expect(state.status?.text.hasPrefix(UploadKeys.askAgain) == true, "\(String(describing: state.status))")
        _ = state.type("r")
        #expect(state.uploads.jobs[1].attempt == 2)
        // Two that Marketplace may have made, only: the footer does not offer a, which would queue none.
        state = Self.fourFetches()
        for jobId in 1...2 { state.send(.uploadFailed(jobId: jobId, message: mayExist)) }
        state.send(.uploadCancelled(jobId: 3))
        state.status = nil
        #expect(!Self.footer(state).contains("a retry all"), "\(Self.footer(state))")
        _ = state.type("a")
        #expect(state.status?.text.hasPrefix("Retrying 1 upload; 2 left for r") == true, "\(String(describing: state.status))")
        state = Self.fourFetches()
        for jobId in 1...2 { state.send(.uploadFailed(jobId: jobId, message: mayExist)) }
        _ = state.type("a")
        #expect(state.status?.text.hasPrefix("Nothing retried: 2 left for r, which asks first (the first selected): https://example.com/app-1.jar") == true,
                "\(String(describing: state.status))")
    }

    /// Two failed attempts of one jar (`u` pressed again after the first failed): `a` queues the
    /// first again and leaves the second to `r`, which says it is being uploaded already; both at
    /// once would store the build twice.
    @Test func aQueuesOneOfTwoFailedAttemptsOfAJar() {
        var state = UpdateUploadTests.jarSelected()
        let jar = UploadRequest.artifact(path: UpdateUploadTests.jarPath, fileName: "my-plugin-1.0.0.jar")
        _ = UploadQueue.enqueue(jar, state: &state)
        state.type("2")
        state.send(.uploadFailed(jobId: 1, message: "Could not connect to 127.0.0.1: connection refused."))
        _ = UploadQueue.enqueue(jar, state: &state)
        state.type("2")
        state.send(.uploadFailed(jobId: 2, message: "Could not connect to 127.0.0.1: connection refused."))
        #expect(state.uploads.jobs.map(\.plugin?.version) == ["1.0.0", "1.0.0"])
        _ = state.type("a")
        #expect(state.uploads.jobs.map(\.attempt) == [2, 1])
        #expect(state.uploads.selectedJob?.id == 2)
        #expect(state.status?.text.hasPrefix("Retrying 1 upload; 1 left for r, which asks first: com.example.my-plugin 1.0.0 is being uploaded already") == true,
                "\(String(describing: state.status))")
    }

    /// Credentials Marketplace refused (401): `a` retries nothing until `L` signs in again (each
    /// retry would be refused, and recorded as one more failed attempt); `r` asks first.
    @Test func aWaitsForASignInAfterTheCredentialsWereRefused() {
        var state = Self.fourFetches()
        state.mode = .account(email: "me@example.com", serverURL: "https://marketplace.atlassian.com")
        state.send(.uploadFailed(jobId: 1, message: "Marketplace did not accept the credentials (HTTP 401)", stopsBatch: .credentialsRefused))
        state.send(.uploadFailed(jobId: 2, message: "Marketplace did not accept the credentials (HTTP 401)", stopsBatch: .credentialsRefused))
        state.status = nil
        #expect(!Self.footer(state).contains("a retry all"), "\(Self.footer(state))")
        #expect(state.type("a").isEmpty)
        #expect(state.uploads.jobs.map(\.attempt) == [1, 1, 1, 1])
        #expect(state.status?.text.hasPrefix("Nothing retried: Marketplace refused these credentials") == true, "\(String(describing: state.status))")
        #expect(state.status?.text.contains("L signs in again, then a retries them") == true)
        // `r` asks first, and a second `r` retries anyway (a refusal Marketplace has since lifted).
        state.uploads.cursor.select(0, count: 4, height: 10)
        #expect(state.type("r").isEmpty)
        #expect(state.status?.text.hasPrefix(UploadKeys.askAgain + "Marketplace refused these credentials") == true, "\(String(describing: state.status))")
        #expect(state.type("r") == [.startUpload(jobId: 1, .fetch(uri: "https://example.com/app-1.jar"))])
        // A sign-in lifts it: `a` retries the rest.
        state.send(.signInFinished(.signedIn(email: "me@example.com", serverURL: "https://marketplace.atlassian.com", storedIn: "the keyring",
                                             historyPath: "/home/dev/.local/state/marketplace-assets/history.json")))
        #expect(!state.uploads.credentialsRefused)
        _ = state.type("a")
        #expect(state.uploads.jobs.map(\.attempt) == [2, 2, 2, 2])
    }
}
