import Foundation
import Testing
import TestSupport
@testable import AssetThumbnails

/// A JPEG's or PNG's thumbnail drawn as browsers show it, turned or mirrored by its Exif orientation.
@Suite struct ExifOrientationTests {
    /// Where TIFF 6.0 (tag 274) says the stored first row and first column go, as the shown
    /// corners of the stored first pixel and of the last pixel of the first row.
    static let corners: [Int: (first: Corner, endOfFirstRow: Corner)] = [
        1: (.topLeft, .topRight), 2: (.topRight, .topLeft), 3: (.bottomRight, .bottomLeft),
        4: (.bottomLeft, .bottomRight), 5: (.topLeft, .bottomLeft), 6: (.topRight, .bottomRight),
        7: (.bottomRight, .topRight), 8: (.bottomLeft, .topLeft),
    ]

    enum Corner { case topLeft, topRight, bottomLeft, bottomRight }

    @Test(arguments: 1...8)
    func eachOrientationPutsTheFirstRowWhereTheSpecificationSays(orientation: Int) throws {
        // 3×2, each pixel's red its own number.
        let stored = RGBAImage(width: 3, height: 2, pixels: (0..<6).flatMap { [UInt8($0), 0, 0, 255] })
        let shown = stored.oriented(exif: orientation)
        let turned = orientation >= 5
        #expect(shown.width == (turned ? 2 : 3) && shown.height == (turned ? 3 : 2))
        func red(at corner: Corner) -> UInt8 {
            let x = corner == .topLeft || corner == .bottomLeft ? 0 : shown.width - 1
            let y = corner == .topLeft || corner == .topRight ? 0 : shown.height - 1
            return shown.pixel(x: x, y: y).0
        }
        let expected = try #require(Self.corners[orientation])
        #expect(red(at: expected.first) == 0)
        #expect(red(at: expected.endOfFirstRow) == 2)
        #expect(shown.pixels.count == stored.pixels.count)
    }

    @Test("a PNG with an eXIf orientation before its pixels (3, upside down) is drawn turned, as browsers show it")
    func aPNGsExifOrientationTurnsItsThumbnail() throws {
        let png = try #require(FileManager.default.contents(atPath: FixtureFiles.path("quadrants.png"))).map { $0 }
        // Orientation 3, big-endian, in IFD0; the chunk after IHDR, with its CRC (libpng checks it).
        let tiff: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0]
        let typeAndData = Array("eXIf".utf8) + tiff
        let chunk = [0, 0, 0, UInt8(tiff.count)] + typeAndData + Self.bigEndian(CRC32.checksum(typeAndData))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("turned-\(UUID().uuidString).png").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Array(png[..<33]) + chunk + Array(png[33...]))))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let raster = try ThumbnailMaker.make(path: path, box: CellBox(columns: 16, rows: 8), style: ThumbnailStyle(renderer: .halfBlocks, depth: .trueColor)).raster
        // Upside down: the stored top left (red) shows at the bottom right, the bottom right (white) at the top left.
        let bottomRight = Quadrant.bottomRight.centre(width: raster.columns, height: raster.rows)
        let topLeft = Quadrant.topLeft.centre(width: raster.columns, height: raster.rows)
        #expect(raster[bottomRight.x, bottomRight.y].background == .rgb(red: 255, green: 0, blue: 0))
        #expect(raster[topLeft.x, topLeft.y].background == .rgb(red: 255, green: 255, blue: 255))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    /// `oriented-N.jpg` is stored so that Pillow's `exif_transpose` shows the wide quadrants
    /// (scripts/make-thumbnail-fixtures.py checks it): the thumbnail must show them too.
    @Test(arguments: 1...8)
    func theThumbnailShowsWhatBrowsersShow(orientation: Int) throws {
        let thumbnail = try ThumbnailMaker.make(
            path: FixtureFiles.path("oriented-\(orientation).jpg"), box: CellBox(columns: 16, rows: 8),
            style: ThumbnailStyle(renderer: .halfBlocks, depth: .trueColor))
        let raster = thumbnail.raster
        // 32×16 pixels shown, one a column and two a row: 16 columns, 4 rows, whichever way stored.
        #expect(raster.columns == 16 && raster.rows == 4)
        for quadrant in Quadrant.allCases {
            let point = quadrant.centre(width: raster.columns, height: raster.rows)
            let cell = raster[point.x, point.y]
            for color in [cell.foreground, cell.background] {
                guard case .rgb(let red, let green, let blue) = color else {
                    Issue.record("not a true colour: \(color)")
                    continue
                }
                let want = quadrant.rgb
                let distance = [Int(red) - Int(want.0), Int(green) - Int(want.1), Int(blue) - Int(want.2)].map(abs).max()!
                #expect(distance < 40, "orientation \(orientation), \(quadrant) at \(point): \(cell)")
            }
        }
        let turned = orientation >= 5
        #expect(thumbnail.sourceWidth == (turned ? 16 : 32) && thumbnail.sourceHeight == (turned ? 32 : 16), "the size as stored")
    }

    @Test(arguments: [2, 5, 6, 8])
    func aTurnedThumbnailFitsAnyBox(orientation: Int) throws {
        for box in [CellBox(columns: 1, rows: 1), CellBox(columns: 3, rows: 1), CellBox(columns: 1, rows: 3),
                    CellBox(columns: 80, rows: 2), CellBox(columns: 2, rows: 40)] {
            for renderer in CellRenderer.allCases {
                let raster = try ThumbnailMaker.make(
                    path: FixtureFiles.path("oriented-\(orientation).jpg"), box: box,
                    style: ThumbnailStyle(renderer: renderer, depth: .trueColor)).raster
                #expect(raster.columns >= 1 && raster.columns <= box.columns && raster.rows >= 1 && raster.rows <= box.rows,
                        "\(box), \(renderer): \(raster.columns)×\(raster.rows)")
            }
        }
    }
}
