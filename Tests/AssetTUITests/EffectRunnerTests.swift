import AssetCore
import Foundation
import Testing
import TestSupport
import MarketplaceAPI
@testable import AssetTUI

/// The effect runner over a fake service: results come back as actions, through the inbox.
@Suite struct EffectRunnerTests {
    static func runner(
        _ actions: FakeAssetActions, clipboard: Clipboard = Clipboard(tools: [], insideTmux: false, logPath: nil),
        checkInterval: Duration = .seconds(1)
    ) -> (EffectRunner, ActionInbox) {
        let inbox = ActionInbox()
        return (EffectRunner(actions: actions, inbox: inbox, clipboard: clipboard, historyCheckInterval: checkInterval), inbox)
    }

    @Test func aPreviewsReasonLeavesOutThePathItStartsWithWhichThePaneNames() async {
        var actions = FakeAssetActions()
        actions.previewHandler = { path in throw FakeError("\(path): the BMP header gives an impossible size, 0×10 pixels") }
        #expect(await EffectRunner.preview(path: "/tmp/img/x.bmp", actions: actions) == .failed("the BMP header gives an impossible size, 0×10 pixels"))
        actions.previewHandler = { _ in throw FakeError("permission denied") }
        #expect(await EffectRunner.preview(path: "/tmp/img/x.bmp", actions: actions) == .failed("permission denied"))
    }

