import AssetInspection
import AssetCore
import Foundation
import Testing
@testable import AssetTUI

/// `Space` marks files in Files and entries in History; `u` uploads the marked files through
/// one overlay, `Y` and `d` in History work on the marked entries.
@Suite struct UpdateMarksTests {
    static func path(_ name: String) -> String { Fixtures.directory + "/" + name }
    static let weirdPath = Fixtures.directory + "/weird\u{1B}[31mname.png"

    /// The sample folder with `names` marked, one `Space` each.
    static func marked(_ names: [String], in state: inout AppState) {
        for name in names {
            Fixtures.select(file: name, in: &state)
            state.type(" ")
        }
    }

    /// An image preview of `path` at `width`×`height`, warning for every sized imageType it misses.
    static func imagePreview(_ path: String, width: Int, height: Int) -> FilePreview {
        let sizes = ["logo": (144, 144), "banner": (1120, 548), "screenshot": (1840, 900), "thumbnail": (580, 330)]
        var warnings: [String: String] = [:]
        for (type, size) in sizes where size != (width, height) {
            warnings[type] = "\(type) is \(width)×\(height)"
        }
        return FilePreview(
            path: path, fileName: URL(fileURLWithPath: path).lastPathComponent, size: 1_000, contentType: "image/png",
            content: .image(ImagePreview(format: "PNG", width: width, height: height, warningsByImageType: warnings)),
            warnings: [])
    }

    // MARK: Marking in Files

