import AssetCore
import AssetThumbnails
import Foundation
import Testing
import TestSupport
@testable import AssetTUI

/// The Details pane's thumbnail: what is asked for and when, what stands above the facts, and
/// the cells as drawn (styles included).
@Suite struct ThumbnailTests {
    static let iconPath = Fixtures.directory + "/app-icon.png"

    /// The sample folder with the icon selected and inspected; nothing else.
    static func iconSelected(width: Int = 80, height: Int = 24, support: ThumbnailSupport = .on(.palette256)) -> AppState {
        var state = Fixtures.listedState(width: width, height: height)
        state.thumbnails = ThumbnailsState(support: support, renderer: .halfBlocks)
        Fixtures.select(file: "app-icon.png", in: &state)
        state.send(.inspected(path: iconPath, .ready(Fixtures.iconPreview)))
        return state
    }

    private static func thumbnailRequests(_ effects: [Effect]) -> [ThumbnailKey] {
        effects.compactMap { if case .makeThumbnail(let key, _) = $0 { key } else { nil } }
    }

    // MARK: Asking

    @Test func theRendererIsChafaButHalfBlocksOnTheLinuxConsoleUnlessAsked() {
        #expect(TUIApp.thumbnailRenderer(["TERM": "xterm-256color"]) == .chafa)
        #expect(TUIApp.thumbnailRenderer(["TERM": "linux"]) == .halfBlocks, "the console's fonts have no other block glyphs")
        #expect(TUIApp.thumbnailRenderer(["TERM": "linux", TUIApp.thumbnailsVariable: "chafa"]) == .chafa)
        #expect(TUIApp.thumbnailRenderer([TUIApp.thumbnailsVariable: "off"]) == nil)
        // White space around a value, as a quoted line in a shell file leaves it, is no other value.
        for padded in [" off", "off ", "off\n", "\tOFF"] {
            #expect(TUIApp.thumbnailRenderer([TUIApp.thumbnailsVariable: padded]) == nil, "\(padded)")
            #expect(TUIApp.thumbnailsVariableProblem([TUIApp.thumbnailsVariable: padded]) == nil, "\(padded)")
        }
        #expect(TUIApp.thumbnailsVariableProblem([TUIApp.thumbnailsVariable: " sixel"])?.contains("is \"sixel\": give chafa") == true)
    }

    @Test func selectingAnImageAsksForItsThumbnailOnce() throws {
        var state = Fixtures.listedState()
        state.thumbnails = ThumbnailsState(support: .on(.trueColor), renderer: .chafa)
        state.press(.down)  // releases/
        let effects = state.press(.down)  // app-icon.png
        let entry = try #require(state.files.selectedEntry)
        let expected = ThumbnailKey(
            path: Self.iconPath, stamp: FileStamp(size: entry.size, modifiedSeconds: entry.modified.timeIntervalSince1970),
            box: CellBox(columns: 38, rows: 3))
        #expect(effects.contains(.makeThumbnail(expected, ThumbnailStyle(renderer: .chafa, depth: .trueColor))))
        #expect(Self.thumbnailRequests(state.press(.up, .down)).isEmpty, "asked already, still coming")
        state.send(.thumbnailMade(expected, .ready(Fixtures.iconThumbnail(box: expected.box))))
        state.press(.down)
        #expect(Self.thumbnailRequests(state.press(.up)).isEmpty, "made already: shown from the cache")
    }

