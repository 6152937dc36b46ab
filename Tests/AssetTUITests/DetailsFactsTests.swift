import AssetCore
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// The Details pane's artifact facts, read from its lines rather than a whole screen.
@Suite struct DetailsFactsTests {
    private func text(_ state: AppState) -> [String] {
        DetailsContent.lines(for: state, width: 200).map { ($0.label.isEmpty ? "" : $0.label + ": ") + $0.value }
    }

    private func previewState(history: [HistoryEntry]) -> AppState {
        var state = Fixtures.listedState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded(history))
        state.type("/jar")
        _ = state.send(.inspected(path: Fixtures.directory + "/my-plugin-1.0.0.jar", .ready(Fixtures.pluginPreview)))
        return state
    }

    @Test func aNameWithANewlineShowsItAsTheListsDoNotAsASpace() {
        var entry = Fixtures.imageEntry
        entry.name = "new\nline.png"
        entry.localPath = Fixtures.directory + "/new\nline.png"
        var state = Fixtures.listedState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded([entry]))
        state.press(.character("4"))
        let lines = text(state)
        #expect(lines.contains("Image new\u{FFFD}line.png"), "\(lines)")
        #expect(lines.contains("Local file: \(Fixtures.directory)/new\u{FFFD}line.png"), "\(lines)")
        #expect(!lines.contains { $0.contains("new line.png") })
    }

    @Test("a long name takes one line of the heading, cut in the middle (version kept), so the image's fit stays in view at 80×24")
    func aLongNameIsCutInTheHeading() {
        let name = "a-very-very-long-file-name-with-中文字符-and-emoji-😀😀😀-and-version-2.0.1.png"
        var state = Fixtures.listedState(width: 80, height: 24)
        var entries = Fixtures.sampleEntries
        entries.append(Fixtures.file(name, size: 2_345, minutes: -1))
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: FileSort.name.sorted(entries)))
        Fixtures.select(file: name, in: &state)
        var preview = Fixtures.iconPreview
        preview.path = Fixtures.directory + "/" + name
        state.send(.inspected(path: preview.path, .ready(preview)))
        let lines = DetailsContent.lines(for: state, width: 38)
        let heading = lines.filter { $0.tone == .heading }.map(\.value)
        #expect(heading.count == 1 && heading[0].hasPrefix("Preview of a-very") && heading[0].hasSuffix("2.0.1.png"), "\(heading)")
        #expect(lines.prefix(5).contains { $0.value.contains("right size for an app logo") }, "\(lines.map(\.value))")
        #expect(lines.contains { $0.label == "Name" }, "the whole name further down")
    }

    @Test func aPluginKeyGoesUnderItsLabelWholeThoughAnIDBesideItFitsNowhere() {
        // A narrow Details pane (60×16): a 17-column value column, 28 columns in all.
        var builder = DetailLineBuilder(width: 30, labelWidth: 13)
        builder.field("Warning", "⚠ com.example.sample-plugin 1.0.0 is 919fbe7d-1760-4345-aec7-3b1c2f9d8e7a here")
        #expect(builder.lines.first?.value == "", "the value goes under the label")
        #expect(builder.lines.contains { $0.value.contains("com.example.sample-plugin") }, "\(builder.lines.map(\.value))")
    }

    @Test func aJarsPreviewSaysWhatMarketplaceWillRead() {
        let lines = text(previewState(history: []))
        for expected in ["Data Center: compatible", "Licensing: enabled", "Framework: P2", "Vendor: Example Ltd (https://example.com)",
                         "Plugin key: com.example.my-plugin", "Version: 1.0.0"] {
            #expect(lines.contains(expected), "\(expected) in \(lines)")
        }
        #expect(!lines.contains { $0.hasPrefix("Warning") })
    }

    @Test func theSameKeyAndVersionInTheHistoryIsWarnedOfBeforeUpload() {
        let lines = text(previewState(history: [Fixtures.imageEntry, Fixtures.artifactEntry]))
        let warning = lines.first { $0.hasPrefix("Warning: ⚠ com.example.my-plugin 1.0.0 is already on this server") }
        #expect(warning?.contains("as artifact \(Fixtures.artifactId)") == true)

        // Another version of the same plugin is not the same build.
        var other = Fixtures.artifactEntry
        other.artifact?.details?.version = "0.9.0"
        #expect(!text(previewState(history: [other])).contains { $0.contains("already on this server") })
    }

    @Test func theWarningOfAnEarlierUploadComesFirstSoThatALowScreenShowsIt() {
        let lines = text(previewState(history: [Fixtures.artifactEntry]))
        let warning = lines.firstIndex { $0.hasPrefix("Warning: ⚠ com.example.my-plugin 1.0.0 is already on this server") }
        let firstFact = lines.firstIndex { $0.hasPrefix("Size:") }
        #expect(warning != nil && firstFact != nil && warning! < firstFact!, "\(lines)")
        #expect(lines.contains("u, then u again, uploads it as an artifact anyway."), "\(lines)")
    }

    @Test func aJarThisServerHasAsksForASecondUAndAnyOtherKeyForgetsTheQuestion() {
        var state = previewState(history: [Fixtures.artifactEntry])
        state.press(.enter)
        #expect(state.press(.character("u")).isEmpty && state.uploads.jobs.isEmpty)
        #expect(state.status?.kind == .warning && state.status?.text.hasPrefix("u again uploads it anyway: com.example.my-plugin 1.0.0 is already") == true,
                "\(String(describing: state.status))")
        // At 120 columns it takes two rows, the advice whole at the end of the second.
        let rows = Renderer.render(state).text.split(separator: "\n").suffix(2)
        #expect(rows.last?.hasSuffix("raise <version> in atlassian-plugin.xml for a new build.") == true, "\(rows)")
        // Another key between the two: the question is gone, the next u asks again.
        state.press(.character("j"), .character("k"))
        #expect(state.press(.character("u")).isEmpty && state.uploads.jobs.isEmpty)
        let effects = state.press(.character("u"))
        #expect(effects.contains { if case .startUpload(_, .artifact(let path, _, let again)) = $0 { path.hasSuffix("my-plugin-1.0.0.jar") && again } else { false } }, "\(effects)")
        #expect(state.uploads.jobs.count == 1)

        // Without an earlier upload of it, one u uploads.
        var fresh = previewState(history: [])
        fresh.press(.enter)
        #expect(!fresh.press(.character("u")).isEmpty && fresh.uploads.jobs.count == 1)
    }

    @Test func theQuestionLeavesTheStatusLineWithIt() {
        var state = previewState(history: [Fixtures.artifactEntry])
        state.press(.enter, .character("u"))
        #expect(state.status?.text.hasPrefix(UploadStarting.askAgain) == true)
        state.press(.character("j"))
        #expect(state.status == nil && state.pendingJarUpload == nil)
    }

    /// A `u` before the jar's preview is read (a build just rewrote it, or keys typed ahead)
    /// waits for it: the preview says whether this server has its key and version.
    @Test(arguments: [true, false])
    func aUBeforeThePreviewWaitsForIt(alreadyOnTheServer: Bool) {
        var state = Fixtures.listedState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded(alreadyOnTheServer ? [Fixtures.artifactEntry] : []))
        state.type("/jar")
        state.press(.enter)
        let path = Fixtures.directory + "/my-plugin-1.0.0.jar"
        #expect(state.details.preview(for: path) == nil)
        #expect(state.press(.character("u")).allSatisfy { if case .startUpload = $0 { false } else { true } })
        #expect(state.uploads.jobs.isEmpty && state.pendingJarUpload == .awaitingRead(path: path))
        let effects = state.send(.inspected(path: path, .ready(Fixtures.pluginPreview)))
        #expect(state.uploads.jobs.count == (alreadyOnTheServer ? 0 : 1), "\(effects)")
        #expect(state.pendingJarUpload == (alreadyOnTheServer ? .askedAgain(path: path) : nil))
        if alreadyOnTheServer { #expect(state.status?.text.hasPrefix(UploadStarting.askAgain) == true) }
    }

    /// A `u` on a read jar before the history's first read (the TUI's first second) waits for
    /// it: the history says whether this server has the jar's key and version.
    @Test(arguments: [true, false])
    func aUBeforeTheHistoryIsReadWaitsForIt(alreadyOnTheServer: Bool) {
        var state = Fixtures.listedState(width: 120, height: 40)
        state.type("/jar")
        state.press(.enter)
        let path = Fixtures.directory + "/my-plugin-1.0.0.jar"
        state.send(.inspected(path: path, .ready(Fixtures.pluginPreview)))
        state.type("u")
        #expect(state.uploads.jobs.isEmpty && state.pendingJarUpload == .awaitingRead(path: path))
        #expect(state.status == .info("Reading the history to see whether this server has my-plugin-1.0.0.jar… it uploads once read"))
        // An impatient second `u` is the same request: the wait goes on (it once dropped it).
        state.type("u")
        #expect(state.uploads.jobs.isEmpty && state.pendingJarUpload == .awaitingRead(path: path, presses: 2))
        #expect(state.status?.text.hasSuffix("it uploads once read") == true)
        state.send(.historyLoaded(alreadyOnTheServer ? [Fixtures.artifactEntry] : []))
        #expect(state.uploads.jobs.count == (alreadyOnTheServer ? 0 : 1))
        #expect(state.pendingJarUpload == (alreadyOnTheServer ? .askedAgain(path: path) : nil))
    }

    @Test func aKeyWhileThePreviewIsReadDropsTheWaitingU() {
        var state = Fixtures.listedState(width: 120, height: 40)
        state.type("/jar")
        state.press(.enter, .character("u"))
        #expect(state.status?.text.hasSuffix("it uploads once read") == true)
        state.press(.character("j"))
        #expect(state.pendingJarUpload == nil && state.status == nil)
        // A key with a status of its own keeps it (R: reading the folder again).
        state.press(.character("u"), .character("R"))
        #expect(state.pendingJarUpload == nil && state.status == FilesKeys.reloading)
        state.send(.inspected(path: Fixtures.directory + "/my-plugin-1.0.0.jar", .ready(Fixtures.pluginPreview)))
        #expect(state.uploads.jobs.isEmpty)
    }

    @Test func anAnswerWithoutSomeFieldsShowsThemAbsentNeverFalse() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded([Fixtures.artifactEntryWithAbsentDetails]))
        state.press(.character("4"))
        let lines = text(state)
        #expect(lines.contains("Data Center: compatible"))
        for label in ["DC compatible", "Licensing", "Framework", "Remotable", "Editions"] {
            #expect(lines.contains("\(label): \(ArtifactFacts.absentFromAnswer)"), "\(label) in \(lines)")
        }
        #expect(!lines.contains { $0.contains(": no") || $0.contains("not enabled") })
    }

    @Test func anAnswerWithoutDetailsSaysSo() {
        var entry = Fixtures.artifactEntry
        entry.artifact?.details = nil
        var state = Fixtures.sessionState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded([entry]))
        state.press(.character("4"))
        #expect(text(state).contains("Details: \(ArtifactFacts.absentFromAnswer)"))
    }

    @Test func anArtifactLookedUpSaysSoNotUploaded() {
        var entry = Fixtures.artifactEntry
        var state = Fixtures.sessionState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded([entry]))
        state.press(.character("4"))
        #expect(text(state).contains { $0.hasPrefix("Uploaded: ") })
        entry.lookedUp = true
        _ = Update.update(&state, .historyLoaded([entry]))
        #expect(text(state).contains { $0.hasPrefix("Looked up: ") } && !text(state).contains { $0.hasPrefix("Uploaded: ") })
    }
}