    @Test func spaceMarksAFileMovesDownAndTheTitleCountsTheMarks() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "app-icon.png", in: &state)
        let row = state.files.cursor.selection
        #expect(!state.type(" ").contains { if case .startUpload = $0 { true } else { false } })
        #expect(state.files.marks.items.map(\.path) == [Self.path("app-icon.png")])
        #expect(state.files.cursor.selection == row + 1, "Space moves down, as in nnn, ranger and mc")
        let screen = Renderer.render(state).text
        #expect(screen.contains("1 marked"))
        #expect(screen.contains(" +●app-icon.png"), "a marked row shows + beside the uploadable ●")

        Fixtures.select(file: "app-icon.png", in: &state)
        state.type(" ")
        #expect(state.files.marks.isEmpty, "Space again unmarks")
        #expect(!Renderer.render(state).text.contains("1 marked"))
    }

    @Test func aFolderCannotBeMarked() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "docs", in: &state)
        let folderRow = state.files.cursor.selection
        #expect(state.files.visible.count > folderRow + 1, "a file below the folder")
        state.type(" ")
        #expect(state.files.marks.isEmpty)
        #expect(state.status == .info("docs is a folder: only files can be marked"))
        // Passed over, as a mark moves down: Space pressed on from a folder marks the files below.
        #expect(state.files.cursor.selection == folderRow + 1)
        state.type(" ")  // releases/, a folder too
        state.type(" ")
        #expect(state.files.marks.count == 1, "the first file below the folders")
    }

    @Test func whatIsNoRegularFileCannotBeMarked() {
        var state = Fixtures.listedState()
        let loop = DirectoryEntry(name: "loop.png", path: Fixtures.directory + "/loop.png", kind: .other, isSymlink: true, size: 0, modified: .distantPast)
        _ = Update.update(&state, .directoryListed(generation: state.files.generation, sort: .name, entries: Fixtures.sampleEntries + [loop]))
        Fixtures.select(file: "loop.png", in: &state)
        state.type(" ")
        #expect(state.files.marks.isEmpty)
        #expect(state.status == .error("loop.png is no regular file (a FIFO, a device, a broken link or a link loop): only files can be marked"))
    }

    @Test func marksSurviveFilterSortAndEscClearsTheFilterFirst() {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png", "banner.jpg"], in: &state)
        state.type("/logo")
        state.press(.enter)
        #expect(state.visibleFileNames == ["logo.gif"])
        #expect(state.files.marks.count == 2)
        state.type("s")
        #expect(state.files.marks.count == 2)
        state.press(.escape)
        #expect(state.files.filterText.isEmpty, "Esc clears the filter first")
        #expect(state.files.marks.count == 2)
        state.press(.escape)
        #expect(state.files.marks.isEmpty, "then the marks")
        #expect(state.status == .info("Marks cleared"))
    }

    @Test("two files whose names differ only in Unicode normalisation (café in NFC and NFD) are marked one at a time, and keep their own previews")
    func namesThatDifferOnlyInNormalisationAreTwoFiles() {
        var state = Fixtures.listedState()
        let (composed, decomposed) = ("caf\u{E9}.png", "cafe\u{301}.png")
        _ = Update.update(&state, .directoryListed(generation: state.files.generation, sort: .name, entries: [
            Fixtures.file(composed, size: 1_900, minutes: -5), Fixtures.file(decomposed, size: 7_600, minutes: -5),
        ]))
        state.press(.character(" "))
        #expect(state.files.marks.items.map(\.path.utf8.count) == [Fixtures.directory.utf8.count + 1 + composed.utf8.count], "one of the two")
        #expect(Renderer.render(state).text.components(separatedBy: "+●").count == 2, "one row shows +")
        state.details.setPreview(.failed("first"), for: Fixtures.directory + "/" + composed)
        #expect(state.details.preview(for: Fixtures.directory + "/" + decomposed) == nil, "the other's preview is not its own")
    }

    @Test("marked under a filter, the hint says Esc clears the filter first, as it does")
    func theMarksHintUnderAFilterSaysWhatEscDoes() {
        var state = Fixtures.listedState()
        state.type("/png")
        state.press(.enter)
        state.press(.character(" "))
        #expect(state.status?.text.hasSuffix("1 marked · u uploads them, Esc clears the filter, then the marks") == true, "\(String(describing: state.status))")
        state.press(.escape)
        state.press(.character(" "))
        #expect(state.status?.text.hasSuffix("Esc clears the marks") == true, "\(String(describing: state.status))")
    }

    @Test func escDismissesAnErrorBeforeItClearsTheMarks() {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png", "banner.jpg"], in: &state)
        for alert in [StatusMessage.error("Refresh failed: the emulator keeps uploads only while it runs."), .warning("History moved aside")] {
            state.status = alert
            state.press(.escape)
            #expect(state.status == nil && state.files.marks.count == 2, "the message goes, the marks stay")
        }
        state.press(.escape)
        #expect(state.files.marks.isEmpty)
    }

    @Test func marksAreKeptByPathAcrossFolders() {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png"], in: &state)
        Fixtures.select(file: "docs", in: &state)
        let effects = state.press(.enter)
        #expect(effects.contains { if case .listDirectory = $0 { true } else { false } })
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            Fixtures.file("guide.png", size: 10, minutes: 0, in: Fixtures.directory + "/docs"),
        ]))
        #expect(state.files.marks.items.map(\.path) == [Self.path("app-icon.png")])
        #expect(Renderer.render(state).text.contains("1 marked"))
    }

    @Test func keysTypedWhileAFolderIsReadActOnItOnceListed() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "docs", in: &state)
        state.press(.enter)
        let docs = Fixtures.directory + "/docs"
        #expect(state.type("j ").isEmpty, "nothing to act on yet: the keys wait")
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            Fixtures.file("a.png", size: 10, minutes: 0, in: docs), Fixtures.file("b.png", size: 10, minutes: 0, in: docs),
            Fixtures.file("c.png", size: 10, minutes: 0, in: docs),
        ]))
        #expect(state.files.marks.items.map(\.path) == [docs + "/b.png"], "j then Space, on the folder as listed")
        #expect(state.files.selectedEntry?.name == "c.png")
        #expect(state.files.keysWhileListing.isEmpty)

        // A folder that cannot be read drops them.
        state.type("h")
        state.type("jj")
        state.send(.directoryFailed(generation: state.files.generation, message: "Permission denied"))
        #expect(state.files.keysWhileListing.isEmpty)
        // Keys typed after one that waits wait too, in the order typed: `Enter / s u` opens the
        // folder, then filters it (`s` and `u` are no sort and no upload), `h` in the filter's text included.
        state.type("R")
        let folder = state.files.directory
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            Fixtures.folder("sub", minutes: 0, in: folder), Fixtures.file("a.png", size: 10, minutes: 0, in: folder),
        ]))
        state.type("g")
        state.press(.enter)
        // `/` at once filters the folder being read (its own filter: the last folder's went with it)...
        state.type("/s")
        #expect(state.files.directory == folder + "/sub" && state.files.filterText == "s" && state.files.keysWhileListing.isEmpty)
        state.press(.escape)
        state.press(.escape)
        // ... and after a key that waits, it waits too, its text included (`h` no folder up).
        state.type("j/sh")
        #expect(state.files.filterText.isEmpty && state.files.keysWhileListing.count == 4)
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            Fixtures.file("shot.png", size: 10, minutes: 0, in: folder + "/sub"), Fixtures.file("u.png", size: 10, minutes: 0, in: folder + "/sub"),
        ]))
        #expect(state.files.directory == folder + "/sub" && state.files.filterText == "sh" && state.files.sort == .name)
        #expect(state.files.keysWhileListing.isEmpty)
        // ... and once the filter is open, what follows goes to it at once.
        state.type("o")
        #expect(state.files.filterText == "sho")
        // A key that leaves the listing drops what waited for it, and acts at once.
        state.press(.escape)
        state.press(.escape)
        state.type("R")
        state.type("jj ")
        #expect(state.files.keysWhileListing.count == 3)
        state.type("h")
        #expect(state.files.keysWhileListing.isEmpty && state.files.directory == folder, "up at once, the marks not made")
        #expect(state.files.marks.isEmpty)
    }

    // MARK: The batch overlay

    /// app-icon (preview known), banner.jpg, the jar, a text file and the oddly named png marked, then `u`.
    static func batchOpened() -> (AppState, [Effect]) {
        var state = Fixtures.listedState()
        state.send(.inspected(path: path("app-icon.png"), .ready(Fixtures.iconPreview)))
        marked(["app-icon.png", "banner.jpg", "my-plugin-1.0.0.jar", "notes 日本語.txt", "weird\u{FFFD}[31mname.png"], in: &state)
        state.focus = .files
        let effects = state.type("u")
        return (state, effects)
    }

    /// A marked file moved away (or rewritten) while the list is open is read again, and its line
    /// then says it is gone: Enter would have queued it, and the upload failed.
    @Test func aFileTakenAwayWhileTheListIsOpenIsReadAgainAndSkipped() throws {
        var (state, _) = Self.batchOpened()
        let gone = Self.path("banner.jpg")
        let remaining = Fixtures.sampleEntries.filter { $0.path != gone }
        #expect(remaining.count == Fixtures.sampleEntries.count - 1)
        let effects = state.send(.directoryChanged(generation: state.files.generation, entries: remaining))
        #expect(effects == [.inspectFiles(paths: [gone])])
        state.send(.inspected(path: gone, .failed("banner.jpg does not exist"), stamp: .missing))
        let batch = try #require(Self.batch(state))
        #expect(batch.lines.first { $0.path == gone }?.kind == .skipped("does not exist"))
        // Named once: `empty.png    skipped: empty (0 bytes)`, not `skipped: empty.png is empty`.
        let empty = BatchUploading.line(path: Self.path("empty.png"), preview: .failed("empty.png is empty (0 bytes)"), choices: [])
        #expect(empty.kind == .skipped("empty (0 bytes)"))
        let reason = "The atlassian-plugin.xml of nokey.jar names no plugin key."
        #expect(BatchUploading.line(path: Self.path("nokey.jar"), preview: .failed(reason), choices: []).kind == .skipped(reason))
        // Nothing changed in the folder: nothing read again.
        #expect(state.send(.directoryChanged(generation: state.files.generation, entries: remaining)).isEmpty)
        // Back (a clean rebuild): read again, and Details and u read it anew too.
        let back = state.send(.directoryChanged(generation: state.files.generation, entries: Fixtures.sampleEntries))
        #expect(back == [.inspectFiles(paths: [gone])])
        #expect(!state.details.isPreview(of: gone, current: try #require(Fixtures.sampleEntries.first { $0.path == gone }).stamp))
    }

    static func batch(_ state: AppState) -> BatchUpload? {
        if case .batchUpload(let batch)? = state.overlay { return batch }
        return nil
    }

    @Test("300 marked files, more than the previews kept: every line keeps its read, and Enter queues what it may")
    func moreMarkedFilesThanPreviewsKept() throws {
        let names = (1...300).map { String(format: "j%03d.jar", $0) }
        var state = AppState(mode: .demo(serverURL: Fixtures.serverURL), directory: Fixtures.directory,
                             screen: ScreenSize(width: 80, height: 24), imageTypeChoices: Fixtures.imageTypeChoices, timeZone: Fixtures.utc)
        _ = Update.start(&state)
        let entries = (names + ["zz.png"]).map { Fixtures.file($0, size: 10, minutes: -1) }
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: entries))
        state.send(.historyLoaded([]))
        state.focus = .files
        for _ in names { state.type(" ") }
        #expect(state.files.marks.count == 300)
        // The selected file, not marked, keeps its preview too: with 256 marked, the one just read
        // was forgotten at once, and read again and again.
        let selected = Self.path("zz.png")
        #expect(state.files.selectedEntry?.path == selected)
        state.send(.inspected(path: selected, .ready(Self.imagePreview(selected, width: 144, height: 144)), stamp: entries[300].stamp))
        state.type("u")
        for (index, name) in names.enumerated() {
            let preview: PreviewState = index.isMultiple(of: 2) ? .failed(Self.path(name) + " is not a ZIP archive") : .ready(Fixtures.pluginPreview)
            let effects = state.send(.inspected(path: Self.path(name), preview))
            #expect(!effects.contains { if case .inspect = $0 { true } else { false } }, "\(name)")
        }
        #expect(state.details.preview(for: selected) != nil)
        // A read of the history rebuilds every line from the previews: the first 44 were forgotten.
        state.send(.historyLoaded([]))
        let batch = try #require(Self.batch(state))
        #expect(batch.lines.allSatisfy { $0.isRead })
        #expect(batch.lines.count { if case .skipped = $0.kind { true } else { false } } == 150 + 149, "each odd jar's key and version is the first's")
        state.press(.enter)
        #expect(state.overlay == nil, "queued, not waiting for reads that never come")
    }

    @Test("one file marked under two paths (a link and its target) is uploaded once: the later line is skipped, naming the first")
    func oneFileMarkedTwiceIsSkippedOnce() throws {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png", "banner.jpg"], in: &state)
        state.focus = .files
        state.type("u")
        let identity = FileIdentity(device: 2049, inode: 77)
        for name in ["app-icon.png", "banner.jpg"] {
            var preview = Self.imagePreview(Self.path(name), width: 144, height: 144)
            preview.identity = identity
            state.send(.inspected(path: Self.path(name), .ready(preview)))
        }
        let batch = try #require(Self.batch(state))
        #expect(batch.lines[1].kind == .skipped("the same file as app-icon.png, marked under another path"))
        #expect(batch.requests.count == 1)
    }

    @Test("files of one name from several folders are told apart by as much of their paths as it takes")
    func sameNamesFromSeveralFolders() {
        #expect(DistinctNames.names(of: ["/w/d1/a.png", "/w/d2/a.png", "/w/b.png"]) == ["d1/a.png", "d2/a.png", "b.png"])
        #expect(DistinctNames.names(of: ["/x/shots/a.png", "/y/shots/a.png"]) == ["x/shots/a.png", "y/shots/a.png"])
        #expect(DistinctNames.names(of: ["/a.png", "/a.png"]) == ["/a.png", "/a.png"], "the same path twice ends, as far as the path goes")
    }

    /// The imageType a file name names is spelt by its words, not found inside one: `iconic.png`
    /// used to be an icon, and `TitleLogo.png` a logo.
    @Test(arguments: [
        ("my-banner.jpg", "banner"), ("TitleLogo.png", "title-logo"), ("title_logo.png", "title-logo"),
        ("Screen Shot 2024-05-01 at 10.00.00.png", "screenshot"), ("screenshots-3.png", "screenshot"), ("thumbnails.png", "thumbnail"),
        ("title-banner.jpg", "banner"), ("app-icon@2x.png", "icon"), ("icon128.png", "icon"), ("HERO.PNG", "hero"),
        ("HEROBanner.png", nil), ("ICONApp.png", "icon"), ("JIRABanner.png", "banner"), ("iOSScreenshot.png", "screenshot"),
        ("macOSScreenshot.png", "screenshot"), ("heroes.png", "hero"), ("title-logo-banner.png", nil), ("logo-of-the-app.png", "logo"),
        ("iconic.png", nil), ("heroic.png", nil), ("logo-banner.png", nil), ("photo.png", nil),
    ] as [(String, String?)])
    func theImageTypeAFileNameNames(fileName: String, imageType: String?) {
        let choices = Fixtures.imageTypeChoices
        #expect(UploadStarting.guessedChoice(fileName: fileName, choices: choices).map { choices[$0].name } == imageType)
    }

    @Test func uWithMarksListsEveryMarkedFileWithItsImageTypeAndAsksForTheSizes() throws {
        let (state, effects) = Self.batchOpened()
        let batch = try #require(Self.batch(state))
        #expect(effects.contains(.inspectFiles(paths: ["app-icon.png", "banner.jpg", "my-plugin-1.0.0.jar", "notes 日本語.txt"].map(Self.path) + [Self.weirdPath])),
                "every marked file is read again: one may have changed or gone since it was marked")
        #expect(batch.lines.map(\.fileName) == ["app-icon.png", "banner.jpg", "my-plugin-1.0.0.jar", "notes 日本語.txt",
                                                "weird\u{FFFD}[31mname.png"])
        #expect(batch.imageType(of: batch.lines[0]) == "icon")
        #expect(batch.lines[0].pixelSize == nil, "the preview from before is not taken: the file may have changed since")
        #expect(batch.imageType(of: batch.lines[1]) == "banner", "named by its file name")
        #expect(batch.lines[2].kind == .artifact)
        guard case .skipped(let reason) = batch.lines[3].kind else {
            Issue.record("the text file is not skipped")
            return
        }
        #expect(reason.contains("neither an image"))
        #expect(batch.imageType(of: batch.lines[4]) == "screenshot", "assumed until its size is known")
        #expect(batch.note(for: batch.lines[4]) == "screenshot assumed; reading the image's size…")
        let screen = Renderer.render(state).text
        #expect(screen.contains("Upload the marked files"))
        #expect(screen.contains("4 to upload · 1 skipped"))
        // On a wide screen the dialog is as wide as its longest line: a skipped file's reason
        // was cut at 76 columns.
        var wide = state
        wide.send(.resize(ScreenSize(width: 200, height: 40)))
        #expect(Renderer.render(wide).text.contains("skipped: \(reason)"), "\(Renderer.render(wide).text)")
        #expect(!screen.contains("skipped: \(reason)"), "at 80 columns it is cut")
        // ... and a long image name takes the columns its line leaves (it was cut to 50 of 64).
        var longName = try #require(Self.batch(wide))
        longName.lines[0].fileName = "app-icon-for-the-configuration-page-of-the-timesheets-app.png"
        wide.overlay = .batchUpload(longName)
        #expect(Renderer.render(wide).text.contains(longName.lines[0].fileName + " icon"), "\(Renderer.render(wide).text)")
        // At 120 columns too, though a skipped file's long reason is cut there: it is no reason to cut the names.
        wide.send(.resize(ScreenSize(width: 120, height: 40)))
        #expect(Renderer.render(wide).text.contains(longName.lines[0].fileName + " icon"), "\(Renderer.render(wide).text)")
        // On the smallest screen a long list scrolls, and the frame's foot says which lines it shows.
        var small = state
        small.send(.resize(ScreenSize(width: 60, height: 16)))
        var ten = try #require(Self.batch(small))
        ten.lines = Array(repeating: ten.lines[0], count: 10)
        small.overlay = .batchUpload(ten)
        // (The notes have one row here: the list takes the other.)
        #expect(Renderer.render(small).text.contains("1–8 of 10 · "), "\(Renderer.render(small).text)")
        // One line's long note (a skipped file's reason) leaves no blank rows under another's:
        // the list takes them while that one is not highlighted.
        ten.lines[9].kind = .skipped(String(repeating: "a reason that goes on ", count: 12))
        ten.highlighted = 0
        small.overlay = .batchUpload(ten)
        #expect(Renderer.render(small).text.contains("1–8 of 10 · "), "\(Renderer.render(small).text)")
        // The read arrives: the line takes its size.
        var read = state
        read.send(.inspected(path: Self.path("app-icon.png"), .ready(Fixtures.iconPreview)))
        #expect(try #require(Self.batch(read)).lines[0].pixelSize == "144×144")
    }

    @Test("a long note under the list is shown whole where the screen has room, and ends in … where it is cut (it stopped mid-sentence after two rows)")
    func aLongNoteIsShownWholeOrEndsInAnEllipsis() throws {
        var (state, _) = Self.batchOpened()
        var batch = try #require(Self.batch(state))
        let earlier = "already on this server: uploaded 2026-12-06 04:27 as artifact 3f2a9c1e-5b7d-4e21-9a0b-c4d5e6f7a8b9 "
            + "(com.example.plugin 1.0.0, the same key and version); ←→ uploads it again, as a new artifact with its own ID."
        batch.lines[2].earlierUpload = EarlierUpload(warning: earlier)
        batch.highlighted = 2
        state.overlay = .batchUpload(batch)
        // The box's rows, its borders and what lies around them left out, joined.
        func note(_ state: AppState) -> String {
            Renderer.render(state).text.split(separator: "\n").map { row in
                row.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.max { $0.count < $1.count } ?? ""
            }.joined(separator: " ")
        }
        state.send(.resize(ScreenSize(width: 120, height: 35)))
        #expect(note(state).contains("as a new artifact with its own ID."), "\(Renderer.render(state).text)")
        // The other lines' notes are short: the box is as tall whichever line is highlighted.
        let rows = Renderer.render(state).text.split(separator: "\n").filter { $0.contains("│") && $0.contains("┐") || $0.contains("┘") }.count
        state.press(.up)
        #expect(Renderer.render(state).text.split(separator: "\n").filter { $0.contains("│") && $0.contains("┐") || $0.contains("┘") }.count == rows)
        state.press(.down)
        // On the smallest screen the list gives up rows to it (it keeps three), and a note longer still is cut, saying so.
        state.send(.resize(ScreenSize(width: 60, height: 16)))
        #expect(note(state).contains("as a new artifact with its own ID."), "\(Renderer.render(state).text)")
        batch.lines[2].earlierUpload = EarlierUpload(warning: earlier + " " + earlier)
        state.overlay = .batchUpload(batch)
        let small = note(state)
        #expect(small.components(separatedBy: "its own ID.").count < 3 && small.contains("… "), "\(Renderer.render(state).text)")
        #expect(small.contains("my-plugin-1.0.0.jar"), "the highlighted line stays in the list")
    }

    @Test func anArtifactThisServerHasIsFlaggedAsTheDetailsPaneFlagsIt() throws {
        var (state, _) = Self.batchOpened()
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        #expect(try #require(Self.batch(state)).lines[2].earlierUpload == nil)
        // The history arrives (or is read again after an upload) while the list is open: the line follows it.
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        let batch = try #require(Self.batch(state))
        let warning = try #require(batch.lines[2].earlierUpload?.warning)
        #expect(warning.contains("is already on this server") && warning.contains(Fixtures.artifactId))
        state.press(.down, .down)
        let screen = Renderer.render(state).text
        #expect(screen.contains("⚠ my-plugin-1.0.0.jar"), "\(screen)")
        // Held back, as `upload-artifact` refuses it: ← → on its line uploads it again.
        #expect(screen.contains("skipped: already on this server") && screen.contains("⚠ Skipped, ←→ uploads it again: com.example"), "\(screen)")
        let jar = UploadRequest.artifact(path: Self.path("my-plugin-1.0.0.jar"), fileName: "my-plugin-1.0.0.jar")
        #expect(!batch.requests.contains(jar))
        state.press(.right)
        // Uploaded again as the user chose: no check as it is sent stops it.
        #expect(try #require(Self.batch(state)).requests.contains(.artifact(path: Self.path("my-plugin-1.0.0.jar"), fileName: "my-plugin-1.0.0.jar", uploadAgain: true)))
        #expect(Renderer.render(state).text.contains("⚠ Uploaded again, ←→ skips it: com.example"))
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        #expect(try #require(Self.batch(state)).lines[2].uploadAgain, "the choice outlives the history read again")
        // ... but not another earlier upload of the build (made meanwhile): that one is held back again.
        var another = Fixtures.artifactEntry
        (another.entryId, another.id, another.createdAt) = (UUID(), "99999999-0000-0000-0000-000000000000", Fixtures.date(minutes: -1))
        state.send(.historyLoaded([another, Fixtures.artifactEntry]))
        #expect(try #require(Self.batch(state)).lines[2].isHeldBack)
        state.press(.right)
        state.press(.left)
        #expect(try #require(Self.batch(state)).lines[2].isHeldBack)
        state.send(.historyLoaded([]))
        #expect(try #require(Self.batch(state)).lines[2].earlierUpload == nil, "removed from the history, no longer flagged")
    }

    @Test func theSizeOfAnImageChoosesItsImageTypeWhenItArrives() throws {
        var (state, _) = Self.batchOpened()
        state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 580, height: 330))))
        var batch = try #require(Self.batch(state))
        #expect(batch.imageType(of: batch.lines[4]) == "thumbnail", "580×330 is a cropped highlight's size")
        #expect(batch.lines[4].pixelSize == "580×330")
        #expect(batch.note(for: batch.lines[4]) == nil)

        state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 800, height: 600))))
        batch = try #require(Self.batch(state))
        #expect(batch.imageType(of: batch.lines[4]) == "screenshot")
        #expect(batch.note(for: batch.lines[4]) == "neither the name nor the size 800×600 names an imageType: screenshot assumed; screenshot is 800×600",
                "and what a screenshot's rules say of it")

        // A banner's size as a BMP: the size names one, the format is not one documented for it.
        var bitmap = Self.imagePreview(Self.weirdPath, width: 1120, height: 548)
        guard case .image(var image) = bitmap.content else { return }
        let verdict = "1120×548: right size for a banner, but Marketplace documents PNG or JPG for it, not BMP"
        image.format = "BMP"
        image.warningsByImageType["banner"] = "Marketplace documents PNG or JPG for a banner, not BMP"
        image.listing = [.init(verdict, .wrongFormat)]
        bitmap.content = .image(image)
        state.send(.inspected(path: Self.weirdPath, .ready(bitmap)))
        batch = try #require(Self.batch(state))
        #expect(batch.note(for: batch.lines[4]) == verdict + ": screenshot assumed; screenshot is 1120×548")
    }

    @Test func aDamagedImageIsFlaggedWithWhatItsPreviewSays() throws {
        var (state, _) = Self.batchOpened()
        var preview = Self.imagePreview(Self.weirdPath, width: 580, height: 330)
        preview.warnings = ["the file is cut short: it does not decode to its end, so Marketplace may refuse it or show it broken"]
        state.send(.inspected(path: Self.weirdPath, .ready(preview)))
        let batch = try #require(Self.batch(state))
        #expect(batch.note(for: batch.lines[4]) == preview.warnings[0], "the right size, but damaged")
        state.press(.down, .down, .down, .down)
        let screen = Renderer.render(state).text
        #expect(screen.contains("⚠ weird") && screen.contains("⚠ the file is cut short"), "\(screen)")
    }

    @Test("the marks' hint (Esc clears the marks) leaves the status line as the dialog opens: its Esc keeps them")
    func theMarksHintGoesAsTheDialogOpens() {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png"], in: &state)
        #expect(state.status?.text.contains("Esc clears the marks") == true)
        state.focus = .files
        state.type("u")
        #expect(Self.batch(state) != nil && state.status == nil)
        #expect(!Renderer.render(state).text.contains("Esc clears the marks"))
    }

    @Test func aPluginKeyAndVersionMarkedTwiceIsUploadedOnce() throws {
        var state = Fixtures.listedState()
        let jar = Self.path("my-plugin-1.0.0.jar"), copy = Self.path("my-plugin-copy.jar")
        var copyPreview = Fixtures.pluginPreview
        (copyPreview.path, copyPreview.fileName) = (copy, "my-plugin-copy.jar")
        state.send(.inspected(path: jar, .ready(Fixtures.pluginPreview)))
        state.send(.inspected(path: copy, .ready(copyPreview)))
        state.files.marks.toggle(ExactPath(jar))
        state.files.marks.toggle(ExactPath(copy))
        state.focus = .files
        state.type("u")
        let batch = try #require(Self.batch(state))
        #expect(batch.lines[0].kind == .artifact)
        #expect(batch.lines[1].kind == .skipped(
            "com.example.my-plugin 1.0.0 is my-plugin-1.0.0.jar's key and version too"))
        #expect(batch.requests == [.artifact(path: jar, fileName: "my-plugin-1.0.0.jar")])
        // The jar it repeated rebuilt as another version while the list is open: the copy goes too.
        var rebuilt = Fixtures.pluginPreview
        if case .artifact(var plugin) = rebuilt.content { plugin?.details.version = "1.0.1"; rebuilt.content = .artifact(plugin) }
        state.send(.inspected(path: jar, .ready(rebuilt)))
        #expect(try #require(Self.batch(state)).lines.map(\.kind) == [.artifact, .artifact])
    }

    @Test("a Maven sources jar marked with its main jar gives way to it, though its name sorts first")
    func aSourcesJarGivesWayToTheMainJar() throws {
        var state = Fixtures.listedState()
        let sources = Self.path("my-plugin-1.0.0-sources.jar"), jar = Self.path("my-plugin-1.0.0.jar")
        var sourcesPreview = Fixtures.pluginPreview
        (sourcesPreview.path, sourcesPreview.fileName) = (sources, "my-plugin-1.0.0-sources.jar")
        state.send(.inspected(path: sources, .ready(sourcesPreview)))
        state.send(.inspected(path: jar, .ready(Fixtures.pluginPreview)))
        state.files.marks.toggle(ExactPath(sources))
        state.files.marks.toggle(ExactPath(jar))
        state.focus = .files
        state.type("u")
        let batch = try #require(Self.batch(state))
        #expect(batch.lines.map(\.fileName) == ["my-plugin-1.0.0-sources.jar", "my-plugin-1.0.0.jar"])
        #expect(batch.lines[0].kind == .skipped(
            "com.example.my-plugin 1.0.0 is my-plugin-1.0.0.jar's key and version too"))
        #expect(batch.requests == [.artifact(path: jar, fileName: "my-plugin-1.0.0.jar")])
    }

    @Test func aSizeThatArrivesUnderTheQuitQuestionReachesTheDialog() throws {
        var (state, _) = Self.batchOpened()
        state.uploads.jobs = [Fixtures.runningJob]
        // q in a terminal too small for the dialog asks over it; the size arrives meanwhile.
        let size = state.screen
        state.send(.resize(ScreenSize(width: 20, height: 5)))
        state.type("q")
        state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 580, height: 330))))
        #expect(state.overlay?.kind == .confirmQuit)
        // Staying brings the dialog back as it is now.
        state.press(.escape)
        state.send(.resize(size))
        let batch = try #require(Self.batch(state))
        #expect(batch.lines[4].pixelSize == "580×330")
        #expect(batch.imageType(of: batch.lines[4]) == "thumbnail")
    }

    @Test func arrowsChangeTheImageTypeOfOneLineAndALateSizeKeepsIt() throws {
        var (state, _) = Self.batchOpened()
        state.press(.right)
        var batch = try #require(Self.batch(state))
        #expect(batch.imageType(of: batch.lines[0]) == "logo", "→ the next imageType")
        #expect(batch.imageType(of: batch.lines[1]) == "banner", "the other lines stay")
        state.press(.left, .left)
        batch = try #require(Self.batch(state))
        #expect(batch.imageType(of: batch.lines[0]) == "title-logo", "← wraps round")
        state.press(.down, .down, .down, .down, .tab, .tab)
        state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 580, height: 330))))
        batch = try #require(Self.batch(state))
        #expect(batch.highlighted == 4)
        #expect(batch.imageType(of: batch.lines[4]) == "title-logo", "Tab twice after screenshot, kept when the size comes")
        #expect(batch.lines[4].pixelSize == "580×330")
        #expect(batch.lines[4].origin == .user)
        state.press(.down)
        #expect(Self.batch(state)?.highlighted == 4, "the last line stays highlighted")
        state.type("g")
        #expect(Self.batch(state)?.highlighted == 0, "g goes to the first line, as in the panes")
        state.press(.end)
        #expect(Self.batch(state)?.highlighted == 4, "End to the last")
        state.press(.up, .up)
        let before = Self.batch(state)
        state.press(.right)
        #expect(Self.batch(state) == before, "→ on an artifact changes nothing")
    }

    @Test func enterQueuesOneJobPerFileAndClearsTheMarks() {
        var (state, _) = Self.batchOpened()
        state.press(.right)
        // The jar not read yet, whether this server has it is not known: Enter waits for it.
        #expect(state.press(.enter).isEmpty)
        #expect(state.status == .info("Reading 1 jar to see whether this server has it: the files are queued once read"))
        #expect(state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview))).isEmpty)
        // Nor before the history's first read, which says whether this server has it.
        #expect(state.status == .info("Reading the history to see whether this server has the marked jars: the files are queued once read"))
        #expect(state.uploads.jobs.isEmpty)
        #expect(state.send(.historyLoaded([])).isEmpty)
        // Nor before the image whose name names no imageType is read: its size may choose one.
        #expect(state.status == .info("Reading 1 image for the size that chooses its imageType: the files are queued once read"))
        let effects = state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 800, height: 600))))
        #expect(state.overlay == nil)
        #expect(state.uploads.jobs.map(\.request) == [
            .image(path: Self.path("app-icon.png"), fileName: "app-icon.png", imageType: "logo"),
            .image(path: Self.path("banner.jpg"), fileName: "banner.jpg", imageType: "banner"),
            .artifact(path: Self.path("my-plugin-1.0.0.jar"), fileName: "my-plugin-1.0.0.jar"),
            .image(path: Self.weirdPath, fileName: "weird\u{FFFD}[31mname.png", imageType: "screenshot"),
        ])
        #expect(effects.filter { if case .startUpload = $0 { true } else { false } }.count == 2, "two run at once by default")
        #expect(state.files.marks.isEmpty)
        #expect(state.status == .info("Queued 4 files, skipped 1; the marks are cleared"))
    }

    /// The batch of `other` and the image whose name names no imageType, the history read, nothing else read yet.
    static func batchOfWeirdImageAnd(_ other: String) -> AppState {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([]))
        marked([other, "weird\u{FFFD}[31mname.png"], in: &state)
        state.type("u")
        return state
    }

    @Test("an Enter that waited for an image's size never uploads an imageType the read chose after: the batch shows it, and the next Enter uploads")
    func aTypeChosenByAReadAfterEnterIsShownFirst() throws {
        var state = Self.batchOfWeirdImageAnd("app-icon.png")
        state.send(.inspected(path: Self.path("app-icon.png"), .ready(Fixtures.iconPreview)))
        #expect(state.press(.enter).isEmpty)
        #expect(Self.batch(state).map { $0.imageType(of: $0.lines[1]) } == "screenshot", "assumed when Enter was pressed")
        #expect(state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 144, height: 144)))).isEmpty)
        let batch = try #require(Self.batch(state))
        #expect(batch.imageType(of: batch.lines[1]) == "logo" && state.uploads.jobs.isEmpty)
        #expect(state.status == .info("Read: weird\u{FFFD}[31mname.png is logo by its size; Enter uploads as shown"))
        state.press(.enter)
        #expect(state.uploads.jobs.map(\.request).last == .image(path: Self.weirdPath, fileName: "weird\u{FFFD}[31mname.png", imageType: "logo"))
    }

    @Test("an image read while Enter still waits for a jar: the type it then takes is shown when the jar arrives, not uploaded")
    func aTypeChosenWhileAJarIsStillReadIsShownFirst() throws {
        var state = Self.batchOfWeirdImageAnd("my-plugin-1.0.0.jar")
        #expect(state.press(.enter).isEmpty)
        state.send(.inspected(path: Self.weirdPath, .ready(Self.imagePreview(Self.weirdPath, width: 144, height: 144))))
        #expect(state.uploads.jobs.isEmpty, "the jar is still being read")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        #expect(state.uploads.jobs.isEmpty && state.overlay?.kind == .batchUpload)
        #expect(state.status?.text.hasPrefix("Read: weird\u{FFFD}[31mname.png is logo by its size") == true)
        state.press(.enter)
        #expect(state.uploads.jobs.count == 2)
    }

    @Test func aJarOnTheServerByTheFirstReadOfTheHistoryIsHeldBackEvenWhenEnterCameBefore() throws {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png", "my-plugin-1.0.0.jar"], in: &state)
        state.type("u")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        #expect(state.press(.enter).isEmpty, "the history is not read yet")
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        #expect(state.uploads.jobs.map(\.request) == [.image(path: Self.path("app-icon.png"), fileName: "app-icon.png", imageType: "icon")])
        #expect(state.status == .info("Queued 1 file, skipped 1; the marks are cleared"))
    }

    @Test func aBatchThatWaitedGoesOnUnderTheHelp() {
        var state = Fixtures.listedState()
        Self.marked(["my-plugin-1.0.0.jar"], in: &state)
        state.type("u")
        state.press(.enter)
        state.press(.function(1))
        // What Enter waited for arrives while help is on top of the overlay: it goes on, as Enter said.
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        state.send(.historyLoaded([]))
        #expect(state.uploads.jobs.map(\.request) == [.artifact(path: Self.path("my-plugin-1.0.0.jar"), fileName: "my-plugin-1.0.0.jar")])
        #expect(state.overlay == .help(scrollTop: 0, over: nil))
        state.press(.escape)
        #expect(state.overlay == nil)
    }

    @Test func underHelpTooAJarTheHistoryHoldsIsHeldBackBeforeTheBatchGoesOn() {
        var state = Fixtures.listedState()
        Self.marked(["app-icon.png", "my-plugin-1.0.0.jar"], in: &state)
        state.type("u")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        state.press(.enter)
        state.press(.function(1))
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        // Every line takes the history before the batch goes on (the icon's line first once queued the jar too).
        state.press(.escape)
        #expect(state.uploads.jobs.map(\.request) == [.image(path: Self.path("app-icon.png"), fileName: "app-icon.png", imageType: "icon")])
    }

    @Test func aHistoryThatDoesNotReadLetsAWaitingBatchGoOn() {
        var state = Fixtures.listedState()
        Self.marked(["my-plugin-1.0.0.jar"], in: &state)
        state.type("u")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        state.press(.enter)
        #expect(state.uploads.jobs.isEmpty)
        state.send(.historyFailed(message: "The history file /h.json does not read: line 3"))
        #expect(state.uploads.jobs.map(\.request) == [.artifact(path: Self.path("my-plugin-1.0.0.jar"), fileName: "my-plugin-1.0.0.jar")])
    }

    @Test func escQueuesNothingAndKeepsTheMarks() {
        var (state, _) = Self.batchOpened()
        #expect(state.press(.escape).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.uploads.jobs.isEmpty)
        #expect(state.files.marks.count == 5)
    }

    @Test func enterWithOnlyAJarThisServerHasSaysHowToUploadItAgain() {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        state.type("1")
        Self.marked(["my-plugin-1.0.0.jar"], in: &state)
        state.type("u")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        #expect(state.press(.enter).isEmpty)
        #expect(state.status == .error("This server has the marked jar already: ← → on a line uploads it again; Esc closes, the marks stay"))
    }

    @Test func enterWithNothingUploadableSaysSo() {
        var state = Fixtures.listedState()
        Self.marked(["README.md"], in: &state)
        state.type("u")
        #expect(state.press(.enter).isEmpty)
        #expect(state.uploads.jobs.isEmpty)
        #expect(state.overlay != nil)
        #expect(state.status == .error("None of the marked files can be uploaded; Esc closes, the marks stay"))
    }

    // MARK: How many run at once

    @Test(arguments: [1, 3]) func atMostNUploadsRunAtOnce(limit: Int) {
        var state = Fixtures.listedState()
        state.uploads.maxConcurrent = limit
        state.send(.historyLoaded([]))
        let names = ["app-icon.png", "banner.jpg", "logo.gif", "my-plugin-1.0.0.jar"]
        Self.marked(Array(names.prefix(limit + 1)), in: &state)
        state.type("u")
        state.send(.inspected(path: Self.path("my-plugin-1.0.0.jar"), .ready(Fixtures.pluginPreview)))
        let started = state.press(.enter).filter { if case .startUpload = $0 { true } else { false } }
        #expect(started.count == limit)
        #expect(state.uploads.jobs.count == limit + 1)
        #expect(state.uploads.jobs.filter { $0.status == .running }.count == limit)
        #expect(state.uploads.jobs.last?.status == .queued)
        let next = state.send(.uploadFailed(jobId: 1, message: "HTTP 500")).filter { if case .startUpload = $0 { true } else { false } }
        #expect(next == [.startUpload(jobId: limit + 1, state.uploads.jobs[limit].request)], "a free slot starts the next")
    }

    @Test func maxUploadsIsOneToEight() {
        #expect(UploadsState().maxConcurrent == 2)
        #expect(TUIOptions(startDirectory: "/", mode: .demo(serverURL: "x"), historyPath: "h").maxUploads == 2)
        #expect(TUIOptions.parseMaxUploads("8") == .success(8))
        #expect(TUIOptions.parseMaxUploads("1") == .success(1))
        for bad in ["0", "9", "-1", "two", ""] {
            guard case .failure(let error) = TUIOptions.parseMaxUploads(bad) else {
                Issue.record("\(bad) accepted")
                continue
            }
            #expect(error.message == "--max-uploads must be a whole number from 1 to 8, not '\(bad)'")
        }
    }

    // MARK: Reading the sizes

    @Test func inspectFilesReportsEachFileAsItIsRead() async {
        var fake = FakeAssetActions()
        let preview = Self.imagePreview("/x/a.png", width: 144, height: 144)
        fake.previewHandler = { path in
            guard path == "/x/a.png" else { throw FakeError("cannot read \(path)") }
            return preview
        }
        let inbox = ActionInbox()
        let runner = EffectRunner(actions: fake, inbox: inbox, clipboard: Clipboard(tools: [], insideTmux: false, logPath: nil))
        runner.perform(.inspectFiles(paths: ["/x/a.png", "/x/b.png"]))
        let actions = await inbox.collect { $0.count >= 2 }
        // (No such files: stamped as read when there was none, so that one put there is read again.)
        #expect(actions == [.inspected(path: "/x/a.png", .ready(preview), stamp: .missing), .inspected(path: "/x/b.png", .failed("cannot read /x/b.png"), stamp: .missing)])
        await runner.waitForAll(upTo: .seconds(30))
    }
}