    @Test func anUploadReportsStartProgressAndResult() async {
        var fake = FakeAssetActions()
        fake.uploadHandler = { request, progress in
            progress(UploadProgress(sentBytes: 10, totalBytes: 20))
            progress(UploadProgress(sentBytes: 20, totalBytes: 20))
            guard case .image(_, _, "icon") = request else { throw FakeError("wrong request \(request)") }
            return Fixtures.imageEntry
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 7, .image(path: "/x/app-icon.png", fileName: "app-icon.png", imageType: "icon")))
        let actions = await inbox.collect { $0.contains(.uploadFinished(jobId: 7, Fixtures.imageEntry)) }
        #expect(actions.contains { if case .uploadStarted(7, _) = $0 { true } else { false } })
        let progress = actions.compactMap { action -> UploadProgress? in
            if case .uploadProgress(7, let progress, _) = action { return progress }
            return nil
        }
        #expect(progress.last == UploadProgress(sentBytes: 20, totalBytes: 20))
        #expect(actions.last == .uploadFinished(jobId: 7, Fixtures.imageEntry))
    }

    @Test func aCancelledUploadSaysCancelled() async {
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in
            try await Task.sleep(for: .seconds(600))
            throw FakeError("not cancelled")
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 1, .artifact(path: "/x/a.jar", fileName: "a.jar")))
        _ = await inbox.collect { $0.contains { if case .uploadStarted = $0 { true } else { false } } }
        runner.perform(.cancelUpload(jobId: 1))
        let actions = await inbox.collect { $0.contains(.uploadCancelled(jobId: 1)) }
        #expect(actions.contains(.uploadCancelled(jobId: 1)))
        await runner.waitForAll(upTo: .seconds(30))
    }

    /// `x` once a fetch's request went (or an upload's whole file): the attempt the history keeps
    /// is a failure that says so, and that `d` in History takes it out (not the CLI's `history --remove`).
    @Test func anInterruptedFetchSaysTheHistoryKeepsItAndDTakesItOut() async {
        let entryId = UUID()
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in
            throw InterruptedUpload(unrecorded: nil, entryId: entryId, message: APIError.interruptedAfterSending("the request").message)
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 3, .fetch(uri: "https://example.com/a.jar")))
        let actions = await inbox.collect { $0.contains { if case .uploadFailed = $0 { true } else { false } } }
        guard case .uploadFailed(_, let message, _, _)? = actions.first(where: { if case .uploadFailed = $0 { true } else { false } }) else {
            Issue.record("no failure: \(actions)")
            return
        }
        #expect(message == "Interrupted after the request was sent, before the server answered (\(TransportErrorClassifier.uploadMayExist)). "
            + "The history keeps the attempt (d in History takes it out).")
        var state = Fixtures.listedState(width: 200, height: 40)
        _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/a.jar"), state: &state)
        state.send(.uploadFailed(jobId: 1, message: message))
        state.type("2")
        state.press(.enter)
        #expect(Renderer.render(state).text.contains("r asks first (Marketplace may have it), then retries it."), "\(Renderer.render(state).text)")
        // In History, the entry has no ID, and says Marketplace may have made it.
        var entry = Fixtures.failedEntry
        entry.failure = APIError.interruptedAfterSending("the request").message
        state.send(.historyLoaded([entry]))
        state.type("4")
        #expect(Renderer.render(state).text.contains("(none known: Marketplace may have made it, as its failure says)"), "\(Renderer.render(state).text)")
        state.type("y")
        #expect(state.status == .error("banner.jpg has no ID: no answer gave one (Marketplace may have made it, as its failure says)"))
    }

    @Test("an upload a quit interrupted once its whole file had gone is said on stderr after the screen: Marketplace may have made it, and the command that takes the attempt out")
    func anUploadInterruptedByQuitIsSaidAfterTheScreen() async {
        let entryId = UUID()
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in
            throw InterruptedUpload(unrecorded: nil, entryId: entryId, message: APIError.interruptedAfterSending("the whole file").message)
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 1, .image(path: "/tmp/app icon.png", fileName: "app icon.png", imageType: "icon")))
        _ = await inbox.collect { $0.contains { if case .uploadFailed = $0 { true } else { false } } }
        await runner.waitForAll(upTo: .seconds(5))
        let interrupted = runner.interruptedAfterSending.withLock { $0 }
        #expect(interrupted.map(\.name) == ["app icon.png"] && interrupted.first?.failure.entryId == entryId)
        // The history the upload's service wrote to, as it is typed (two spaces kept), every server's entries.
        #expect(interrupted.first?.historyPath == FakeAssetActions().historyPath)
        let line = InterruptedByQuit(name: "app icon.png", historyPath: "/home/ann/my  history.json", failure: interrupted[0].failure).line
        #expect(line == "marketplace-assets: app icon.png: Interrupted after the whole file was sent, before the server answered (\(TransportErrorClassifier.uploadMayExist)). "
                + "The history keeps the attempt (`marketplace-assets --history '/home/ann/my  history.json' history --remove \(entryId.uuidString) --all-servers` takes it out).")
    }

    @Test("an upload a quit cancelled, answered all the same within the grace, is kept to be said after the screen, with its ID")
    func anUploadMadeThoughCancelledIsKept() async {
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in
            // The answer comes after the cancel, as `CancellationGrace` lets it.
            for _ in 0..<1000 where !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
            return Fixtures.imageEntry
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 1, .image(path: "/tmp/app-icon.png", fileName: "app-icon.png", imageType: "icon")))
        _ = await inbox.collect { $0.contains { if case .uploadStarted = $0 { true } else { false } } }
        runner.cancelAll()
        await runner.waitForAll(upTo: .seconds(20))
        #expect(runner.madeThoughCancelled.withLock { $0.map(\.name) + $0.map(\.id) } == ["app-icon.png", Fixtures.imageEntry.id])
        #expect(runner.interruptedAfterSending.withLock { $0.isEmpty })
    }

    @Test func aFailedUploadReportsItsMessageSafely() async {
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in throw FakeError("HTTP 500 from server\n\u{1B}[2J retry later") }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 2, .fetch(uri: "https://example.com/a.jar")))
        let actions = await inbox.collect { $0.contains { if case .uploadFailed = $0 { true } else { false } } }
        #expect(actions.contains(.uploadFailed(jobId: 2, message: "HTTP 500 from server \u{FFFD}[2J retry later")))
    }

    @Test func historyAndRefreshResults() async {
        var fake = FakeAssetActions()
        fake.historyHandler = { [Fixtures.artifactEntry] }
        fake.refreshHandler = { id in
            guard id == Fixtures.artifactId else { throw FakeError("no artifact \(id)") }
            return Fixtures.artifactEntry
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.loadHistory)
        runner.perform(.refreshArtifact(artifactId: Fixtures.artifactId))
        runner.perform(.refreshArtifact(artifactId: "nope"))
        let actions = await inbox.collect { $0.count >= 3 }
        #expect(actions.contains(.historyLoaded([Fixtures.artifactEntry])))
        #expect(actions.contains(.refreshFinished(artifactId: Fixtures.artifactId, Fixtures.artifactEntry)))
        #expect(actions.contains(.refreshFailed(artifactId: "nope", message: "no artifact nope")))
    }

    @Test func anUnreadableHistoryIsReported() async {
        var fake = FakeAssetActions()
        fake.historyHandler = { throw FakeError("history.json is not valid JSON") }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.loadHistory)
        let actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.historyFailed(message: "Cannot read the history: history.json is not valid JSON")])
    }

    @Test("what the history store did on its own (a damaged file moved aside) reaches the status line: after a load, an upload, a failed upload")
    func historyWarningsAreReported() async {
        let moved = "The history file h.json could not be read (…); it was moved to h.json.corrupt-1 and a new history was started."
        var fake = FakeAssetActions()
        let pending = LockedValue([moved, moved, moved])
        fake.historyWarningsHandler = { pending.withLock { $0.isEmpty ? [] : [$0.removeFirst()] } }
        fake.historyHandler = { [] }
        fake.uploadHandler = { request, _ in
            if case .fetch = request { throw FakeError("HTTP 500") }
            return Fixtures.imageEntry
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.loadHistory)
        var actions = await inbox.collect { $0.contains(.historyWarnings([moved])) }
        #expect(actions == [.historyLoaded([]), .historyWarnings([moved])])
        runner.perform(.startUpload(jobId: 1, .image(path: "/x/a.png", fileName: "a.png", imageType: "icon")))
        actions = await inbox.collect { $0.contains(.historyWarnings([moved])) }
        #expect(actions.suffix(2) == [.uploadFinished(jobId: 1, Fixtures.imageEntry), .historyWarnings([moved])])
        runner.perform(.startUpload(jobId: 2, .fetch(uri: "https://example.com/a.jar")))
        let failed = Action.uploadFailed(jobId: 2, message: "HTTP 500", historyWarnings: [moved])
        actions = await inbox.collect { $0.contains(failed) }
        #expect(actions.last == failed)

        var state = Fixtures.sessionState()
        state.send(.historyWarnings([moved, "Done (ID x), but the history could not be saved: disk full."]))
        #expect(state.status == .warning(moved + " (and 1 more)"))
        // A failed upload's warning does not hide the failure: the line names both.
        state.send(.uploadFailed(jobId: 2, message: "HTTP 500", historyWarnings: [moved]))
        #expect(state.status == .error("my-plugin-1.0.0.jar failed (Upload pane); " + moved))
        #expect(state.uploads.jobs[1].status == .failed("HTTP 500"))
    }

    @Test("another process's write to the history is read without being asked; an unchanged file is not read again")
    func historyChangesAreWatched() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        var fake = FakeAssetActions()
        fake.stampHandler = { store.stamp() }
        fake.historyHandler = { try store.load() }
        let inbox = ActionInbox()
        let runner = EffectRunner(actions: fake, inbox: inbox, clipboard: Clipboard(tools: [], insideTmux: false, logPath: nil),
                                  historyCheckInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.loadHistory)
        #expect(await inbox.collect { $0.contains(.historyLoaded([])) } == [.historyLoaded([])])
        try await Task.sleep(for: .milliseconds(300))
        #expect(inbox.drain().isEmpty, "an unchanged (absent) file is not read again")
        let entry = HistoryEntry(kind: .image, name: "a.png", serverURL: Fixtures.serverURL, createdAt: HistoryStore.now())
        try store.append(entry)
        #expect(await inbox.collect { $0.contains(.historyLoaded([entry])) }.last == .historyLoaded([entry]))
        // Blank for a moment (`cp backup.json history.json` truncates it, then writes): no empty
        // history is posted (marks and selection would go), the copy is read once written.
        let whole = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: store.path))
        try handle.truncate(atOffset: 0)
        try await Task.sleep(for: .milliseconds(300))
        try handle.write(contentsOf: whole)
        try handle.close()
        let afterCopy = await inbox.collect { $0.contains(.historyLoaded([entry])) }
        #expect(!afterCopy.contains(.historyLoaded([])), "\(afterCopy)")
        try store.remove(entryIds: [entry.entryId])
        #expect(await inbox.collect { $0.contains(.historyLoaded([])) }.last == .historyLoaded([]))
    }

    @Test("an upload's task goes once it ends: a long session of uploads keeps none of them")
    func finishedUploadsAreNotKept() async throws {
        var fake = FakeAssetActions()
        fake.uploadHandler = { _, _ in Fixtures.imageEntry }
        let (runner, inbox) = Self.runner(fake)
        for jobId in 1...20 {
            runner.perform(.startUpload(jobId: jobId, .image(path: "/x/a.png", fileName: "a.png", imageType: "icon")))
        }
        _ = await inbox.collect { $0.filter { if case .uploadFinished = $0 { true } else { false } }.count == 20 }
        for _ in 0..<100 where runner.uploadTaskCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(runner.uploadTaskCount == 0)
    }

    @Test("an upload made and not recorded is an error on the status line, as the CLI's exit status 1 says")
    func anUnrecordedUploadIsAnError() async throws {
        var fake = FakeAssetActions()
        fake.historyHandler = { [] }
        fake.uploadHandler = { _, _ in Fixtures.imageEntry }
        let reason = "Done (ID img-1), but the history could not be saved: No space left on device."
        fake.unrecordedReason = reason
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.startUpload(jobId: 1, .image(path: "/x/a.png", fileName: "a.png", imageType: "icon")))
        let actions = await inbox.collect { $0.contains(.uploadNotRecorded(jobId: 1, reason: reason)) }
        #expect(actions.suffix(2) == [.uploadFinished(jobId: 1, Fixtures.imageEntry), .uploadNotRecorded(jobId: 1, reason: reason)])
        var state = Fixtures.sessionState()
        let job = try #require(state.uploads.jobs.first)
        state.send(.uploadFinished(jobId: job.id, Fixtures.imageEntry))
        state.send(.uploadNotRecorded(jobId: job.id, reason: reason))
        #expect(state.status == .error(reason))
        // Shown in Details from History, it is not in the file read next: never recorded, not
        // removed by another process (which the status line said, over the error).
        state.type("4")
        state.history.cursor.select(state.history.visible.firstIndex { state.history.entries[$0].entryId == Fixtures.imageEntry.entryId } ?? 0,
                                    count: state.history.visible.count, height: 10)
        state.press(.enter)
        #expect(state.history.selectedEntry?.entryId == Fixtures.imageEntry.entryId && state.details.subject == .history)
        state.send(.historyLoaded(state.history.entries.filter { $0.entryId != Fixtures.imageEntry.entryId }))
        #expect(state.status == .error(reason))
        // Its row says so too, after the status line has moved on.
        state.status = nil
        let screen = Renderer.render(state).text
        #expect(screen.contains("not saved") && screen.contains("✗ not in the history · ID img-"), "\(screen)")
    }

    @Test("a read of the history that failed (another process's lock) is tried again until it reads, though the file did not change")
    func aFailedReadIsTriedAgain() async throws {
        let calls = LockedValue(0)
        var fake = FakeAssetActions()
        fake.historyHandler = {
            guard calls.withLock({ $0 += 1; return $0 }) > 2 else { throw AssetError("The history is locked by another marketplace-assets process.") }
            return [Fixtures.imageEntry]
        }
        let inbox = ActionInbox()
        let runner = EffectRunner(actions: fake, inbox: inbox, clipboard: Clipboard(tools: [], insideTmux: false, logPath: nil),
                                  historyCheckInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.loadHistory)
        let actions = await inbox.collect { $0.contains(.historyLoaded([Fixtures.imageEntry])) }
        let message = "Cannot read the history: The history is locked by another marketplace-assets process."
        let failure = Action.historyFailed(message: message)
        #expect(actions == [failure, failure, .historyLoaded([Fixtures.imageEntry])])
        try await Task.sleep(for: .milliseconds(200))
        #expect(inbox.drain().isEmpty, "once it reads, an unchanged file is not read again")

        // A wait for the lock shows over the failure, which comes back when the read fails again;
        // the same failure is not said over another message; the read that works clears both.
        var state = Fixtures.sessionState()
        state.send(failure)
        let wait = HistoryStore.lockWaitNotice("/h/history.json.lock")
        state.send(.historyLockWait(notice: wait))
        #expect(state.status == .warning("Waiting for the history: another process holds /h/history.json.lock (up to 30 s)…"))
        state.send(failure)
        #expect(state.status == .error(message), "the wait is over: the failure it covered is back")
        state.status = .info("Copied ID img-1")
        state.send(failure)
        #expect(state.status == .info("Copied ID img-1"), "said already: not over another message")
        state.status = nil
        state.send(.historyLockWait(notice: wait))
        state.send(failure)
        #expect(state.status == .error(message), "after a wait that replaced nothing, the failure is said again")
        state.send(.historyLockWait(notice: wait))
        state.send(.historyLoaded([Fixtures.imageEntry]))
        #expect(state.status == nil, "the read that waited is done, and its failure with it")
        #expect(state.history.loadError == nil && state.history.entries == [Fixtures.imageEntry])
        state.send(failure)
        #expect(state.status == .error(message))
        state.send(.historyLoaded([Fixtures.imageEntry]))
        #expect(state.status == nil)
    }

    @Test("the folder Files lists is read again when an entry is added to it (a build wrote a jar), and only then")
    func theListedFolderIsWatched() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = FileManager.default.createFile(atPath: folder.file("a.png"), contents: Data([1]))
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder.path, generation: 7, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        try await Task.sleep(for: .milliseconds(150))
        #expect(inbox.drain().isEmpty, "an unchanged folder is not read again")
        // Not `createFile`, which writes a temporary file of another name first, which a look may list.
        try folder.write("plugin-2.0.0.jar", [2])
        let actions = await inbox.collect { $0.contains { if case .directoryChanged = $0 { true } else { false } } }
        guard case .directoryChanged(let generation, let entries)? = actions.last else { Issue.record("\(actions)"); return }
        #expect(generation == 7 && Set(entries.map(\.name)) == ["a.png", "plugin-2.0.0.jar"])
    }

    @Test("the listed folder removed is said to be gone, and read again when it is back")
    func aRemovedFolderIsReported() async throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let folder = parent.file("build")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: folder + "/a.jar", contents: Data([1]))
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder, generation: 4, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        try FileManager.default.removeItem(atPath: folder)
        let failed = await inbox.collect { $0.contains { if case .directoryFailed = $0 { true } else { false } } }
        let failure = failed.compactMap { if case .directoryFailed(let generation, let message) = $0 { (generation, message) } else { nil } }.first
        #expect(failure?.0 == 4 && failure?.1.contains("No such file or directory") == true, "\(failed)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try parent.write("build/b.jar", [2])
        let changed = await inbox.collect { $0.contains { if case .directoryChanged(_, let entries) = $0 { !entries.isEmpty } else { false } } }
        let entries = changed.compactMap { if case .directoryChanged(_, let entries) = $0, !entries.isEmpty { entries } else { nil } }.last
        #expect(entries?.map(\.name) == ["b.jar"], "\(changed)")
    }

    @Test("a file rewritten in place (its folder's stamp unchanged), selected or not, has its folder read again; the marked files' reads come stamped")
    func aFileRewrittenInPlaceIsSeen() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.png", [1])
        try folder.write("b.png", [1])
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder.path, generation: 3, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!inbox.drain().contains { if case .directoryChanged = $0 { true } else { false } }, "an unchanged folder is not read again")
        // In place: the same inode and name, so the folder itself does not change.
        func rewrite(_ name: String, _ bytes: [UInt8]) throws {
            let handle = try #require(FileHandle(forWritingAtPath: folder.file(name)))
            try handle.write(contentsOf: Data(bytes))
            try handle.close()
        }
        let folderStamp = PathStamp(folder.path)
        var rewritten: [DirectoryEntry] = []
        for (name, bytes) in [("a.png", [1, 2, 3] as [UInt8]), ("b.png", [1, 2, 3, 4, 5])] {
            try rewrite(name, bytes)
            let actions = await inbox.collect { $0.contains { if case .directoryChanged = $0 { true } else { false } } }
            guard case .directoryChanged(let generation, let entries)? = actions.last else { Issue.record("\(name): \(actions)"); return }
            #expect(generation == 3 && entries.first { $0.name == name }?.size == Int64(bytes.count))
            rewritten = entries
        }
        #expect(PathStamp(folder.path) == folderStamp, "the folder's own stamp did not tell")

        runner.perform(.inspectFiles(paths: [folder.file("a.png")]))
        let inspected = await inbox.collect { $0.contains { if case .inspected = $0 { true } else { false } } }
        guard case .inspected(_, _, let stamp)? = inspected.last else { Issue.record("\(inspected)"); return }
        #expect(stamp != nil && stamp == rewritten.first { $0.name == "a.png" }?.stamp, "as the listing stamps it")
    }

    @Test("a folder removed and made again (ext4 often gives it the inode back) is still followed; the selected link's target rewritten elsewhere is seen by its stamp")
    func aFolderMadeAgainAndALinksTargetAreFollowed() async throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let folder = parent.file("dist")
        func rewrite(_ path: String, _ bytes: [UInt8]) throws {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(bytes))
            try handle.close()
        }
        func changed(_ inbox: ActionInbox, _ name: String, size: Int64) async -> Bool {
            let actions = await inbox.collect { $0.contains { if case .directoryChanged(_, let entries) = $0 { entries.contains { $0.name == name && $0.size == size } } else { false } } }
            return actions.contains { if case .directoryChanged(_, let entries) = $0 { entries.contains { $0.name == name && $0.size == size } } else { false } }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = try parent.write("dist/shot.png", [1])
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder, generation: 5, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        // `rm -rf dist && mkdir dist && cp … dist/`, then the file rewritten in place.
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = try parent.write("dist/shot.png", [1])
        #expect(await changed(inbox, "shot.png", size: 1))
        try await Task.sleep(for: .milliseconds(60))
        try rewrite(parent.file("dist/shot.png"), [1, 2, 3, 4])
        #expect(await changed(inbox, "shot.png", size: 4), "a rewrite in place in the folder made again")

        // A link in the folder to a file elsewhere: no event of the folder tells its target's rewrite.
        let elsewhere = try parent.write("real.png", [1])
        try FileManager.default.createSymbolicLink(atPath: parent.file("dist/link.png"), withDestinationPath: elsewhere)
        let listed = await inbox.collect { $0.contains { if case .directoryChanged(_, let entries) = $0 { entries.contains { $0.name == "link.png" } } else { false } } }
        let link = listed.compactMap { if case .directoryChanged(_, let entries) = $0 { entries.first { $0.name == "link.png" } } else { nil } }.last
        runner.perform(.watchFile(path: parent.file("dist/link.png"), stamp: link?.stamp))
        try rewrite(elsewhere, [1, 2, 3, 4, 5, 6])
        #expect(await changed(inbox, "link.png", size: 6), "the selected link's target, by its stamp")
    }

    @Test("a large folder written to all the time is read again at most once per second per 2,000 entries (a 19,000-entry one kept a core busy)")
    func aLargeFolderIsReadAgainAfterAPause() async throws {
        #expect(WatchedFolder.pause(after: 0) == .seconds(1) && WatchedFolder.pause(after: 19_000) == .seconds(9))
        let readAt = ContinuousClock.now
        var watched = WatchedFolder(path: "/x", generation: 1, stamp: nil, events: nil, count: 4_000, readAt: readAt)
        #expect(watched.eventsDue == readAt + .seconds(2) && watched.followed)
        watched.count = 20_001
        #expect(!watched.followed, "past FilesKeys.inlineSortLimit: it waits for R")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for number in 0..<4_000 { _ = FileManager.default.createFile(atPath: folder.file(String(format: "f%04d.txt", number)), contents: Data([1])) }
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder.path, generation: 9, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        let handle = try #require(FileHandle(forWritingAtPath: folder.file("f0000.txt")))
        try handle.write(contentsOf: Data([1, 2, 3]))
        try handle.close()
        func rewritten(_ actions: [Action]) -> Bool {
            actions.contains { if case .directoryChanged(_, let entries) = $0 { entries.contains { $0.name == "f0000.txt" && $0.size == 3 } } else { false } }
        }
        // Read again once the pause is over (when, the test cannot time: the runner's clock starts
        // when its reading ended, which the inbox may tell late on a busy machine).
        #expect(rewritten(await inbox.collect(until: rewritten)))
    }

    @Test("a folder grown past the limit Files follows is followed again once it is back within it")
    func aFolderBackWithinTheLimitIsFollowedAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for number in 0...FilesKeys.inlineSortLimit { _ = FileManager.default.createFile(atPath: folder.file(String(format: "f%06d", number)), contents: nil) }
        #expect(DirectoryLister.count(path: folder.path) == FilesKeys.inlineSortLimit + 1)
        let (runner, inbox) = Self.runner(FakeAssetActions(), checkInterval: .milliseconds(20))
        defer { runner.cancelAll() }
        runner.perform(.listDirectory(path: folder.path, generation: 3, sort: .name))
        _ = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        unlink(folder.file("f000000"))
        let actions = await inbox.collect { $0.contains { if case .directoryChanged = $0 { true } else { false } } }
        let counts = actions.compactMap { if case .directoryChanged(3, let entries) = $0 { entries.count } else { nil } }
        #expect(counts.last == FilesKeys.inlineSortLimit, "\(counts)")
    }

    @Test("FolderEvents tells a change in the folder, and the end of its watch when the folder goes")
    func folderEvents() throws {
        let parent = try TemporaryFolder()
        defer { parent.remove() }
        let folder = parent.file("watched")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let events = try #require(FolderEvents(folder))
        #expect(events.take() == .none)
        _ = try parent.write("watched/a.jar", [1])
        #expect(events.take() == .changed)
        #expect(events.take() == .none, "taken")
        try FileManager.default.removeItem(atPath: folder)
        #expect(events.take() == .watchEnded)
        #expect(FolderEvents(parent.file("absent")) == nil)
    }

    @Test("reads of the history never overlap: those asked for while one runs make one more after it, which posts last")
    func historyReadsAreCoalesced() async throws {
        let calls = LockedValue(0)
        let firstMayFinish = LockedValue(false)
        var fake = FakeAssetActions()
        fake.historyHandler = {
            let call = calls.withLock { $0 += 1; return $0 }
            if call == 1 {
                while !firstMayFinish.withLock({ $0 }) { usleep(1_000) }
                return []
            }
            return [Fixtures.imageEntry]
        }
        let (runner, inbox) = Self.runner(fake)
        defer { runner.cancelAll() }
        runner.perform(.loadHistory)
        while calls.withLock({ $0 }) < 1 { try await Task.sleep(for: .milliseconds(1)) }
        // Eight uploads ending together each ask: one read follows the one running.
        for _ in 0..<8 { runner.perform(.loadHistory) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(calls.withLock { $0 } == 1, "a second read overlapped the first")
        firstMayFinish.withLock { $0 = true }
        let actions = await inbox.collect { $0.contains(.historyLoaded([Fixtures.imageEntry])) }
        #expect(actions == [.historyLoaded([]), .historyLoaded([Fixtures.imageEntry])])
        try await Task.sleep(for: .milliseconds(100))
        #expect(calls.withLock { $0 } == 2 && inbox.drain().isEmpty)
    }

    @Test("uploads started together get entry times in the order they were started")
    func uploadTimesFollowTheStartOrder() async {
        let times = LockedValue<[String: Date]>([:])
        var fake = FakeAssetActions()
        fake.createdAtHandler = { request, date in times.withLock { $0[request.displayName] = date } }
        fake.uploadHandler = { _, _ in Fixtures.imageEntry }
        let (runner, inbox) = Self.runner(fake)
        for job in 1...5 {
            runner.perform(.startUpload(jobId: job, .image(path: "/x/shot\(job).png", fileName: "shot\(job).png", imageType: "screenshot")))
        }
        _ = await inbox.collect { $0.count { if case .uploadFinished = $0 { true } else { false } } == 5 }
        let ordered = (1...5).compactMap { times.withLock { $0 }["shot\($0).png"] }
        #expect(ordered.count == 5)
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 < $1 }, "\(ordered)")
    }

    @Test func aRemovalReportsWhatWentThenTheHistoryWithoutIt() async {
        var fake = FakeAssetActions()
        fake.removeHandler = { ids in
            guard ids == [Fixtures.failedEntry.entryId] else { throw FakeError("wrong ids \(ids)") }
            return [Fixtures.failedEntry]
        }
        fake.historyHandler = { [Fixtures.imageEntry] }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.removeHistoryEntries([Fixtures.failedEntry.entryId]))
        let actions = await inbox.collect { $0.count >= 2 }
        let removed = RemovedEntries(entries: [Fixtures.failedEntry], historyPath: FakeAssetActions().historyPath)
        #expect(actions == [.historyEntriesRemoved(removed, label: "the failed attempt banner.jpg"), .historyLoaded([Fixtures.imageEntry])])

        // Another process removed it first: the status names what was asked about.
        fake.removeHandler = { _ in [] }
        let (late, lateInbox) = Self.runner(fake)
        late.perform(.removeHistoryEntries([Fixtures.imageEntry.entryId]))
        let lateActions = await lateInbox.collect { $0.count >= 2 }
        #expect(lateActions.first == .historyEntriesRemoved(RemovedEntries(entries: [], historyPath: FakeAssetActions().historyPath), label: "the entry"))
        var state = Fixtures.sessionState()
        state.send(lateActions[0])
        #expect(state.status?.text == "Nothing removed: another command had already taken the entry out of the history.")
        #expect(state.history.removals.isEmpty, "nothing removed, nothing to undo")

        fake.removeHandler = { _ in throw FakeError("read-only folder") }
        let (failing, failures) = Self.runner(fake)
        failing.perform(.removeHistoryEntries([Fixtures.imageEntry.entryId]))
        #expect(await failures.collect { !$0.isEmpty } == [.historyRemovalFailed(message: "Cannot remove from the history: read-only folder")])
    }

    /// `u`'s effect: the entries go back to the history they were removed from (the demo's,
    /// when a sign-in came since), then the history is read again; those it could not put back
    /// (a failure, a quit) are kept for the last word, until a later undo puts them back.
    @Test func anUndoPutsTheEntriesBackThenTheHistoryWithThem() async {
        let both = RemovedEntries(entries: [Fixtures.imageEntry, Fixtures.failedEntry], historyPath: "/x/state/demo/history.json")
        let restored = LockedValue<[HistoryEntry]>([])
        let paths = LockedValue<[String]>([])
        var fake = FakeAssetActions()
        fake.restoreHandler = { _, _ in throw FakeError("read-only folder") }
        let (failing, failures) = Self.runner(fake)
        failing.perform(.restoreHistoryEntries(both))
        #expect(await failures.collect { !$0.isEmpty } == [.historyRestoreFailed(both, message: "Cannot put back in the history: read-only folder")])
        #expect(failing.notPutBack.withLock { $0 } == [both])

        // The history holds the failed attempt again already: only the image is put back.
        fake.restoreHandler = { entries, path in
            paths.withLock { $0.append(path) }
            let back = entries.filter { $0 != Fixtures.failedEntry }
            restored.withLock { $0 += back }
            return back
        }
        fake.historyHandler = { restored.withLock { $0 } }
        fake.restoreWarnings = ["History moved to history.json.corrupt-x beside it"]
        let (runner, inbox) = Self.runner(fake)
        runner.notPutBack.withLock { $0 = [both] }
        runner.perform(.restoreHistoryEntries(both))
        let actions = await inbox.collect { $0.count >= 2 }
        #expect(actions == [.historyEntriesRestored(restored: [Fixtures.imageEntry], asked: both.entries, into: "the history /x/state/demo/history.json",
                                                    notes: ["In /x/state/demo/history.json: History moved to history.json.corrupt-x beside it"]),
                            .historyLoaded([Fixtures.imageEntry])], "\(actions)")
        #expect(paths.withLock { $0 } == ["/x/state/demo/history.json"], "the history they came from, not the session's now")
        #expect(runner.notPutBack.withLock { $0 }.isEmpty, "both are in the history now")

        // The session's history, but another server's entries of it (signed in elsewhere since):
        // said, as the pane does not list them; a note that names the file is not prefixed again.
        fake.restoreHandler = { entries, _ in entries }
        fake.serverURL = "https://marketplace.example.org"
        fake.restoreWarnings = ["In /x/state/history.json, 1 entry repeats an earlier one's entryId"]
        let (other, otherInbox) = Self.runner(fake)
        other.perform(.restoreHistoryEntries(RemovedEntries(entries: [Fixtures.imageEntry], historyPath: fake.historyPath)))
        let said = await otherInbox.collect { !$0.isEmpty }
        #expect(said.first == .historyEntriesRestored(restored: [Fixtures.imageEntry], asked: [Fixtures.imageEntry],
                                                      into: "the local history, among \(Fixtures.serverURL)'s entries (not listed here)",
                                                      notes: ["In /x/state/history.json, 1 entry repeats an earlier one's entryId"]), "\(said)")
        other.cancelAll()
    }

    /// An undo counts as not put back until its write is known to be done: a quit that stops
    /// waiting for it before then still names its entries.
    @Test func anUndoUnderWayCountsAsNotPutBackUntilItsWriteIsDone() async {
        let release = LockedValue(false)
        let started = LockedValue(false)
        var fake = FakeAssetActions()
        fake.restoreHandler = { entries, _ in
            started.withLock { $0 = true }
            while !release.withLock({ $0 }) { usleep(2_000) }
            return entries
        }
        let (runner, inbox) = Self.runner(fake)
        let removal = RemovedEntries(entries: [Fixtures.imageEntry], historyPath: fake.historyPath)
        runner.perform(.restoreHistoryEntries(removal))
        while !started.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        #expect(runner.notPutBack.withLock { $0 } == [removal])
        release.withLock { $0 = true }
        _ = await inbox.collect { $0.contains { if case .historyEntriesRestored = $0 { true } else { false } } }
        #expect(runner.notPutBack.withLock { $0 }.isEmpty)
        runner.cancelAll()  // the history's watch, which the read after the undo started
        await runner.waitForAll(upTo: .seconds(30))
    }

    /// What a history write waiting for another process's lock does in these fakes: says it
    /// began, then waits until the quit cancels it.
    static func waitForTheQuit(_ started: LockedValue<Bool>) throws {
        started.withLock { $0 = true }
        while !OwnThread.isCancelled { usleep(5_000) }
        throw FakeError("the wait for the lock was cancelled")
    }

    /// An undo waiting for another process's lock when the TUI quits keeps its entries, for
    /// the lines said once the screen is gone (with their IDs), not a status line no one sees.
    @Test func anUndoStoppedByQuitKeepsItsEntriesForTheLastWord() async {
        let started = LockedValue(false)
        var fake = FakeAssetActions()
        fake.restoreHandler = { _, _ in
            try Self.waitForTheQuit(started)
            return []
        }
        let (runner, inbox) = Self.runner(fake)
        let removal = RemovedEntries(entries: [Fixtures.imageEntry], historyPath: "/x/state/history.json")
        runner.perform(.restoreHistoryEntries(removal))
        while !started.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        runner.cancelAll()
        await runner.waitForAll(upTo: .seconds(60))
        #expect(runner.notPutBack.withLock { $0 } == [removal])
        #expect(inbox.drain().isEmpty)
    }

    /// A removal waiting for another process's lock when the TUI quits is stopped, and counted
    /// for the line said once the screen is gone, not reported on a status line no one sees.
    @Test func aRemovalStoppedByQuitIsCountedNotReported() async {
        let started = LockedValue(false)
        var fake = FakeAssetActions()
        fake.removeHandler = { _ in
            try Self.waitForTheQuit(started)
            return []
        }
        fake.refreshHandler = { _ in Fixtures.artifactEntry }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.removeHistoryEntries([Fixtures.imageEntry.entryId, Fixtures.failedEntry.entryId]))
        while !started.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        // More short effects than the runner once kept (64) end meanwhile: the removal stays reachable.
        for _ in 1...80 { runner.perform(.refreshArtifact(artifactId: "a-1")) }
        _ = await inbox.collect { $0.count >= 80 }
        runner.cancelAll()
        await runner.waitForAll(upTo: .seconds(60))
        #expect(runner.removalsStoppedByQuit.withLock { $0 } == 2)
        #expect(inbox.drain().isEmpty)
        #expect(runner.trackedTaskCount == 0, "a task that ended is not kept")
    }

    @Test func inspectionsReportPreviewsAndErrors() async {
        var fake = FakeAssetActions()
        fake.previewHandler = { path in
            if path.hasSuffix(".fifo") { throw FakeError("\(path) is a named pipe (FIFO), not a file") }
            if path.hasSuffix(".bmp") { throw FakeError("\(path): the BMP header is cut short") }
            guard path.hasSuffix(".jar") else { throw FakeError("not a jar") }
            return Fixtures.pluginPreview
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.inspect(path: "/x/a.jar"))
        var actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.inspected(path: "/x/a.jar", .ready(Fixtures.pluginPreview))])
        runner.perform(.inspect(path: "/x/b.txt"))
        actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.inspected(path: "/x/b.txt", .failed("not a jar"))])
        // The Details pane names the file already: the reason names it by its name, not its whole path.
        runner.perform(.inspect(path: "/x/y/c.fifo"))
        actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.inspected(path: "/x/y/c.fifo", .failed("c.fifo is a named pipe (FIFO), not a file"))])
        runner.perform(.inspect(path: "/x/y/d.bmp"))
        actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.inspected(path: "/x/y/d.bmp", .failed("the BMP header is cut short"))])
    }

    /// One at a time, the check of a slow image (seconds for 49 megapixels) held the preview of
    /// every file selected after it, and the upload of one waiting for its read.
    @Test func aNewerInspectionCancelsTheOneUnderWay() async {
        let slowStarted = LockedValue(false), slowCut = LockedValue(false)
        var fake = FakeAssetActions()
        fake.previewHandler = { path in
            if path == "/x/slow.png" {
                slowStarted.withLock { $0 = true }
                // Decoding row after row, until cancelled (a minute at most).
                for _ in 0..<6000 where !OwnThread.isCancelled { Thread.sleep(forTimeInterval: 0.01) }
                slowCut.withLock { $0 = OwnThread.isCancelled }
            }
            return FilePreview(path: path, fileName: path, size: 0, contentType: "x", content: .artifact(nil), warnings: [])
        }
        let (runner, inbox) = Self.runner(fake)
        runner.perform(.inspect(path: "/x/slow.png"))
        while !slowStarted.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        let asked = ContinuousClock.now
        runner.perform(.inspect(path: "/x/next.jar"))
        let actions = await inbox.collect { $0.contains { if case .inspected("/x/next.jar", _, _) = $0 { true } else { false } } }
        #expect(ContinuousClock.now - asked < .seconds(30), "not after the slow one's minute")
        // (Cut short, or after its minute should it run on: either way this ends.)
        for _ in 0..<1200 where !slowCut.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(50)) }
        #expect(slowCut.withLock { $0 }, "the slow check was cancelled")
        try? await Task.sleep(for: .milliseconds(50))
        // The check cut short says nothing of its file.
        #expect((actions + inbox.drain()).map { if case .inspected(let path, _, _) = $0 { path } else { "" } } == ["/x/next.jar"])
    }

    @Test func copyRunsTheToolsAndLogs() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = folder.path + "/clipboard.log"
        let clipboard = Clipboard(tools: [], insideTmux: false, logPath: log)
        let (runner, inbox) = Self.runner(FakeAssetActions(), clipboard: clipboard)
        runner.perform(.copy(ClipboardText(label: "ID", text: "img-1")))
        let actions = await inbox.collect { !$0.isEmpty }
        #expect(actions == [.copyFinished(label: "ID img-1", CopyReport())])
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "img-1\n")
    }

    @Test func progressIsCoalescedPerJob() {
        let inbox = ActionInbox()
        let time = Fixtures.date(minutes: 0)
        inbox.post(.uploadStarted(jobId: 1, at: time))
        for sent in 1...1000 { inbox.postProgress(jobId: 1, UploadProgress(sentBytes: Int64(sent), totalBytes: 1000), at: time) }
        inbox.postProgress(jobId: 2, UploadProgress(sentBytes: 5, totalBytes: 10), at: time)
        inbox.post(.uploadFinished(jobId: 1, Fixtures.imageEntry))
        inbox.postProgress(jobId: 1, UploadProgress(sentBytes: 1000, totalBytes: 1000), at: time)
        let drained = inbox.drain()
        #expect(drained == [
            .uploadStarted(jobId: 1, at: time),
            .uploadProgress(jobId: 1, UploadProgress(sentBytes: 1000, totalBytes: 1000), at: time),
            .uploadProgress(jobId: 2, UploadProgress(sentBytes: 5, totalBytes: 10), at: time),
            .uploadFinished(jobId: 1, Fixtures.imageEntry),
            // A late report stays after the result (update ignores progress of a finished job).
            .uploadProgress(jobId: 1, UploadProgress(sentBytes: 1000, totalBytes: 1000), at: time),
        ])
        #expect(inbox.drain().isEmpty)
    }
}
