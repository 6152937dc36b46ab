import Testing
@testable import AssetThumbnails

/// The scaling canvas: area filter when shrinking, repetition when enlarging, alpha-weighted.
@Suite struct ScalingTests {
    private func canvas(_ source: [[(UInt8, UInt8, UInt8, UInt8)]], width: Int, height: Int) -> RGBAImage {
        var canvas = ScalingCanvas(sourceWidth: source[0].count, sourceHeight: source.count, width: width, height: height)
        for (y, row) in source.enumerated() {
            let bytes = row.flatMap { [$0.0, $0.1, $0.2, $0.3] }
            bytes.withUnsafeBufferPointer { canvas.add(row: $0.baseAddress!, y: y, count: row.count) }
        }
        return canvas.image()
    }

    @Test func shrinkingAveragesEachBlock() {
        let image = canvas([[(0, 0, 0, 255), (200, 100, 0, 255)], [(100, 0, 100, 255), (100, 100, 100, 255)]], width: 1, height: 1)
        #expect(image.pixel(x: 0, y: 0) == (100, 50, 50, 255))
    }

    /// A source pixel on a boundary counts in both target pixels, by the part of it in each: 1-pixel
    /// stripes shrunk to a width that is no divisor come out nearer even grey, not in bands.
    @Test func shrinkingWeighsEachPixelByTheAreaItCovers() {
        // 3 → 2: the middle pixel is half in each.
        let halves = canvas([[(0, 0, 0, 255), (90, 90, 90, 255), (180, 180, 180, 255)]], width: 2, height: 1)
        #expect(halves.pixel(x: 0, y: 0) == (30, 30, 30, 255))
        #expect(halves.pixel(x: 1, y: 0) == (150, 150, 150, 255))
        // White and black by turns, 40 → 15 (each target 2.67 pixels wide): half white in each, give or
        // take an eighth (whole pixels gave 2 or 3 by turns: 85, 128 or 170).
        let stripes = (0..<40).map { $0 % 2 == 0 ? (UInt8(255), UInt8(255), UInt8(255), UInt8(255)) : (UInt8(0), UInt8(0), UInt8(0), UInt8(255)) }
        let image = canvas([stripes], width: 15, height: 1)
        let greys = (0..<15).map { Int(image.pixel(x: $0, y: 0).0) }
        #expect(greys.allSatisfy { abs($0 - 128) <= 33 }, "\(greys)")
        // A transparent pixel lends no colour, only transparency, by its part.
        let edge = canvas([[(255, 0, 0, 255), (0, 0, 0, 0), (0, 0, 0, 0)]], width: 2, height: 1)
        #expect(edge.pixel(x: 0, y: 0) == (255, 0, 0, 170))
    }

    @Test func enlargingRepeatsPixels() {
        let image = canvas([[(255, 0, 0, 255), (0, 0, 255, 255)]], width: 4, height: 2)
        #expect(image.pixel(x: 1, y: 1) == (255, 0, 0, 255))
        #expect(image.pixel(x: 2, y: 0) == (0, 0, 255, 255))
    }

    @Test func pixelsThatNeverArriveAreTransparent() {
        var canvas = ScalingCanvas(sourceWidth: 2, sourceHeight: 2, width: 2, height: 2)
        let row: [UInt8] = [9, 9, 9, 255]
        row.withUnsafeBufferPointer { canvas.add(row: $0.baseAddress!, y: 1, first: 1, count: 1) }
        let image = canvas.image()
        #expect(image.pixel(x: 1, y: 1) == (9, 9, 9, 255))
        #expect(image.pixel(x: 0, y: 0) == (0, 0, 0, 0))
    }

    @Test func steppedRowsLandInTheirColumns() {
        var canvas = ScalingCanvas(sourceWidth: 8, sourceHeight: 1, width: 8, height: 1)
        let row: [UInt8] = [1, 1, 1, 255, 2, 2, 2, 255]
        row.withUnsafeBufferPointer { canvas.add(row: $0.baseAddress!, y: 0, first: 3, step: 4, count: 2) }
        let image = canvas.image()
        #expect(image.pixel(x: 3, y: 0) == (1, 1, 1, 255))
        #expect(image.pixel(x: 7, y: 0) == (2, 2, 2, 255))
        #expect(image.pixel(x: 4, y: 0).3 == 0)
    }

    @Test func palette256PicksTheCubeOrTheGreys() {
        #expect(TerminalPalette.nearest256(255, 0, 0) == 196)
        #expect(TerminalPalette.nearest256(0, 0, 0) == 16)
        #expect(TerminalPalette.nearest256(128, 128, 128) == 244)
        #expect(TerminalPalette.nearest256(255, 255, 255) == 231)
        for index in 16...255 {
            let (red, green, blue) = TerminalPalette.rgb(of: UInt8(index))
            let back = TerminalPalette.nearest256(red, green, blue)
            #expect(TerminalPalette.rgb(of: back) == TerminalPalette.rgb(of: UInt8(index)), "index \(index)")
        }
    }
}
