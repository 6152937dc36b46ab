import Testing
@testable import AssetThumbnails

/// The 4-quadrant fixture as cells: each quadrant's colour in its quadrant, in true colour
/// and in 256 colours, for both renderers.
@Suite struct CellTests {
    static let box = CellBox(columns: 16, rows: 8)

    private func thumbnail(_ name: String = "quadrants.png", renderer: CellRenderer, depth: ColorDepth) throws -> ThumbnailRaster {
        try ThumbnailMaker.make(path: FixtureFiles.path(name), box: Self.box,
                                style: ThumbnailStyle(renderer: renderer, depth: depth)).raster
    }

    /// Whether a cell shows `color` all over: a space or a full block in it, or a symbol
    /// drawn in it on itself.
    private func isSolid(_ cell: ThumbnailCell, _ color: ThumbnailColor) -> Bool {
        switch cell.symbol {
        case " ": cell.background == color
        case "\u{2588}": cell.foreground == color
        default: cell.foreground == color && cell.background == color
        }
    }

    @Test(arguments: CellRenderer.allCases)
    func quadrantsInTrueColour(renderer: CellRenderer) throws {
        let raster = try thumbnail(renderer: renderer, depth: .trueColor)
        #expect(raster.columns == 16 && raster.rows == 8)
        for quadrant in Quadrant.allCases {
            let (red, green, blue) = quadrant.rgb
            let point = quadrant.centre(width: raster.columns, height: raster.rows)
            let cell = raster[point.x, point.y]
            #expect(isSolid(cell, .rgb(red: red, green: green, blue: blue)), "\(quadrant) at \(point): \(cell)")
        }
    }

    @Test(arguments: CellRenderer.allCases)
    func quadrantsIn256Colours(renderer: CellRenderer) throws {
        let raster = try thumbnail(renderer: renderer, depth: .palette256)
        for quadrant in Quadrant.allCases {
            let point = quadrant.centre(width: raster.columns, height: raster.rows)
            let cell = raster[point.x, point.y]
            #expect(isSolid(cell, .palette(quadrant.paletteIndex)), "\(quadrant) at \(point): \(cell)")
        }
    }

    @Test func halfBlocksPutTheTopPixelInFrontAndTheBottomOneBehind() throws {
        // 16×16 pixels into 16 columns × 8 rows: one pixel a column, two a row; the boundary
        // between red and blue is between rows 3 and 4, so no cell straddles it.
        let raster = try thumbnail(renderer: .halfBlocks, depth: .trueColor)
        for row in 0..<8 {
            for column in 0..<16 {
                let cell = raster[column, row]
                #expect(cell.symbol == " " && cell.foreground == cell.background)
            }
        }
    }

    @Test func transparencyShowsAsACheckerboard() throws {
        let raster = try thumbnail("transparent.png", renderer: .halfBlocks, depth: .trueColor)
        let light = ThumbnailColor.rgb(red: 0x99, green: 0x99, blue: 0x99)
        let dark = ThumbnailColor.rgb(red: 0x66, green: 0x66, blue: 0x66)
        // Squares are one row tall and two columns wide.
        #expect(raster[0, 0].background == light && raster[2, 0].background == dark && raster[0, 1].background == dark)
        #expect(raster[8, 4].background == .rgb(red: 255, green: 0, blue: 0))
    }

    @Test func withFewColoursTheCheckerboardStillHasTwoSquaresUnlikeOpaqueWhite() throws {
        // Both mid-tone greys would become one ANSI colour: white with 8, so a transparent
        // corner would look like the white box an icon should not have.
        let eight = try thumbnail("transparent.png", renderer: .halfBlocks, depth: .palette8)
        #expect(eight[0, 0].background == .palette(7) && eight[2, 0].background == .palette(0))
        let sixteen = try thumbnail("transparent.png", renderer: .halfBlocks, depth: .palette16)
        #expect(sixteen[0, 0].background != sixteen[2, 0].background)
        #expect(sixteen[0, 0].background != .palette(15) && sixteen[2, 0].background != .palette(15), "opaque white is 15")
        // Through chafa, which raises the contrast of what it draws in 16 colours, the light squares may
        // come out white (the README says so): a pattern still, unlike the all-white box.
        let chafa = try thumbnail("transparent.png", renderer: .chafa, depth: .palette16)
        #expect(chafa[0, 0].background != chafa[2, 0].background && chafa[0, 0].background == chafa[2, 1].background,
                "\(chafa[0, 0]) \(chafa[2, 0]) \(chafa[2, 1])")
    }

    @Test func sixteenAndEightColoursUseTheANSIColours() throws {
        let sixteen = try thumbnail(renderer: .halfBlocks, depth: .palette16)
        #expect(sixteen[4, 2].background == .palette(9))
        #expect(sixteen[12, 6].background == .palette(15))
        let eight = try thumbnail(renderer: .halfBlocks, depth: .palette8)
        #expect(eight[4, 2].background == .palette(1))
        #expect(eight[12, 6].background == .palette(7))
    }

    @Test func aWideImageTakesFewerRows() throws {
        let geometry = ThumbnailGeometry.cells(forImageWidth: 1120, height: 548, within: CellBox(columns: 58, rows: 9))
        #expect(geometry == CellBox(columns: 37, rows: 9))
        let banner = ThumbnailGeometry.cells(forImageWidth: 1120, height: 548, within: CellBox(columns: 20, rows: 9))
        #expect(banner == CellBox(columns: 20, rows: 5))
        #expect(ThumbnailGeometry.cells(forImageWidth: 1, height: 10_000, within: CellBox(columns: 20, rows: 9))
                == CellBox(columns: 1, rows: 9))
    }
}
