import AssetCore
import Foundation
import Testing
import MarketplaceAPI
@testable import AssetTUI

/// What a new user tripped over (the rough edges of issue 15), each kept from coming back.
@Suite struct RoughEdgeTests {
    /// Details of the history entry `name`, as the pane shows it.
    static func detailsText(ofHistoryEntry name: String, in state: inout AppState) -> String {
        state.type("4")
        for _ in state.history.entries where state.history.selectedEntry?.name != name { state.press(.down) }
        state.press(.enter)
        return Renderer.render(state).text
    }

    @Test func aFailedEntryIsLabelledFailedWithItsTime() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        let text = Self.detailsText(ofHistoryEntry: "banner.jpg", in: &state)
        #expect(text.contains("Failed"))
        #expect(!text.contains("Uploaded  "))
        var good = Fixtures.sessionState(width: 120, height: 40)
        #expect(Self.detailsText(ofHistoryEntry: "app-icon.png", in: &good).contains("Uploaded"))
    }

    @Test func aFetchedArtifactIsLabelledFetchedNotUploaded() {
        var state = Fixtures.listedState(width: 120, height: 40)
        var fetched = Fixtures.artifactEntry
        (fetched.localPath, fetched.remoteURI, fetched.verified) = (nil, "https://ci.example.com/app.jar", nil)
        _ = Update.update(&state, .historyLoaded([fetched]))
        let text = Self.detailsText(ofHistoryEntry: fetched.name, in: &state)
        #expect(text.contains("Fetched       ") && text.contains("Fetched from  https://ci.example.com/app.jar"), "\(text)")
        #expect(!text.contains("Uploaded  "))
    }

    @Test func rRetriesTheFailedUploadShownInDetails() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        state.type("2")
        state.type("jjj")  // the failed banner
        state.press(.enter)
        #expect(state.focus == .details)
        #expect(Renderer.render(state).text.contains("r retries it."))
        state.type("r")
        #expect(state.uploads.jobs[3].status == .queued || state.uploads.jobs[3].status == .running)
        #expect(state.uploads.jobs[3].attempt == 2)
    }

    @Test func rInDetailsWithoutAnUploadSaysWhereItWorks() {
        var state = Fixtures.sessionState()
        state.type("3")
        state.type("r")
        #expect(state.status?.text.contains("Upload (2)") == true)
    }

    @Test func theUploadableMarkNeedsBytes() {
        let empty = Fixtures.file("empty.png", size: 0, minutes: 0)
        let full = Fixtures.file("icon.png", size: 5, minutes: 0)
        #expect(empty.uploadKind == nil)
        #expect(full.uploadKind == .image)
    }

    @Test func aStalledUploadShowsHowLongInsteadOfAFrozenRate() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        let start = Fixtures.date(minutes: 0).addingTimeInterval(2)
        #expect(Renderer.render(state).text.contains("/s"))
        for second in 1...12 {
            state.send(.tick(start.addingTimeInterval(Double(second))))
        }
        let text = Renderer.render(state).text
        #expect(text.contains("stalled for 0:12"))
        #expect(state.uploads.jobs[1].rate.bytesPerSecond == 0)
        // Bytes moving again end the stall.
        state.send(.uploadProgress(jobId: 2, UploadProgress(sentBytes: 600_000, totalBytes: 1_234_567), at: start.addingTimeInterval(13)))
        #expect(!Renderer.render(state).text.contains("stalled"))
        // The whole file sent: the wait is for Marketplace's answer, not a stall.
        state.send(.uploadProgress(jobId: 2, UploadProgress(sentBytes: 1_234_567, totalBytes: 1_234_567), at: start.addingTimeInterval(14)))
        for second in 15...20 { state.send(.tick(start.addingTimeInterval(Double(second)))) }
        let waiting = Renderer.render(state).text
        #expect(waiting.contains("1.2 MB/1.2 MB  waiting 0:06") && !waiting.contains("stalled"), "\(waiting)")
        // At 80 columns the byte counts give way, not the wait (the bar shows how much went).
        state.send(.resize(ScreenSize(width: 80, height: 24)))
        let narrow = Renderer.render(state).text
        #expect(narrow.contains("] waiting 0:06") && !narrow.contains("1.2 MB/1.2 MB"), "\(narrow)")
    }

    @Test("at 100 columns a stall changes neither the figures shown nor the bar's width (the bytes came and went with each stall)")
    func aStallKeepsTheProgressLineSteady() throws {
        var state = Fixtures.sessionState(width: 100, height: 30)
        let start = Fixtures.date(minutes: 0).addingTimeInterval(2)
        func progressLine() throws -> Substring {
            let line = try #require(Renderer.render(state).text.split(separator: "\n").first { $0.contains("[█") || $0.contains("[░") })
            return line[try #require(line.firstRange(of: "[")).lowerBound...]
        }
        func barWidth(_ line: Substring) -> Int { line.prefix { $0 != "]" }.count }
        let moving = try progressLine()
        for second in 1...12 { state.send(.tick(start.addingTimeInterval(Double(second)))) }
        let stalled = try progressLine()
        #expect(stalled.contains("stalled for 0:12") && moving.contains("/s"), "\(moving)\n\(stalled)")
        #expect(barWidth(stalled) == barWidth(moving), "\(moving)\n\(stalled)")
        #expect(moving.contains("MB/") == stalled.contains("MB/"), "\(moving)\n\(stalled)")
    }

    @Test("the quit question says when an upload was sent whole: a cancel cannot take back what Marketplace may make of it")
    func theQuitQuestionSaysWhatWasSentWhole() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        state.type("q")
        // The running fetch's request went as it started; the jar is not all sent yet.
        #expect(Renderer.render(state).text.contains("1 sent whole: Marketplace may still make it."), "\(Renderer.render(state).text)")
        state.send(.uploadProgress(jobId: 2, UploadProgress(sentBytes: 1_234_567, totalBytes: 1_234_567), at: Fixtures.date(minutes: 1)))
        #expect(Renderer.render(state).text.contains("2 sent whole: Marketplace may still make them."), "\(Renderer.render(state).text)")
        state.send(.uploadCancelled(jobId: 3))
        state.send(.uploadCancelled(jobId: 2))
        #expect(!Renderer.render(state).text.contains("sent whole"))
    }

    @Test("in History, an artifact whose last refresh failed has its ID in the warning colour, a failed attempt in the error one: after R on many rows, which")
    func aFailedRefreshShowsInItsRow() {
        var state = Fixtures.listedState(width: 120, height: 40)
        var gone = Fixtures.artifactEntry
        gone.entryId = UUID()
        gone.id = "99999999-0000-4000-8000-000000000000"
        gone.failure = "Marketplace has no artifact with this ID (HTTP 404)."
        state.send(.historyLoaded([Fixtures.artifactEntry, gone, Fixtures.failedEntry]))
        let canvas = Renderer.render(state)
        func style(of text: String, after prefix: String) -> CellStyle? {
            for y in 0..<canvas.height {
                let line = canvas.line(y)
                guard let range = line.range(of: prefix + text) else { continue }
                return canvas[DisplayWidth.of(line[..<range.lowerBound]) + prefix.count, y].style
            }
            return nil
        }
        #expect(style(of: "99999999-0", after: "ART ") == Theme.warning)
        // Its Details say the refresh time is of the last read, not of the failure.
        gone.refreshedAt = Fixtures.date(minutes: 5)
        var tall = Fixtures.listedState(width: 120, height: 100)
        tall.send(.historyLoaded([gone]))
        tall.type("4")
        #expect(Renderer.render(tall).text.contains("(last read; a later refresh failed)"), "\(Renderer.render(tall).text)")
        #expect(style(of: "failed", after: "IMG ") == Theme.error)
        // (The first row is selected, and drawn as such.)
        #expect(![Theme.warning, Theme.error].contains(style(of: Fixtures.artifactId.prefix(8).description, after: "ART ")))
    }

    @Test func theQuitQuestionClosesWhenNothingRunsAnyMore() {
        var state = Fixtures.sessionState()
        state.type("q")
        #expect(state.overlay == .confirmQuit(over: nil))
        state.send(.uploadFinished(jobId: 2, Fixtures.artifactEntry))
        #expect(state.overlay == .confirmQuit(over: nil))  // the queued fetch still waits
        state.send(.uploadFailed(jobId: 3, message: "no"))
        #expect(state.overlay == nil)
        #expect(state.status?.text.contains("q quits") == true)
        #expect(!state.shouldQuit)
    }

    @Test func credentialsRefusedStopTheQueue() {
        // Job 2 runs, job 3 waits: Marketplace refusing the credentials for 2 would refuse 3 too.
        var state = Fixtures.sessionState()
        #expect(state.uploads.jobs[2].status == .queued)
        state.send(.uploadFailed(jobId: 2, message: "Marketplace did not accept the credentials (HTTP 401)", stopsBatch: .credentialsRefused))
        guard case .failed(let reason) = state.uploads.jobs[2].status else {
            Issue.record("the waiting upload was \(state.uploads.jobs[2].status)")
            return
        }
        #expect(reason.hasPrefix("not started: Marketplace refused the credentials or the account for ") && reason.hasSuffix("L signs in, r retries"))
        #expect(!state.uploads.jobs.contains { $0.status == .running || $0.status == .queued })
        // The status line ends with the TUI's remedy, which a cut keeps (the message's own names the CLI's commands).
        #expect(state.status?.text.hasSuffix("(HTTP 401) L signs in again, then r retries.") == true, "\(String(describing: state.status))")
        let bottom = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(bottom.contains("L signs in again, then r retries."), "\(bottom)")
        // The account refused (403): the same, and signing in as another account may help.
        var account = Fixtures.sessionState()
        account.send(.uploadFailed(jobId: 2, message: "Marketplace refused access (HTTP 403)", stopsBatch: .accountRefused))
        #expect(account.uploads.jobs[2].status == state.uploads.jobs[2].status)
        // The server not reached: the same, but signing in again is no remedy.
        var down = Fixtures.sessionState()
        down.send(.uploadFailed(jobId: 2, message: "Could not connect to 127.0.0.1: Connection refused (after 3 attempts)", stopsBatch: .unreachable))
        guard case .failed(let downReason) = down.uploads.jobs[2].status else {
            Issue.record("the waiting upload was \(down.uploads.jobs[2].status)")
            return
        }
        #expect(downReason.hasPrefix("not started: the server could not be reached for ") && downReason.hasSuffix("; r retries"))
        // Any other failure leaves the queue alone.
        var other = Fixtures.sessionState()
        other.send(.uploadFailed(jobId: 2, message: "HTTP 500"))
        #expect(other.uploads.jobs[2].status == .queued || other.uploads.jobs[2].status == .running)
    }

    @Test func ctrlLRepaintsWhateverIsOpenAndAPasteClosesNothing() {
        for open in [Overlay.help(scrollTop: 0), .urlPrompt(TextField())] as [Overlay?] + [nil] {
            var state = Fixtures.sessionState()
            state.overlay = open
            #expect(Update.update(&state, .key(.control("l"))).first == .repaint, "\(String(describing: open))")
            #expect(state.overlay == open)
        }
        var typing = Fixtures.sessionState()
        typing.type("1/ab")
        #expect(Update.update(&typing, .key(.control("l"))).first == .repaint && typing.files.filterText == "ab")
        var small = Fixtures.sessionState()
        small.send(.resize(ScreenSize(width: 30, height: 8)))
        #expect(Update.update(&small, .key(.control("l"))).first == .repaint)
        // Help closes on any other key, but a paste is none.
        var help = Fixtures.sessionState()
        help.overlay = .help(scrollTop: 0)
        help.send(.key(.paste("logo\nq")))
        #expect(help.overlay == .help(scrollTop: 0) && !help.shouldQuit)
    }

    @Test func aSlipTypedAsACustomImageTypeIsNamedBeforeItIsSent() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        state.overlay = .imageTypePicker(ImageTypePicker(
            path: Fixtures.directory + "/app-icon.png", fileName: "app-icon.png",
            choices: Fixtures.imageTypeChoices, highlighted: 0, warnings: [:]))
        state.type("screenshots")
        #expect(Renderer.render(state).text.contains("did you mean screenshot?"))
        state.press(.backspace)
        #expect(!Renderer.render(state).text.contains("did you mean"))
    }

    @Test func aFilterStaysWithItsFolder() {
        var state = Fixtures.listedState()
        state.type("/rel")
        state.press(.enter)
        #expect(state.files.filterText == "rel")
        state.press(.enter)  // opens releases/
        #expect(state.files.filterText.isEmpty)
        #expect(!state.files.isEditingFilter)
        // A reload keeps it.
        var again = Fixtures.listedState()
        again.type("/png")
        again.press(.enter)
        again.type("R")
        #expect(again.files.filterText == "png")
    }

    @Test func theEmptyHintOffersHiddenFilesOnlyWhenTheyAreHidden() {
        var state = Fixtures.listedState()
        state.type("/zzz")
        #expect(FilesPaneView.emptyHint(state.files).contains(". shows hidden files"))
        state.press(.enter)
        state.type(".")
        #expect(!FilesPaneView.emptyHint(state.files).contains(". shows hidden files"))
    }

    @Test func aLongPasteIsKeptWhole() {
        var state = Fixtures.listedState()
        state.type("f")
        let url = "https://example.com/" + String(repeating: "a", count: 10_000) + ".jar"
        state.type(url)
        guard case .urlPrompt(let field)? = state.overlay else {
            Issue.record("the prompt closed")
            return
        }
        #expect(field.text == url)
    }

    /// Files modified today show their time (5 columns of the date's 10): the name takes the rest,
    /// rather than be cut beside blank columns; one older row brings the dates back to 10.
    @Test func todaysTimesLeaveTheirColumnsToTheNames() {
        var state = AppState(mode: .demo(serverURL: Fixtures.serverURL), directory: Fixtures.directory,
                             screen: ScreenSize(width: 80, height: 24), imageTypeChoices: Fixtures.imageTypeChoices, timeZone: Fixtures.utc)
        _ = Update.start(&state)
        state.today = Fixtures.date(minutes: 0)
        let today = [Fixtures.file("b.png", size: 10, minutes: -2), Fixtures.file("acme-bigsuite-4.0.jar", size: 10, minutes: -1)]
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: today))
        // (The Files pane's half of the row: Details beside it may name the jar too.)
        func jarRow() -> String { Renderer.render(state).text.split(separator: "\n").map { String($0.prefix(40)) }.first { $0.contains("acme-") } ?? "" }
        #expect(jarRow().contains("acme-bigsuite-4.0.jar  "), "\(jarRow())")
        state.send(.directoryChanged(generation: state.files.generation, entries: today + [Fixtures.file("c.png", size: 10, minutes: -3 * 24 * 60)]))
        #expect(jarRow().contains("acme-big…4.0.jar"), "cut again beside a full date: \(jarRow())")
    }

    /// At 80 columns the pane holds an artifact's ID whole (without `ID `, from the row's start).
    @Test func anIDInTheUploadPaneIsWholeAt80ColumnsAndDetailsShowsItToo() {
        var state = Fixtures.sessionState(width: 80, height: 24)
        let id = "88973202-adc4-4a2d-8cb7-5726c6a1b2c3"
        var entry = Fixtures.imageEntry
        entry.id = id
        state.uploads.jobs[0].status = .finished(entry)
        state.type("2")
        let screen = Renderer.render(state).text
        let line = screen.split(separator: "\n").first { $0.contains("✓ 88973202") }.map(String.init) ?? ""
        #expect(line.contains("│✓ " + id + "│"), "\(screen)")
        state.press(.enter)
        #expect(Renderer.render(state).text.replacingOccurrences(of: "\n", with: "").contains(id.prefix(20)))
    }
}
