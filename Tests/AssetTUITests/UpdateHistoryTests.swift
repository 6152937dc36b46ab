import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// History and Details: newest first, filter, copy, the `Y` menu, refresh, every field.
@Suite struct UpdateHistoryTests {
    static func historyFocused() -> AppState {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.failedEntry, Fixtures.artifactEntry]))
        state.type("4")
        return state
    }

    @Test func aWideHistoryPaneShowsWholeIDs() {
        var state = Self.historyFocused()
        state.send(.resize(ScreenSize(width: 160, height: 40)))
        let pane = Renderer.render(state).text.split(separator: "\n").filter { $0.contains("ART") }
        #expect(pane.contains { $0.contains(Fixtures.artifactId) }, "\(pane)")
        // Narrower, the ID gives way to the name (Details shows it whole, y copies it).
        state.send(.resize(ScreenSize(width: 100, height: 30)))
        let narrow = Renderer.render(state).text.split(separator: "\n").filter { $0.contains("ART") }
        #expect(!narrow.isEmpty && !narrow.contains { $0.contains(Fixtures.artifactId) }, "\(narrow)")
    }

    @Test("an imageType that just fits the name column is shown (it took a column more than the name)")
    func anImageTypeThatJustFitsIsShown() throws {
        var state = Self.historyFocused()
        state.send(.resize(ScreenSize(width: 120, height: 35)))
        func imageRow(named name: String) throws -> String {
            var entry = Fixtures.imageEntry
            entry.name = name
            state.send(.historyLoaded([entry]))
            return String(try #require(Renderer.render(state).text.split(separator: "\n").first { $0.contains("IMG") }))
        }
        // A name longer than the column is cut to it: the column's width.
        let cut = try imageRow(named: String(repeating: "x", count: 200) + ".png")
        let start = try #require(cut.firstIndex(of: "x")), end = try #require(cut.range(of: ".png")?.upperBound)
        let columns = DisplayWidth.of(cut[start..<end])
        let suffix = HistoryTable.imageTypeSuffix(of: Fixtures.imageEntry)
        #expect(!suffix.isEmpty)
        let fitting = String(repeating: "a", count: columns - DisplayWidth.of(suffix) - 4) + ".png"
        #expect(try imageRow(named: fitting).contains(fitting + suffix))
        #expect(try !imageRow(named: "a" + fitting).contains(suffix), "a column more, and it is left out")
    }

    @Test func thePaneSaysItIsReadingUntilTheHistoryComes() {
        var state = Fixtures.listedState()
        #expect(Renderer.render(state).text.contains("Reading the history…"))
        state.send(.historyLoaded([]))
        #expect(state.history.isLoaded)
        #expect(Renderer.render(state).text.contains("Nothing uploaded to this server yet."))
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.failedEntry, Fixtures.artifactEntry]))
        #expect(state.history.entries.count == 3)
    }

    @Test func aHistoryThatCannotBeReadSaysWhy() {
        var state = Fixtures.listedState()
        state.send(.historyFailed(message: "Cannot read the history: broken"))
        #expect(state.history.entries.isEmpty)
        #expect(state.history.loadError == "Cannot read the history: broken")
        #expect(Renderer.render(state).text.contains("Cannot read the history: broken"))
        // Details, following History, does not call it empty.
        state.type("4")
        let screen = Renderer.render(state).text
        #expect(screen.contains("The history could not be read") && !screen.contains("Nothing uploaded"), "\(screen)")
    }

    @Test func aHistoryDamagedAfterItWasReadIsSaidWholeAboveItsEntries() {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.failedEntry, Fixtures.artifactEntry]))
        let message = "Cannot read the history: The history file /home/me/.local/state/marketplace-assets/history.json does not "
            + "read (expected '\"' at line 5, column 73): correct it, or move it away. It was left untouched."
        state.send(.historyFailed(message: message))
        state.type("4")
        state.type("j")
        state.type("j")
        let screen = Renderer.render(state)
        let pane = (0..<screen.height).map { screen.line($0) }.filter { $0.contains("│") }.map {
            ($0.split(separator: "│", omittingEmptySubsequences: false).dropFirst(3).first ?? "").trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
        #expect(pane.contains("at line 5, column 73") && pane.contains("It was left untouched."), "\(screen.text)")
        // The entries read stay below it, the selected one in view.
        #expect(screen.text.contains("› IMG img-123"), "\(screen.text)")
    }

    @Test func aDamagedHistoryMovedAsideIsSaidInFullInTheEmptyPane() {
        var state = Fixtures.listedState()
        let moved = "History moved to /home/me/.local/state/marketplace-assets/history.json.corrupt-20261204T150317Z: "
            + "it could not be read (the file ends too early: unterminated string at line 3, column 9); a new history was started."
        state.send(.historyWarnings([moved]))
        state.send(.historyLoaded([]))
        #expect(state.history.notice == moved)
        // The pane wraps it, so that all of it can be read where the status line cuts it.
        state.send(.resize(ScreenSize(width: 200, height: 50)))
        let pane = Renderer.render(state).text
        #expect(pane.contains("/home/me/.local/state/marketplace-assets/history.json.corrupt-20261204T150317Z:"), "\(pane)")
        #expect(pane.contains("history was started."))
        #expect(!pane.contains("Nothing uploaded to this server yet."))
        // Another warning (after an upload) does not replace it; entries coming back end it.
        state.send(.historyWarnings(["Done, but the history could not be saved"]))
        #expect(state.history.notice == moved)
        state.send(.historyLoaded([Fixtures.imageEntry]))
        #expect(state.history.notice == nil)
    }

    @Test func anEntryAddedElsewhereShowsAtTheTopAndMarksOfEntriesGoneGo() throws {
        var state = Fixtures.listedState(width: 120, height: 40)
        let entries = (0..<60).map { index in
            HistoryEntry(kind: .image, id: "img-\(index)", name: "shot-\(index).png", serverURL: Fixtures.serverURL,
                         createdAt: Fixtures.date(minutes: -index))
        }
        state.send(.historyLoaded(entries))
        state.type("4g")
        state.type(" ")  // marks img-0 and moves to img-1
        state.type("g")
        let added = HistoryEntry(kind: .image, id: "img-new", name: "new.png", serverURL: Fixtures.serverURL,
                                 createdAt: Fixtures.date(minutes: 1))
        state.send(.historyLoaded([added] + entries))
        #expect(state.history.selectedEntry?.id == "img-0", "the selection stays on its entry")
        #expect(state.history.cursor.scrollTop == 0, "the new entry at the top is in view")
        #expect(Renderer.render(state).text.contains("new.png"))
        #expect(state.history.marks.count == 1)
        state.send(.historyLoaded([added] + entries.dropFirst()))
        #expect(state.history.marks.isEmpty, "img-0 is gone, and its mark with it")
        // The selected entry removed elsewhere as two arrive at the top: the one after it is
        // selected, not the entry its row now holds (a `y` would copy an unrelated ID).
        state.type("jjj")
        let selected = try #require(state.history.selectedEntry)
        let rest = [added] + entries.dropFirst().filter { $0.entryId != selected.entryId }
        let newer = (2...3).map { HistoryEntry(kind: .image, id: "img-new-\($0)", name: "n\($0).png", serverURL: Fixtures.serverURL,
                                               createdAt: Fixtures.date(minutes: $0)) }
        state.send(.historyLoaded(newer + rest))
        let next = try #require(entries.firstIndex { $0.entryId == selected.entryId }).advanced(by: 1)
        #expect(state.history.selectedEntry?.id == entries[next].id, "\(String(describing: state.history.selectedEntry?.id))")
    }

    @Test func aHistoryPaneAtRestFollowsTheUploadsThatArriveButNotOneDetailsShows() {
        var state = Fixtures.listedState(width: 120, height: 40)
        let old = (0..<60).map { index in
            HistoryEntry(kind: .image, id: "img-\(index)", name: "shot-\(index).png", serverURL: Fixtures.serverURL,
                         createdAt: Fixtures.date(minutes: -index))
        }
        state.send(.historyLoaded(old))
        // More uploads from another process than the pane has rows: the newest stays selected and in view.
        var entries = old
        for index in 1...40 {
            entries.insert(HistoryEntry(kind: .image, id: "new-\(index)", name: "new-\(index).png", serverURL: Fixtures.serverURL,
                                        createdAt: Fixtures.date(minutes: index)), at: 0)
            state.send(.historyLoaded(entries))
        }
        #expect(state.history.selectedEntry?.id == "new-40" && state.history.cursor.scrollTop == 0, "\(String(describing: state.history.selectedEntry?.id))")
        #expect(Renderer.render(state).text.contains("new-40.png"))
        // Details showing that entry: it stays selected, the next upload arriving above it.
        state.type("4")
        state.press(.enter)
        #expect(state.details.subject == .history)
        entries.insert(HistoryEntry(kind: .image, id: "new-41", name: "new-41.png", serverURL: Fixtures.serverURL,
                                    createdAt: Fixtures.date(minutes: 41)), at: 0)
        state.send(.historyLoaded(entries))
        #expect(state.history.selectedEntry?.id == "new-40")
    }

    @Test func aNarrowDateColumnShowsTodaysEntriesByTheirTime() {
        var state = Fixtures.listedState(width: 120, height: 40)
        let earlier = HistoryEntry(kind: .image, id: "img-earlier", name: "earlier.png", serverURL: Fixtures.serverURL,
                                   createdAt: Fixtures.date(minutes: -24 * 60))
        let recent = HistoryEntry(kind: .image, id: "img-recent", name: "recent.png", serverURL: Fixtures.serverURL,
                                  createdAt: Fixtures.date(minutes: 3))
        state.send(.historyLoaded([recent, earlier]))
        var screen = Renderer.render(state).text
        #expect(!screen.contains(" 12:03"), "the day is not known yet: dates only")
        state.send(.today(Fixtures.date(minutes: 30)))
        screen = Renderer.render(state).text
        #expect(screen.contains("recent.png") && screen.contains(" 12:03"), "\(screen)")
        #expect(screen.contains("2024-04-30"), "an entry of another day keeps its date")
    }

    @Test func entriesAreNewestFirst() {
        let state = Self.historyFocused()
        #expect(state.history.visible.map { state.history.entries[$0].name } == ["my-plugin-1.0.0.jar", "banner.jpg", "app-icon.png"])
        #expect(state.details.subject == .history)
    }

    @Test func yCopiesTheID() {
        var state = Self.historyFocused()
        #expect(state.type("y") == [.copy(ClipboardText(label: "ID", text: Fixtures.artifactId))])
        #expect(state.status == .info("Copying ID \(Fixtures.artifactId)…"))
        state.send(.copyFinished(label: "ID", CopyReport(copiedBy: "xclip")))
        #expect(state.status == .success("Copied to the clipboard (xclip): ID"))
        state.send(.copyFinished(label: "ID", CopyReport(failed: ["xclip"])))
        #expect(state.status?.kind == .info)
    }

    @Test func anIDWithAnEscapeSequenceIsCopiedWithoutIt() {
        var state = Fixtures.listedState()
        let hostile = HistoryEntry(kind: .image, id: "img-\u{1B}]0;PWNED\u{07}\u{1B}[2J", name: "x.png", serverURL: Fixtures.serverURL)
        state.send(.historyLoaded([hostile]))
        state.type("4")
        guard case .copy(let copied)? = state.type("y").first else {
            Issue.record("nothing copied")
            return
        }
        #expect(SafeText.isSafe(copied.text) && copied.text.hasPrefix("img-"), "\(copied.text)")
        #expect(ClipboardText(label: "entry", text: "{\n  \"a\" : 1\n}").text == "{\n  \"a\" : 1\n}", "lines are kept")
        // The entry as JSON keeps what the name holds, escaped as `--json` prints it: JSON that means the same, safe to show.
        let hostileJSON = Copying.options(for: hostile).first { $0.label == "entry as JSON" }?.text ?? ""
        let named = HistoryEntry(kind: .image, id: "img-1", name: "a\u{202E}b\u{1B}[31m.png", serverURL: Fixtures.serverURL)
        let json = Copying.options(for: named).first { $0.label == "entry as JSON" }?.text ?? ""
        #expect((hostileJSON + "\n" + json).split(separator: "\n").allSatisfy { SafeText.isSafe($0) }, "\(hostileJSON)\n\(json)")
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == "a\u{202E}b\u{1B}[31m.png", "\(json)")
    }

    @Test func aFailedEntryHasNoIDToCopy() {
        var state = Self.historyFocused()
        state.type("j")
        #expect(state.type("y").isEmpty)
        #expect(state.status == .error("banner.jpg has no ID: its upload failed"))
    }

    @Test func shiftYOffersLinksAndTheEntryAsJSON() throws {
        var state = Self.historyFocused()
        state.type("Y")
        guard case .copyMenu(let menu)? = state.overlay else {
            Issue.record("no copy menu")
            return
        }
        #expect(menu.options.map(\.label) == ["ID", "listing JSON", "self link", "binary link", "checksum", "entry as JSON"])
        let selfLink = "\(Fixtures.serverURL)/rest/3/artifacts/\(Fixtures.artifactId)"
        // What an app version takes, as `history --snippet` gives it.
        #expect(menu.options[1].text == "{\"artifactId\": \"\(Fixtures.artifactId)\", \"self\": \"\(selfLink)\", \"binary\": \"\(selfLink)/download\"}")
        #expect(menu.options[2].text == selfLink)
        #expect(menu.options[3].text == selfLink + "/download")
        #expect(menu.options[5].text == Fixtures.artifactEntry.prettyJSON)

        state.press(.down)
        #expect(state.press(.enter) == [.copy(menu.options[1])])
        #expect(state.overlay == nil)
        state.type("Y")
        #expect(state.type("6") == [.copy(menu.options[5])])
        #expect(state.status == .info("Copying entry as JSON (\(menu.options[5].text.count) characters)…"))
        state.type("Y")
        // The list keys of every other list: G and End to the last line, g and Home to the first.
        state.type("G")
        #expect(state.press(.enter) == [.copy(menu.options[5])])
        state.type("Y")
        state.press(.end)
        state.press(.home)
        #expect(state.press(.enter) == [.copy(menu.options[0])])
        state.type("Y")
        state.press(.pageDown)
        #expect(state.press(.enter) == [.copy(menu.options[5])], "a page is the whole menu")
        state.status = .success("✓ Copied binary link")
        state.type("Y")
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.status == .info("Nothing copied"), "the copy before is not this one's")
        state.type("Y")
        state.status = .error("Refresh failed")  // (a refresh's answer while the menu is open)
        state.type("q")
        #expect(state.status == .error("Refresh failed"), "an error stays in view")
    }

    @Test func shiftYOnAnImageOffersTheListingFragmentOfItsImageType() {
        let options = Copying.options(for: Fixtures.imageEntry)
        #expect(options.map(\.label) == ["ID", "listing JSON", "entry as JSON"])
        #expect(options[1].text == "\"iconFileId\": \"img-12345-abcdef-67890-ghijkl\"")
        for (imageType, text) in [("banner", "\"bannerFileId\": \"img-1\""), ("title-logo", "\"titleLogoFileId\": \"img-1\""),
                                  ("screenshot", "{\"imageId\": \"img-1\", \"caption\": \"\"}"), ("thumbnail", "\"thumbnail\": \"img-1\"")] {
            var entry = Fixtures.imageEntry
            entry.id = "img-1"
            entry.imageType = imageType
            #expect(Copying.options(for: entry).first { $0.label == "listing JSON" }?.text == text)
        }
        var hero = Fixtures.imageEntry
        hero.imageType = "hero"
        #expect(Copying.options(for: hero).map(\.label) == ["ID", "entry as JSON"])
    }

    @Test func aFetchedArtifactOffersItsRemoteLinkWithoutUserinfo() {
        var entry = Fixtures.artifactEntry
        entry.artifact?.links.remote = Link(href: "https://bob:hunter2@example.com/app.jar")
        let options = Copying.options(for: entry)
        #expect(options.contains(ClipboardText(label: "remote link", text: "https://example.com/app.jar")))
        #expect(!options.contains { $0.label != "entry as JSON" && $0.text.contains("hunter2") })
        // A signed link is kept without its signature: said, since it then downloads nothing.
        entry.artifact?.links.remote = Link(href: "https://example.com/app.jar?X-Amz-Signature=abc123&v=1")
        #expect(Copying.options(for: entry).contains { $0.label == "remote link (redacted)" && !$0.text.contains("abc123") })
    }

    @Test("an artifact whose last refresh failed is copied with a note: its ID and listing JSON may name one Marketplace no longer has")
    func aFailedRefreshIsSaidWhereItsIDIsCopied() {
        var entry = Fixtures.artifactEntry
        entry.failure = "Marketplace has no artifact with this ID (HTTP 404)."
        let note = " (last refresh failed)"
        #expect(Copying.options(for: entry).map(\.label).prefix(2) == ["ID" + note, "listing JSON" + note])
        var state = Fixtures.listedState()
        _ = Copying.copyID(of: entry, state: &state)
        #expect(state.status?.text.hasPrefix("Copying ID" + note) == true, "\(state.status?.text ?? "")")
    }

    @Test func linksAreMadeWholeAgainstTheEntrysServerAndADemoEntryKeepsPaths() {
        var entry = Fixtures.artifactEntry
        let selfLink = "self link"
        #expect(Copying.options(for: entry).first { $0.label == selfLink }?.text == Fixtures.serverURL + "/rest/3/artifacts/\(Fixtures.artifactId)")
        // The demo files its entries under "demo": its emulator's port changes from run to run.
        entry.serverURL = "demo"
        #expect(Copying.options(for: entry).first { $0.label == selfLink }?.text == "/rest/3/artifacts/\(Fixtures.artifactId)")
    }

    @Test func refreshAsksTheServerAndShowsWhen() {
        var state = Self.historyFocused()
        #expect(state.type("R") == [.refreshArtifact(artifactId: Fixtures.artifactId)])
        #expect(state.details.refreshing == [Fixtures.artifactId])
        #expect(DetailsContent.lines(for: state, width: 60).contains { $0.label == "Refresh" && $0.value == "refreshing…" })
        #expect(state.type("R").isEmpty)  // already running
        var refreshed = Fixtures.artifactEntry
        refreshed.refreshedAt = Fixtures.date(minutes: 5)
        refreshed.artifact?.details?.version = "1.0.1"
        #expect(state.send(.refreshFinished(artifactId: Fixtures.artifactId, refreshed)) == [.loadHistory])
        #expect(state.details.refreshing.isEmpty)
        let lines = DetailsContent.lines(for: state, width: 60)
        #expect(lines.contains { $0.label == "Refreshed" && $0.value == "2024-05-01 12:05:00" })
        #expect(lines.contains { $0.label == "Version" && $0.value == "1.0.1" })
        #expect(state.status == .success("Refreshed \(Fixtures.artifactId)"))
        // A refresh that finds Marketplace storing other bytes than were sent is an error, as in the CLI.
        refreshed.verified = false
        refreshed.failure = "Checksum mismatch: sent sha512:abab…, Marketplace stores sha512:cdcd…."
        state.send(.refreshFinished(artifactId: Fixtures.artifactId, refreshed))
        #expect(state.status == .error("my-plugin-1.0.0.jar: Checksum mismatch: sent sha512:abab…, Marketplace stores sha512:cdcd…. Upload it again."))
    }

    @Test func aFailedRefreshShowsTheError() {
        var state = Self.historyFocused()
        state.type("R")
        state.send(.refreshFailed(artifactId: Fixtures.artifactId, message: "Marketplace did not answer within 30 s"))
        #expect(state.status == .error("Refresh failed: Marketplace did not answer within 30 s"))
        let lines = DetailsContent.lines(for: state, width: 80)
        #expect(lines.contains { $0.label == "Refresh" && $0.value == "failed: Marketplace did not answer within 30 s" && $0.tone == .error })
        // Still shows when it last succeeded.
        #expect(lines.contains { $0.label == "Refreshed" && $0.value == "2024-05-01 11:45:00" })
    }

    @Test func imagesCannotBeRefreshed() {
        var state = Self.historyFocused()
        state.type("G")
        #expect(state.type("R").isEmpty)
        #expect(state.status == .info("Only artifacts can be refreshed: Marketplace has no details endpoint for images"))
    }

    @Test func detailsShowEveryFieldOfTheServersAnswer() {
        let state = Self.historyFocused()
        let lines = DetailsContent.lines(for: state, width: 200)
        let fields = Dictionary(lines.filter { !$0.label.isEmpty }.map { ($0.label, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(fields["ID"] == Fixtures.artifactId)
        #expect(fields["logicalFileName"] == "my-plugin-1.0.0.jar")
        #expect(fields["size"] == "1,234,567 bytes")
        #expect(fields["checksum"] == Fixtures.checksum)
        // `details`, in words.
        #expect(fields["Plugin key"] == "com.example.my-plugin")
        #expect(fields["Plugin name"] == "My Plugin")
        #expect(fields["Version"] == "1.0.0")
        #expect(fields["Licensing"] == "enabled")
        #expect(fields["DC compatible"] == "yes")
        #expect(fields["Framework"] == "P2")
        #expect(fields["Remotable"] == "no")
        #expect(fields["Data Center"] == "compatible")
        #expect(fields["Editions"] == "not enabled")
        #expect(fields["self"] == "\(Fixtures.serverURL)/rest/3/artifacts/\(Fixtures.artifactId)")
        #expect(fields["binary"] == "\(Fixtures.serverURL)/rest/3/artifacts/\(Fixtures.artifactId)/download")
        #expect(fields["Verified"] == "yes: the server's SHA-512 matches the file sent")
        #expect(fields["Refreshed"] == "2024-05-01 11:45:00")
    }

    @Test func serverStringsAreShownSafely() {
        var state = Self.historyFocused()
        var hostile = Fixtures.artifactEntry
        hostile.artifact?.details?.name = "Evil\u{1B}]0;pwned\u{07}\u{1B}[2J"
        hostile.name = "x\u{1B}[31m.jar"
        state.send(.historyLoaded([hostile]))
        let screen = Renderer.render(state)
        #expect(!screen.text.contains("\u{1B}"))
        #expect(!screen.text.contains("\u{07}"))
        #expect(screen.text.contains("x\u{FFFD}[31m.jar"))
    }

    @Test func historyFilter() {
        var state = Self.historyFocused()
        state.type("/PLUGIN")
        #expect(state.history.visible.count == 1)
        #expect(state.history.selectedEntry?.id == Fixtures.artifactId)
        state.press(.enter)
        state.type("y")
        #expect(state.status == .info("Copying ID \(Fixtures.artifactId)…"))
        state.press(.escape)
        #expect(state.history.visible.count == 3)
        #expect(state.history.selectedEntry?.id == Fixtures.artifactId, "clearing the filter keeps the entry it found selected")
        state.type("/failed")
        #expect(state.history.visible.indices.map { state.history.visibleEntry($0).entryId } == [Fixtures.failedEntry.entryId],
                "an attempt without an ID is found as the pane shows it")
        state.press(.escape)
        state.type("/nothing-like-this")
        #expect(Renderer.render(state).text.contains("Nothing matches the filter"))
    }

    @Test func aFilterTypedKeyByKeyFindsWhatItFindsWhole() {
        var state = Fixtures.listedState(width: 120, height: 40)
        let entries = (0..<300).map { index in
            HistoryEntry(kind: index % 3 == 0 ? .artifact : .image, id: "id-\(index)", imageType: index % 3 == 0 ? nil : "screenshot",
                         name: "app-\(index % 7)-\(index).png", serverURL: Fixtures.serverURL, createdAt: Fixtures.date(minutes: -index))
        }
        state.send(.historyLoaded(entries))
        state.type("4/")
        // Each key narrows what the last found; a key taken back, a space, an upload arriving look again.
        for step in ["a", "p", "p", "-", "3"] { state.type(step) }
        state.press(.backspace)
        state.type(" 1")
        state.send(.historyLoaded([HistoryEntry(kind: .image, id: "id-new", name: "app-1-new.png", serverURL: Fixtures.serverURL,
                                                createdAt: Fixtures.date(minutes: 1))] + entries))
        state.type("2")
        let words = NameOrder.words("app- 12")
        let expected = state.history.entries.filter { HistoryState.matches($0, words: words) }.map(\.id)
        #expect(!expected.isEmpty && state.history.visible.map { state.history.entries[$0].id } == expected)
    }

    @Test func reloadedHistoryKeepsTheSelectedEntry() {
        var state = Self.historyFocused()
        state.type("j")
        var newer = Fixtures.imageEntry
        newer.entryId = UUID()
        newer.createdAt = Fixtures.date(minutes: 1)
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.failedEntry, Fixtures.artifactEntry, newer]))
        #expect(state.history.selectedEntry?.entryId == Fixtures.failedEntry.entryId)
        state.send(.historyFailed(message: "Cannot read the history: it is not valid JSON"))
        #expect(state.status == .error("Cannot read the history: it is not valid JSON"))
    }

    @Test func anEntryAnotherProcessRemovesIsSaidSoButNotOneDRemoves() {
        var state = Self.historyFocused()
        state.type("j")
        let shown = try! #require(state.history.selectedEntry)
        let others = state.history.entries.filter { $0.entryId != shown.entryId }
        state.send(.historyLoaded(others))
        #expect(state.status == .info("\(shown.name) (\(shown.id ?? "failed")) left the history: another process removed it"))
        // Put back by that process (its `u`): the message goes, said so.
        state.send(.historyLoaded(others + [shown]))
        #expect(state.status == .info("\(shown.name) (\(shown.id ?? "failed")) is back in the history: another process put it back"))
        state.send(.historyLoaded(others + [shown]))
        #expect(state.history.leftHistory == nil)
        state.send(.historyLoaded(others))
        // `d` on the entry now selected: its going is this session's doing, said as such.
        state.status = nil
        let next = try! #require(state.history.selectedEntry)
        state.type("d")
        state.type("y")
        #expect(state.history.removing == [next.entryId])
        state.send(.historyEntriesRemoved(RemovedEntries(entries: [next], historyPath: "/h.json"), label: "x"))
        state.send(.historyLoaded(others.filter { $0.entryId != next.entryId }))
        #expect(state.status?.text.hasPrefix("Removed from the local history (u undoes it): x;") == true, "\(String(describing: state.status))")
        #expect(state.history.removing.isEmpty)
    }
}