    @Test func nothingIsDecodedWhileTheFolderIsStillBeingListed() throws {
        var state = AppState(
            mode: .demo(serverURL: Fixtures.serverURL), directory: Fixtures.directory,
            screen: ScreenSize(width: 80, height: 24), imageTypeChoices: Fixtures.imageTypeChoices, timeZone: Fixtures.utc)
        state.thumbnails = ThumbnailsState(support: .on(.trueColor), renderer: .chafa)
        _ = Update.start(&state)
        // The first chunk comes unsorted, an image first: the selection rests on it for now.
        let icon = try #require(Fixtures.sampleEntries.first { $0.name == "app-icon.png" })
        let chunk = state.send(.directoryChunk(generation: state.files.generation, entries: [icon]))
        #expect(state.files.selectedEntry?.name == "app-icon.png")
        #expect(Self.thumbnailRequests(chunk).isEmpty)
        // Complete and sorted: the selection is on the first folder, and nothing was decoded.
        let listed = state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: Fixtures.sampleEntries))
        #expect(Self.thumbnailRequests(listed).isEmpty)
        Fixtures.select(file: "app-icon.png", in: &state)
        #expect(DetailsThumbnail.key(state) != nil)
    }

    @Test func filesThatAreNoImagesGetNoThumbnail() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "my-plugin-1.0.0.jar", in: &state)
        #expect(DetailsThumbnail.key(state) == nil)
        #expect(DetailsThumbnail.block(state) == .none)
        Fixtures.select(file: "README.md", in: &state)
        #expect(DetailsThumbnail.key(state) == nil)
    }

    @Test func withNoColourThereIsNoThumbnailAndALineSaysWhy() {
        var state = Self.iconSelected(support: .off(reason: "NO_COLOR is set"))
        #expect(DetailsThumbnail.key(state) != nil)
        #expect(ThumbnailRequests.requestIfNeeded(&state).isEmpty)
        let screen = Renderer.render(state).text
        #expect(screen.contains("No thumbnail: NO_COLOR is set"))
        #expect(screen.contains("Pixels        144 × 144"))
    }

    @Test func aResizeAsksForTheNewSizeAndShowsTheOldOneMeanwhile() throws {
        var state = Self.iconSelected()
        let small = try #require(DetailsThumbnail.key(state))
        state.send(.thumbnailMade(small, .ready(Fixtures.iconThumbnail(box: small.box))))
        let effects = state.send(.resize(ScreenSize(width: 120, height: 40)))
        let large = try #require(Self.thumbnailRequests(effects).first)
        #expect(large.path == small.path && large.box == CellBox(columns: 58, rows: 9))
        guard case .cells(let raster) = DetailsThumbnail.block(state) else {
            Issue.record("the thumbnail made for the old size should stand in")
            return
        }
        #expect(raster.rows == Fixtures.iconThumbnail(box: small.box).raster.rows)
    }

    @Test func aHistoryEntryShowsItsLocalFileAndIsCheckedAgainWhenSelectedAgain() throws {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.artifactEntry]))
        var effects = state.press(.character("4"))  // the artifact, the newest: no thumbnail
        #expect(Self.thumbnailRequests(effects).isEmpty)
        #expect(DetailsThumbnail.block(state) == .none)
        effects = state.press(.down)
        let key = try #require(Self.thumbnailRequests(effects).first)
        #expect(key.path == Fixtures.directory + "/app-icon.png" && key.stamp == nil)
        state.send(.thumbnailMade(key, .ready(Fixtures.iconThumbnail(box: key.box))))
        state.press(.up)
        effects = state.press(.down)
        #expect(Self.thumbnailRequests(effects) == [key], "the file may have changed: asked again")
        guard case .cells = DetailsThumbnail.block(state) else {
            Issue.record("the thumbnail made before stands while it is checked")
            return
        }
    }

    @Test func aHistoryEntryWhoseFileIsGoneSaysSo() throws {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.imageEntry]))
        let key = try #require(Self.thumbnailRequests(state.press(.character("4"))).first)
        state.send(.thumbnailMade(key, .failed(ThumbnailError.missingFile.reason)))
        #expect(DetailsThumbnail.block(state) == .lines(["No thumbnail: the local file is not", "there any more."], .muted))
    }

    /// The picture of another file than the one uploaded is not drawn above the upload's facts.
    @Test func aLocalFileChangedSinceTheUploadIsSaidInsteadOfDrawn() throws {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([Fixtures.imageEntry]))
        let key = try #require(Self.thumbnailRequests(state.press(.character("4"))).first)
        var thumbnail = Fixtures.iconThumbnail(box: key.box)
        thumbnail.stamp = FileStamp(size: 9_999, modifiedNanoseconds: 0)
        state.send(.thumbnailMade(key, .ready(thumbnail)))
        #expect(DetailsThumbnail.block(state) == .lines(["No thumbnail: the local file changed", "since it was uploaded (now 10.0 kB)."], .muted),
                "\(DetailsThumbnail.block(state))")
    }

    // MARK: Drawing

    @Test func aDamagedImageSaysCannotPreviewAndTheFactsStay() throws {
        var state = Self.iconSelected(width: 100, height: 30)
        let key = try #require(DetailsThumbnail.key(state))
        state.send(.thumbnailMade(key, .failed("the PNG is damaged (IDAT: incorrect data check)")))
        let lines = Renderer.render(state).text.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("cannot preview: the PNG is damaged (IDAT:") })
        #expect(lines[index + 1].contains("incorrect data check)"), "a long reason wraps")
        #expect(lines[index + 3].contains("Preview of app-icon.png"))
        #expect(lines.contains { $0.contains("Pixels        144 × 144") })
    }

    @Test("a photo shown a quarter turned (Exif orientation 6) keeps the room of its turned shape, so the facts do not jump when it is drawn")
    func aTurnedPhotosRoomIsItsTurnedShape() throws {
        func pendingRows(quarterTurned: Bool) -> DetailsThumbnail.Block {
            var state = Fixtures.listedState(width: 100, height: 40)
            state.thumbnails = ThumbnailsState(support: .on(.palette256), renderer: .halfBlocks)
            Fixtures.select(file: "app-icon.png", in: &state)
            var preview = Fixtures.iconPreview
            if case .image(var image) = preview.content {
                (image.width, image.height, image.quarterTurned) = (1840, 300, quarterTurned)
                preview.content = .image(image)
            }
            state.send(.inspected(path: Self.iconPath, .ready(preview)))
            return DetailsThumbnail.block(state)
        }
        guard case .pending(let wide) = pendingRows(quarterTurned: false), case .pending(let tall) = pendingRows(quarterTurned: true) else {
            Issue.record("not pending")
            return
        }
        #expect(tall > wide, "stored 1840×300 but shown 300×1840: taller (\(tall) rows against \(wide))")
    }

    @Test func whileItIsMadeItsRoomIsKept() throws {
        let state = Self.iconSelected()
        #expect(DetailsThumbnail.block(state) == .pending(rows: 3))
        let screen = Renderer.render(state).text
        #expect(screen.contains("Drawing the thumbnail…"))
    }

    /// The quadrant PNG, decoded for real, drawn into the canvas: each quadrant's colour in
    /// its quadrant of cells, in 256 colours and in true colour.
    @Test(arguments: [ColorDepth.palette256, .trueColor])
    func theFourQuadrantsLandInTheirQuadrantsOfCells(depth: ColorDepth) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/quadrants.png"
        try QuadrantImage.png.write(to: URL(fileURLWithPath: path))
        var state = Fixtures.listedState(width: 120, height: 40)
        state.thumbnails = ThumbnailsState(support: .on(depth), renderer: .halfBlocks)
        state.details.subject = .upload
        state.uploads.jobs = [UploadJob(id: 1, request: .image(path: path, fileName: "quadrants.png", imageType: "icon"))]
        let key = try #require(DetailsThumbnail.key(state))
        let style = try #require(state.thumbnails.style)
        let thumbnail = try ThumbnailMaker.make(path: path, box: key.box, style: style)
        state.send(.thumbnailMade(key, .ready(thumbnail)))
        let canvas = Renderer.render(state)
        let inner = state.layout.details.inner
        let raster = thumbnail.raster
        // 16×16 pixels at 18 columns × 9 rows (18×18 half-cell pixels): row 4 holds the
        // boundary between top and bottom, so rows 2 and 7 are well inside their halves.
        #expect(raster.rows == 9 && raster.columns == 18)
        let expected: [(Int, Int, TerminalColor, TerminalColor)] = [
            (4, 2, .palette(196), .rgb(red: 255, green: 0, blue: 0)),
            (13, 2, .palette(46), .rgb(red: 0, green: 255, blue: 0)),
            (4, 7, .palette(21), .rgb(red: 0, green: 0, blue: 255)),
            (13, 7, .palette(231), .rgb(red: 255, green: 255, blue: 255)),
        ]
        for (column, row, palette, rgb) in expected {
            let cell = canvas[inner.x + column, inner.y + row]
            let colour = depth == .trueColor ? rgb : palette
            #expect(cell.style.background == colour, "cell (\(column), \(row)): \(cell)")
            #expect(cell.text == " " || cell.style.foreground == colour, "cell (\(column), \(row)): \(cell)")
        }
    }

    /// The pane as text and as styles, at rest with the icon's thumbnail.
    @Test func theDetailsPaneWithAThumbnailAsTextAndStyles() {
        let state = Fixtures.sessionState()
        let canvas = Renderer.render(state)
        Snapshot.assertMatches(StyleMap.describe(canvas, in: state.layout.details), named: "details_thumbnail_styles_80x24")
    }
}

/// The 16×16 four-quadrant PNG of AssetThumbnailsTests' fixtures (red, green / blue, white).
enum QuadrantImage {
    static let png = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAJElEQVR4nGP8z4AdMOKQYMKhHicY1UAMYGRgwB7g/0fjgZ4aAJKuBRtxaxtLAAAAAElFTkSuQmCC")!
}
