import Foundation
import Testing
@testable import AssetTUI

/// Files pane: navigation, folders, sort, hidden files, filter, listing results.
@Suite struct UpdateFilesTests {
    @Test func startListsTheFolderAndReadsHistory() {
        var state = AppState(
            mode: .demo(serverURL: Fixtures.serverURL), directory: Fixtures.directory,
            screen: ScreenSize(width: 80, height: 24), imageTypeChoices: [], timeZone: Fixtures.utc)
        let effects = Update.start(&state)
        #expect(effects == [.listDirectory(path: Fixtures.directory, generation: 1, sort: .name), .loadHistory])
        #expect(state.files.listing == .loading(count: 0))
    }

    @Test func anEntryNothingCouldBeReadOfShowsNoDate() throws {
        var state = Fixtures.listedState(width: 100, height: 24)
        state.press(.character("R"))
        let folder = state.files.directory
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            DirectoryEntry(name: "locked-away", path: folder + "/locked-away", kind: .other, size: 0, modified: .distantPast),
            Fixtures.file("z.png", size: 10, minutes: 0, in: folder),
        ]))
        let row = try #require(Renderer.render(state).text.split(separator: "\n").first { $0.contains("locked-away") })
        #expect(!row.contains("1970") && !row.contains("0001") && !row.contains("-01-01"), "\(row)")
    }

    @Test("an empty folder's footer offers no key that needs a file; u stays while marks from another folder wait")
    func anEmptyFolderOffersNoKeyThatNeedsAFile() {
        var state = Fixtures.listedState(width: 120, height: 24)
        func footer() -> String { String(Renderer.render(state).text.split(separator: "\n").last ?? "") }
        #expect(footer().contains("Enter open") && footer().contains("Space mark") && footer().contains("u upload"), "\(footer())")
        func openEmptyDocs() {
            state.type("g")
            #expect(state.files.selectedEntry?.name == "docs")
            state.press(.enter)
            state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: []))
            #expect(state.files.directory.hasSuffix("/docs") && state.files.selectedEntry == nil)
        }
        openEmptyDocs()
        for hint in ["Enter open", "Space mark", "u upload"] { #expect(!footer().contains(hint), "\(footer())") }
        #expect(footer().contains("⌫ up") && footer().contains("/ filter"), "\(footer())")
        // A file marked in the folder before it: `u` uploads it from here, so it is offered.
        state = Fixtures.listedState(width: 120, height: 24)
        state.type("G ")
        #expect(!state.files.marks.isEmpty)
        openEmptyDocs()
        #expect(footer().contains("u upload") && !footer().contains("Space mark"), "\(footer())")
    }

    @Test func foldersFirstThenNamesIgnoringCaseAndHiddenFilesHidden() {
        let state = Fixtures.listedState()
        #expect(state.visibleFileNames == [
            "docs", "releases", "app-icon.png", "banner.jpg", "broken-link", "logo.gif", "my-plugin-1.0.0.jar",
            "notes 日本語.txt", "README.md", "screenshot.bmp", "weird\u{FFFD}[31mname.png",
        ])
    }

    @Test func movingWithArrowsJKPagesAndEnds() {
        var state = Fixtures.listedState()
        state.press(.down, .down)
        #expect(state.files.selectedEntry?.name == "app-icon.png")
        state.type("jjk")
        #expect(state.files.selectedEntry?.name == "banner.jpg")
        state.type("G")
        #expect(state.files.selectedEntry?.name == "weird\u{FFFD}[31mname.png")
        state.type("g")
        #expect(state.files.cursor.selection == 0)
        state.press(.pageDown)
        #expect(state.files.cursor.selection == state.layout.visibleRows(of: .files) - 1)
        state.press(.end, .up, .home)
        #expect(state.files.cursor.selection == 0)
        state.press(.up)
        #expect(state.files.cursor.selection == 0)
    }

    @Test func scrollingKeepsTheSelectionInView() {
        var state = Fixtures.listedState(width: 80, height: 16)
        let rows = state.layout.visibleRows(of: .files)
        state.type("G")
        #expect(state.files.cursor.scrollTop == state.files.visible.count - rows)
        state.type("g")
        #expect(state.files.cursor.scrollTop == 0)
    }

    @Test func enterOpensAFolderAndBackspaceComesBackToIt() {
        var state = Fixtures.listedState()
        var effects = state.press(.enter)
        #expect(effects == [.listDirectory(path: Fixtures.directory + "/docs", generation: 2, sort: .name)])
        #expect(state.files.directory == Fixtures.directory + "/docs")
        state.send(.directoryListed(generation: 2, sort: .name, entries: [
            Fixtures.file("guide.md", size: 10, minutes: 0, in: Fixtures.directory + "/docs"),
        ]))
        #expect(state.visibleFileNames == ["guide.md"])

        effects = state.press(.backspace)
        #expect(effects == [.listDirectory(path: Fixtures.directory, generation: 3, sort: .name)])
        state.send(.directoryListed(generation: 3, sort: .name, entries: Fixtures.sampleEntries))
        #expect(state.files.selectedEntry?.name == "docs")

        state.press(.down)
        #expect(state.press(.character("l")).first == .listDirectory(path: Fixtures.directory + "/releases", generation: 4, sort: .name))
        #expect(state.press(.left) == [.listDirectory(path: Fixtures.directory, generation: 5, sort: .name)])
        #expect(state.type("h") == [.listDirectory(path: "/home/dev", generation: 6, sort: .name)])
    }

    @Test func upAtTheRootSaysSo() {
        var state = AppState(
            mode: .demo(serverURL: Fixtures.serverURL), directory: "/", screen: ScreenSize(width: 80, height: 24),
            imageTypeChoices: [], timeZone: Fixtures.utc)
        _ = Update.start(&state)
        #expect(state.press(.backspace).isEmpty)
        #expect(state.status == .info("Already at the top folder"))
    }

    @Test func lateResultsOfAnOldListingAreIgnored() {
        var state = Fixtures.listedState()
        state.press(.enter)  // generation 2
        state.send(.directoryListed(generation: 1, sort: .name, entries: Fixtures.sampleEntries))
        state.send(.directoryChunk(generation: 1, entries: Fixtures.sampleEntries))
        #expect(state.files.entries.isEmpty)
        #expect(state.files.listing == .loading(count: 0))
    }

    @Test func entriesShowAsTheyArriveThenSorted() {
        var state = Fixtures.listedState()
        state.press(.enter)
        let docs = Fixtures.directory + "/docs"
        state.send(.directoryChunk(generation: 2, entries: [Fixtures.file("b.png", size: 1, minutes: 0, in: docs)]))
        state.send(.directoryChunk(generation: 2, entries: [Fixtures.file("a.png", size: 1, minutes: 0, in: docs)]))
        #expect(state.visibleFileNames == ["b.png", "a.png"])
        #expect(state.files.listing == .loading(count: 2))
        // The order shown is not yet the one named (it said `sort: name` over files as found).
        #expect(Renderer.render(state).text.contains("reading… 2 · 1/2 · unsorted ─"), "\(Renderer.render(state).text)")
        state.send(.directoryListed(generation: 2, sort: .name, entries: FileSort.name.sorted(state.files.entries)))
        #expect(state.visibleFileNames == ["a.png", "b.png"])
        #expect(state.files.listing == .complete)
        #expect(Renderer.render(state).text.contains("1/2 · sort: name ─"), "\(Renderer.render(state).text)")
    }

    @Test func anUnreadableFolderGivesAMessage() {
        var state = Fixtures.listedState()
        state.press(.enter)
        state.send(.directoryFailed(generation: 2, message: "Cannot read /home/dev/samples/docs: Permission denied"))
        #expect(state.files.listing == .failed("Cannot read /home/dev/samples/docs: Permission denied"))
        #expect(state.status?.kind == .error)
        let screen = Renderer.render(state).text
        #expect(screen.contains("Permission denied"))
        // Back up a folder: the message about the one left goes with it.
        state.press(.backspace)
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: Fixtures.sampleEntries))
        #expect(state.status == nil)
    }

    @Test func sortCyclesThroughSizeModifiedAndName() {
        var state = Fixtures.listedState()
        state.type("s")
        #expect(state.files.sort == .size)
        #expect(Array(state.visibleFileNames.prefix(4)) == ["docs", "releases", "screenshot.bmp", "my-plugin-1.0.0.jar"])
        state.type("s")
        #expect(state.files.sort == .modified)
        #expect(Array(state.visibleFileNames.prefix(3)) == ["releases", "docs", "my-plugin-1.0.0.jar"])
        state.type("s")
        #expect(state.files.sort == .name)
        #expect(state.visibleFileNames.first == "docs")
    }

    @Test func sortKeepsTheSelectedEntry() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "logo.gif", in: &state)
        state.type("s")
        #expect(state.files.selectedEntry?.name == "logo.gif")
    }

    @Test func aFolderChangedOnDiskShowsItsNewFileKeepingTheSelection() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "logo.gif", in: &state)
        let added = Fixtures.file("aaa-new-icon.png", size: 10, minutes: 0)
        state.send(.directoryChanged(generation: state.files.generation - 1, entries: Fixtures.sampleEntries + [added]))
        #expect(!state.visibleFileNames.contains("aaa-new-icon.png"), "another listing's result is dropped")
        state.send(.directoryChanged(generation: state.files.generation, entries: Fixtures.sampleEntries + [added]))
        #expect(state.visibleFileNames.contains("aaa-new-icon.png"))
        #expect(state.files.selectedEntry?.name == "logo.gif")
    }

    @Test("the listed folder removed: the pane says why instead of showing what it held, and lists it again when it is back")
    func aRemovedFolderIsSaidToBeGone() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "logo.gif", in: &state)
        let gone = "Cannot read /home/dev/samples: No such file or directory"
        state.send(.directoryFailed(generation: state.files.generation, message: gone))
        #expect(state.visibleFileNames.isEmpty && state.files.listing == .failed(gone))
        #expect(state.status == .error(gone))
        state.send(.directoryChanged(generation: state.files.generation, entries: Fixtures.sampleEntries))
        #expect(state.visibleFileNames.contains("logo.gif") && state.files.listing == .complete)
        #expect(state.files.selectedEntry?.name == "logo.gif", "the selection as it was")
        #expect(state.status == nil && state.files.listingFailure == nil)
    }

    @Test func reloadSaysWhenItIsDone() {
        var state = Fixtures.listedState()
        state.press(.character("R"))
        #expect(state.status == FilesKeys.reloading)
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: Fixtures.sampleEntries))
        #expect(state.status == .info("Read the folder again: \(state.files.visible.count) entries shown"))
        state.press(.backspace)
        #expect(state.status == nil, "of the folder left: not said of the one opened")
    }

    @Test func aSortChangedWhileListingAppliesWhenTheListingCompletes() {
        var state = Fixtures.listedState()
        state.press(.character("R"))
        state.type("s")
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: Fixtures.sampleEntries))
        #expect(state.files.sort == .size)
        #expect(state.visibleFileNames[2] == "screenshot.bmp")
    }

    @Test func aVeryLargeFolderIsSortedOffTheLoop() {
        var state = Fixtures.listedState()
        let many = (0...FilesKeys.inlineSortLimit).map { Fixtures.file(String(format: "f%06d.png", $0), size: Int64($0), minutes: 0) }
        state.press(.character("R"))
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: many))
        let effects = state.type("s")
        #expect(state.files.listing == .sorting)
        guard case .sortEntries(let generation, .size, let entries)? = effects.first else {
            Issue.record("expected a sortEntries effect, got \(effects)")
            return
        }
        state.send(.entriesSorted(generation: generation, sort: .size, entries: FileSort.size.sorted(entries)))
        #expect(state.files.listing == .complete)
        #expect(state.visibleFileNames.first == String(format: "f%06d.png", FilesKeys.inlineSortLimit))
    }

    @Test func hiddenFilesToggle() {
        var state = Fixtures.listedState()
        #expect(!state.visibleFileNames.contains(".hidden-config"))
        state.type(".")
        #expect(state.visibleFileNames.contains(".hidden-config"))
        #expect(state.status == .info("Showing hidden files"))
        state.type(".")
        #expect(!state.visibleFileNames.contains(".hidden-config"))
    }

    @Test func filterAsYouTypeIgnoresCase() {
        var state = Fixtures.listedState()
        state.type("/PNG")
        #expect(state.files.isEditingFilter)
        #expect(state.visibleFileNames == ["app-icon.png", "weird\u{FFFD}[31mname.png"])
        state.press(.backspace, .backspace)
        #expect(state.visibleFileNames == [
            "app-icon.png", "banner.jpg", "my-plugin-1.0.0.jar", "screenshot.bmp", "weird\u{FFFD}[31mname.png",
        ])
        state.type("ng")
        state.press(.enter)
        #expect(!state.files.isEditingFilter)
        #expect(state.files.filterText == "Png")
        // Keys work as keys again, and Esc clears the kept filter.
        state.type("j")
        #expect(state.files.selectedEntry?.name == "weird\u{FFFD}[31mname.png")
        state.press(.escape)
        #expect(state.files.filterText.isEmpty)
        #expect(state.visibleFileNames.count == 11)
    }

    @Test func aFilterMatchesAFolderAsItIsShownWithItsSlash() {
        var state = Fixtures.listedState()
        state.type("/docs/")
        #expect(state.visibleFileNames == ["docs"])
        state.press(.backspace)
        #expect(state.visibleFileNames == ["docs"])
    }

    @Test func escapeWhileTypingAFilterClearsIt() {
        var state = Fixtures.listedState()
        state.type("/zzz")
        #expect(state.visibleFileNames.isEmpty)
        #expect(Renderer.render(state).text.contains("Nothing matches"))
        state.press(.escape)
        #expect(!state.files.isEditingFilter)
        #expect(state.visibleFileNames.count == 11)
    }

    @Test func selectingAFileAsksForItsPreviewOnce() throws {
        var state = Fixtures.listedState()
        var effects = state.press(.down)
        #expect(effects.isEmpty)  // a folder
        effects = state.press(.down).filter(\.isInspection)
        let stamp = try #require(state.files.selectedEntry).stamp
        #expect(effects == [.inspect(path: Fixtures.directory + "/app-icon.png", stamp: stamp)])
        effects = state.press(.up, .down).filter(\.isInspection)
        #expect(effects.isEmpty)  // still being inspected
        state.send(.inspected(path: Fixtures.directory + "/app-icon.png", .ready(Fixtures.iconPreview), stamp: stamp))
        effects = state.press(.up, .down).filter(\.isInspection)
        #expect(effects.isEmpty)  // known
        #expect(DetailsContent.lines(for: state, width: 60).contains { $0.value == "144 × 144" })
    }

    @Test("a file replaced or rewritten since its preview (an export, a build) is inspected again, its old facts no longer shown")
    func aChangedFileIsInspectedAgain() throws {
        var state = Fixtures.listedState()
        Fixtures.select(file: "app-icon.png", in: &state)
        let path = Fixtures.directory + "/app-icon.png"
        let before = try #require(state.files.selectedEntry)
        state.send(.inspected(path: path, .ready(Fixtures.iconPreview), stamp: before.stamp))
        #expect(state.press(.up, .down).filter(\.isInspection).isEmpty)

        // The folder's watch lists it again: another size and time.
        var changed = state.files.entries
        let index = try #require(changed.firstIndex { $0.path == path })
        changed[index].size = 48_213
        changed[index].modified = before.modified.addingTimeInterval(5)
        let effects = state.send(.directoryChanged(generation: state.files.generation, entries: changed))
        let now = try #require(state.files.selectedEntry).stamp
        #expect(effects.filter(\.isInspection) == [.inspect(path: path, stamp: now)])
        #expect(!DetailsContent.lines(for: state, width: 60).contains { $0.value == "144 × 144" }, "the old pixel size is gone")
        // The old inspection's answer, arriving late, is not taken for the new file's.
        state.send(.inspected(path: path, .failed("is empty (0 bytes)"), stamp: before.stamp))
        #expect(!DetailsContent.lines(for: state, width: 60).contains { $0.value.contains("is empty") })
        #expect(state.press(.up, .down).filter(\.isInspection).isEmpty, "the new file's inspection is under way")
        state.send(.inspected(path: path, .ready(Fixtures.iconPreview), stamp: now))
        #expect(DetailsContent.lines(for: state, width: 60).contains { $0.value == "144 × 144" })
    }

    @Test("the selected file removed (by a build): its neighbour is selected, not the first row, as in lf and yazi")
    func aRemovedSelectionMovesToItsNeighbour() throws {
        var state = Fixtures.listedState()
        let names = state.visibleFileNames
        try #require(names.count >= 4)
        Fixtures.select(file: names[2], in: &state)
        // It and the one before it go.
        let remaining = state.files.entries.filter { $0.name != names[1] && $0.name != names[2] }
        state.send(.directoryChanged(generation: state.files.generation, entries: remaining))
        #expect(state.files.selectedEntry?.name == names[3], "\(String(describing: state.files.selectedEntry?.name))")
        // The last one removed: the one before it, now last.
        Fixtures.select(file: state.visibleFileNames.last!, in: &state)
        let last = state.visibleFileNames.last!
        state.send(.directoryChanged(generation: state.files.generation, entries: state.files.entries.filter { $0.name != last }))
        #expect(state.files.selectedEntry?.name == state.visibleFileNames.last)
    }

    @Test func previewsShowTheSizeWarningOfTheImageTypeTheNameSuggests() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "banner.jpg", in: &state)
        var preview = Fixtures.iconPreview
        preview.path = Fixtures.directory + "/banner.jpg"
        state.send(.inspected(path: preview.path, .ready(preview)))
        var lines = DetailsContent.lines(for: state, width: 80)
        #expect(lines.contains { $0.label == "As banner" && $0.value.hasPrefix("⚠ banner is 144×144; a banner on Marketplace is 1120×548") && $0.tone == .warning })
        #expect(lines.contains { $0.label == "Listing size" && $0.value == "144×144: right size for an app logo" && $0.tone == .good })

        Fixtures.select(file: "logo.gif", in: &state)
        preview.path = Fixtures.directory + "/logo.gif"
        state.send(.inspected(path: preview.path, .ready(preview)))
        lines = DetailsContent.lines(for: state, width: 80)
        #expect(!lines.contains { $0.label == "As logo" }, "a match is said once, by the listing size line")
        #expect(lines.contains { $0.label == "Listing size" && $0.value == "144×144: right size for an app logo" })
    }

    @Test func aFileThatCannotBeInspectedSaysWhy() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "README.md", in: &state)
        state.send(.inspected(path: Fixtures.directory + "/README.md", .failed("README.md is neither an image nor an archive")))
        let lines = DetailsContent.lines(for: state, width: 60)
        #expect(lines.contains { $0.label == "Problem" && $0.tone == .error })
        state.type("u")
        #expect(state.status == .error("Cannot upload README.md: README.md is neither an image nor an archive"))
        #expect(state.uploads.jobs.isEmpty)
    }
}
