import Foundation
import AssetInspection
import Testing
import TestSupport
@testable import AssetThumbnails

/// Every format decodes to the fixtures' known colours; damaged files say why, in words.
@Suite struct DecodingTests {
    /// Decodes `name` at 8×8 pixels (from 16×16: each target pixel averages a 2×2 block).
    private func pixels(_ name: String, size: Int = 8) throws -> DecodedImage {
        try ThumbnailMaker.pixels(path: FixtureFiles.path(name), fitting: size, size)
    }

    private func expectQuadrants(_ image: RGBAImage, tolerance: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) {
        for quadrant in Quadrant.allCases {
            let point = quadrant.centre(width: image.width, height: image.height)
            let (red, green, blue, alpha) = image.pixel(x: point.x, y: point.y)
            let expected = quadrant.rgb
            let off = [Int(red) - Int(expected.0), Int(green) - Int(expected.1), Int(blue) - Int(expected.2)].map(abs).max()!
            #expect(off <= tolerance && alpha == 255,
                    "\(quadrant): got (\(red), \(green), \(blue), \(alpha)), expected \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["quadrants.png", "quadrants-interlaced.png", "quadrants-24.bmp", "quadrants-8.bmp",
                      "quadrants-rle8.bmp", "interlaced.gif"])
    func losslessFormatsKeepTheQuadrantsExactly(name: String) throws {
        let decoded = try pixels(name)
        #expect(decoded.sourceWidth == 16 && decoded.sourceHeight == 16)
        #expect(decoded.image.width == 8 && decoded.image.height == 8)
        expectQuadrants(decoded.image)
    }

    @Test(arguments: ["quadrants.jpg", "progressive.jpg", "cmyk.jpg"])
    func jpegsKeepTheQuadrantsClosely(name: String) throws {
        let decoded = try pixels(name)
        #expect(decoded.sourceWidth == 16 && decoded.sourceHeight == 16)
        expectQuadrants(decoded.image, tolerance: 24)
    }

    @Test func interlacedPNGDecodesLikeThePlainOne() throws {
        #expect(try pixels("quadrants-interlaced.png", size: 16).image == pixels("quadrants.png", size: 16).image)
    }

    @Test func transparentPixelsStayTransparent() throws {
        let image = try pixels("transparent.png", size: 16).image
        #expect(image.pixel(x: 0, y: 0).3 == 0)
        #expect(image.pixel(x: 15, y: 15).3 == 0)
        let centre = image.pixel(x: 8, y: 8)
        #expect(centre.0 == 255 && centre.1 == 0 && centre.2 == 0 && centre.3 == 255)
    }

    @Test func shrinkingDoesNotBleedTransparentBlackIntoColour() throws {
        // 16 → 5: the pixel at (3, 3) covers source 9.6–12.8 along each axis; the red square
        // ends at 12, so 2.4 of its 3.2 are red and opaque on each, 0.75² of its area, the rest
        // transparent black: alpha 255 · 0.5625.
        let image = try pixels("transparent.png", size: 5).image
        let (red, green, blue, alpha) = image.pixel(x: 3, y: 3)
        #expect(red == 255 && green == 0 && blue == 0)
        #expect(alpha == 143)
    }

    @Test func aPaletteWithATransparentEntryGivesAlpha() throws {
        let image = try pixels("palette-trns.png", size: 16).image
        let transparent = image.pixels.enumerated().filter { $0.offset % 4 == 3 && $0.element == 0 }.count
        #expect(transparent == 64)
    }

    @Test func sixteenBitGreyBecomesEightBitGrey() throws {
        let image = try pixels("gray16.png", size: 16).image
        #expect(image.pixel(x: 0, y: 0) == (0, 0, 0, 255))
        #expect(image.pixel(x: 15, y: 7) == (255, 255, 255, 255))
    }

    @Test func anAnimatedGIFShowsItsFirstFrameWithItsTransparentColour() throws {
        let image = try pixels("animated.gif", size: 16).image
        #expect(image.pixel(x: 0, y: 0).3 == 0)
        #expect(image.pixel(x: 2, y: 2) == (255, 0, 0, 255))
        #expect(image.pixel(x: 13, y: 13) == (255, 255, 255, 255))
    }

    @Test func bitmapsOfOneBitAndWithAnAlphaMaskDecode() throws {
        let mono = try pixels("quadrants-1.bmp", size: 16).image
        #expect(mono.pixel(x: 12, y: 12) == (255, 255, 255, 255))
        #expect(mono.pixel(x: 2, y: 12) == (0, 0, 0, 255))
        let alpha = try pixels("quadrants-32-alpha.bmp", size: 16).image
        #expect(alpha.pixel(x: 0, y: 0).3 == 0)
        #expect(alpha.pixel(x: 8, y: 8) == (255, 0, 0, 255))
    }

    @Test(arguments: ["truncated.png", "truncated.jpg", "truncated.gif", "truncated.bmp"])
    func aTruncatedFileSaysSo(name: String) {
        #expect(throws: ThumbnailError("the file is cut short")) { try pixels(name) }
        #expect(ThumbnailError.cutShort.isDamage)
    }

    @Test("a JPEG whose compressed data stops at a marker in a file that goes on is damaged, not cut short (libjpeg: premature end of data segment)")
    func aJPEGWithAMarkerInItsDataIsDamaged() throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("quadrants.jpg"))))
        let scan = try #require((0..<whole.count - 1).first { whole[$0] == 0xFF && whole[$0 + 1] == 0xDA })
        // An end-of-image marker amid the compressed data, all of which follows it.
        let middle = (scan + whole.count) / 2
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("marker-\(UUID().uuidString).jpg").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(whole[..<middle] + [0xFF, 0xD9] + whole[middle...])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let warning = ImageDamageCheck.warning(path: path)
        #expect(warning?.hasPrefix("the JPEG is damaged (") == true, "\(String(describing: warning))")
        #expect(throws: ThumbnailError.cutShort) { try pixels("truncated.jpg") }
    }

    @Test func aCorruptPNGSaysItIsDamaged() {
        #expect {
            try pixels("corrupt.png")
        } throws: { error in
            (error as? ThumbnailError)?.reason.hasPrefix("the PNG is damaged (") == true && (error as? ThumbnailError)?.isDamage == true
        }
    }

    @Test func aDecompressionBombIsRefusedFromItsHeader() {
        #expect(throws: ThumbnailError("20000×20000 is 400 megapixels, more than the 50 megapixels a preview decodes")) {
            try pixels("bomb.png")
        }
        // Too large to preview is not damage: an upload is told that it was not checked for it.
        #expect(!ThumbnailError.missingFile.isDamage && !ThumbnailError.missingFile.isOverLimits)
        #expect(ImageDamageCheck.warning(path: FixtureFiles.path("bomb.png"))
                == "20000×20000 is 400 megapixels, more than the 50 megapixels a preview decodes, so it was not decoded to its end: damage past its header was not checked")
        #expect(ImageDamageCheck.warning(path: FixtureFiles.path("corrupt.png"))?.hasSuffix("it does not decode to its end, so Marketplace may refuse it or show it broken") == true)
        // Cancelled (Ctrl-C during an upload's checks, the TUI quitting), it stops between rows with no warning.
        var asked = 0
        #expect(ImageDamageCheck.warning(path: FixtureFiles.path("truncated.jpg")) != nil, "cut short past its first rows")
        let warning = ImageDamageCheck.warning(path: FixtureFiles.path("truncated.jpg")) { asked += 1; return true }
        #expect(warning == nil && asked > 0, "\(String(describing: warning)), asked \(asked) times")
    }

    @Test("the damage check reads an animated GIF to its trailer: one cut in a later frame is warned of, the whole one is not; a GIF with no picture is damaged")
    func animatedGIFsAreCheckedToTheirEnd() throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("animated.gif"))))
        #expect(ImageDamageCheck.warning(path: FixtureFiles.path("animated.gif")) == nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Cut before the trailer, inside the later frames: the first frame still previews.
        let cut = folder.appendingPathComponent("cut.gif")
        try Data(whole.prefix(whole.count - 12)).write(to: cut)
        #expect(throws: Never.self) { try ThumbnailMaker.pixels(path: cut.path, fitting: 8, 8) }
        #expect(ImageDamageCheck.warning(path: cut.path)?.hasPrefix("the file is cut short") == true)
        // Without its trailer byte only, after whole frames: browsers show it, so no warning.
        let untrailed = folder.appendingPathComponent("untrailed.gif")
        try Data(whole.dropLast()).write(to: untrailed)
        #expect(whole.last == 0x3B && ImageDamageCheck.warning(path: untrailed.path) == nil)
        // A header, a palette and the trailer: nothing for a browser to show.
        let empty = folder.appendingPathComponent("empty.gif")
        try Data(Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0] + [0, 0, 0, 255, 255, 255] + [0x3B]).write(to: empty)
        #expect(ImageDamageCheck.warning(path: empty.path)?.hasPrefix("the GIF has no picture in it") == true)
        // Cut inside its colour table: cut short, as a cut anywhere later is (libgif calls it "no screen descriptor").
        let cutTable = folder.appendingPathComponent("cut-table.gif")
        try Data(whole.prefix(16)).write(to: cutTable)
        #expect(whole[10] & 0x80 != 0, "the fixture has a global colour table")
        #expect(throws: ThumbnailError.cutShort) { try ThumbnailMaker.pixels(path: cutTable.path, fitting: 8, 8) }
        // Whole, but with an LZW code size of 12 (at most 8): damaged, not cut short (giflib says its read failed).
        let codeSize = folder.appendingPathComponent("lzw12.gif")
        try Data(Array("GIF89a".utf8) + [16, 0, 16, 0, 0xF1, 0, 0] + [UInt8](repeating: 0, count: 12)
                 + [0x2C, 0, 0, 0, 0, 16, 0, 16, 0, 0, 12, 5] + Array("abcde".utf8) + [0, 0x3B]).write(to: codeSize)
        let damaged = ImageDamageCheck.warning(path: codeSize.path)
        #expect(damaged?.hasPrefix("the GIF is damaged (it does not read on from byte 36 of 44)") == true, "\(String(describing: damaged))")
    }

    @Test("a BMP no reader shows (2 bits a pixel, pixels inside its headers) is damage an upload warns of")
    func bitmapsNoReaderShowsAreDamage() throws {
        let bitmap = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("quadrants-24.bmp"))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (offset, value, reason) in [(28, UInt8(2), "the BMP has 2 bits a pixel"), (10, UInt8(0), "the BMP's pixels would start at byte 0")] {
            var damaged = bitmap
            damaged[offset] = value
            if offset == 10 { damaged[11] = 0; damaged[12] = 0; damaged[13] = 0 }
            let path = folder.appendingPathComponent("\(offset).bmp").path
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let warning = ImageDamageCheck.warning(path: path)
            #expect(warning?.hasPrefix(reason) == true && warning?.contains("does not decode to its end") == false, "\(String(describing: warning))")
        }
    }

    @Test("run-length BMP runs longer than a row (RLE8 and RLE4, encoded and literal) stop at its edge, as browsers draw them")
    func runLengthRunsPastTheRowStopAtItsEdge() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        // 4×2, two colours (red 0, blue 1); each row a run of 10 pixels: encoded, then literal.
        for (bits, compression, rows) in [
            (8, 1, [0x0A, 0x01, 0, 0] + [0, 10] + [UInt8](repeating: 1, count: 10) + [0, 0, 0, 1]),
            (4, 2, [0x0A, 0x11, 0, 0] + [0, 10] + [UInt8](repeating: 0x11, count: 5) + [0] + [0, 0, 0, 1]),
        ] as [(Int, Int, [UInt8])] {
            let palette: [UInt8] = [0, 0, 255, 0, 255, 0, 0, 0]
            let info = le(40, 4) + le(4, 4) + le(2, 4) + le(1, 2) + le(bits, 2) + le(compression, 4) + le(rows.count, 4)
                + le(2835, 4) + le(2835, 4) + le(2, 4) + le(0, 4)
            let offset = 14 + info.count + palette.count
            let file = Array("BM".utf8) + le(offset + rows.count, 4) + le(0, 4) + le(offset, 4) + info + palette + rows
            let path = folder.appendingPathComponent("run-\(bits).bmp").path
            try Data(file).write(to: URL(fileURLWithPath: path))
            let image = try ThumbnailMaker.pixels(path: path, fitting: 4, 2)
            #expect(image.sourceWidth == 4 && image.sourceHeight == 2, "RLE\(bits)")
            #expect(ImageDamageCheck.warning(path: path) == nil, "RLE\(bits)")
        }
    }

    @Test func aFileThatIsNoImageSaysSo() {
        #expect(throws: ThumbnailError("not an image: the bytes are not PNG, JPEG, GIF or BMP")) {
            try pixels("not-an-image.png")
        }
    }

    @Test("a text chunk claiming 2 GiB in an 85-byte PNG is not allocated: the file is cut short, within bounded memory")
    func aHugeTextChunkIsNotAllocated() throws {
        // A fixture's signature and header (its CRC right), then a text chunk's claim and two bytes.
        let fixture = try Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("quadrants.png")))
        let file = Array(fixture.prefix(8 + 25)) + [0x7F, 0xFF, 0xFF, 0xFF] + Array("tEXtxx".utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("claims-2g.png").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        var before = rusage(), after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        #expect(throws: ThumbnailError.self) { try ThumbnailMaker.pixels(path: path, fitting: 8, 8) }
        #expect(ImageDamageCheck.warning(path: path) != nil)
        getrusage(RUSAGE_SELF.rawValue, &after)
        // The high-water mark only rises: 2 GiB allocated and zeroed would show here.
        #expect(after.ru_maxrss - before.ru_maxrss < 1 << 20, "KiB: \(before.ru_maxrss) → \(after.ru_maxrss)")
    }

    @Test("a progressive JPEG waits for another's decoding to end (each keeps all its coefficients), or stops waiting once cancelled; a baseline one never waits",
          .timeLimit(.minutes(1)))
    func progressiveJPEGsAreDecodedOneAtATime() throws {
        #expect(ProgressiveJPEGTurn.take(isCancelled: { false }))
        // Given back however this test ends (below, once a decoding waits for it): every other waits for it.
        var given = false
        defer { if !given { ProgressiveJPEGTurn.give() } }
        let start = ContinuousClock.now
        // A baseline JPEG decodes row by row in little memory: it goes on (a wait would be cancelled after 5 s, and fail).
        _ = try ThumbnailMaker.pixels(path: FixtureFiles.path("quadrants.jpg"), fitting: 8, 8, isCancelled: { ContinuousClock.now - start > .seconds(5) })
        let cancelled = #expect(throws: ThumbnailError.self) {
            try ThumbnailMaker.pixels(path: FixtureFiles.path("progressive.jpg"), fitting: 8, 8, isCancelled: { ContinuousClock.now - start > .milliseconds(50) })
        }
        #expect(cancelled == .cancelled)
        let givenAt = ContinuousClock.now
        given = true
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { ProgressiveJPEGTurn.give() }
        expectQuadrants(try pixels("progressive.jpg").image, tolerance: 24)
        #expect(ContinuousClock.now - givenAt >= .milliseconds(100))
    }

    @Test("a progressive JPEG with more scans than any image has is refused, not read scan by scan for seconds")
    func aJPEGOfTooManyScansIsRefused() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixtureFiles.path("progressive.jpg"))))
        // Its last scan, from its SOS marker to the EOI that ends the file, 1,001 times more.
        let lastScan = try #require((0..<(bytes.count - 1)).last { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        let end = bytes.count - 2
        let scans = Array(bytes[..<end]) + Array(repeating: bytes[lastScan..<end], count: 1_001).flatMap { $0 } + [0xFF, 0xD9]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("scans.jpg").path
        try Data(scans).write(to: URL(fileURLWithPath: path))
        #expect(throws: ThumbnailError.self) { try ThumbnailMaker.pixels(path: path, fitting: 8, 8) }
        // A limit of the preview's, not damage: valid JPEGs may have more.
        #expect(ImageDamageCheck.warning(path: path) == "more than 1000 scans, where an image has about ten, so it was not decoded to its end: damage past its header was not checked")
    }

    @Test("a JPEG whose compressed data has bits flipped is damaged, though libjpeg decodes it to its end (showing garbage)")
    func aJPEGWithCorruptDataIsDamaged() throws {
        // The demo's banner (1120×548, 39 KB): data enough to damage in the middle.
        let banner = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/samples/banner.jpg")
        var bytes = [UInt8](try Data(contentsOf: banner))
        let scan = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        // Every 7th byte of 200 in the middle of the scan's data, as a bad disk or transfer leaves it.
        let middle = scan + (bytes.count - scan) / 2
        for index in stride(from: middle, to: middle + 200, by: 7) where bytes[index] != 0xFF && bytes[index] != 0xFE { bytes[index] ^= 0x5A }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("flipped.jpg").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let warning = ImageDamageCheck.warning(path: path)
        #expect(warning?.contains("Corrupt JPEG data") == true, "\(String(describing: warning))")
        // Bytes before its end marker, as some encoders pad: it decodes whole, no damage.
        let whole = [UInt8](try Data(contentsOf: banner))
        let padded = folder.appendingPathComponent("padded.jpg").path
        try Data(whole.dropLast(2) + [UInt8](repeating: 0, count: 16) + [0xFF, 0xD9]).write(to: URL(fileURLWithPath: padded))
        #expect(ImageDamageCheck.warning(path: padded) == nil)
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: ThumbnailError("the file is not there any more")) {
            try ThumbnailMaker.pixels(path: FixtureFiles.path("no-such-file.png"), fitting: 8, 8)
        }
    }

    @Test("each decoder's message has its kind: libjpeg out of memory is over the limits (an upload says it was not checked), a decoder's complaint is damage, the reader's cut short is damage")
    func reasonsHaveTheirKind() {
        let memory = JPEGDecoder.reason("Insufficient memory (case 4)", limits: .standard)
        #expect(memory.isOverLimits && !memory.isDamage && memory.reason.hasPrefix("decoding it needs more than the 40 MiB a preview may use"))
        #expect(JPEGDecoder.reason("Corrupt JPEG data: premature end of data segment", limits: .standard).isDamage)
        // A valid coding libjpeg does not decode is no damage: lossless is named from the header; 12 bits browsers do not show.
        let lossless = JPEGDecoder.reason("Unsupported JPEG process: SOF type 0xc3", limits: .standard)
        #expect(!lossless.isDamage && !lossless.reason.contains("damaged"))
        let twelveBits = JPEGDecoder.reason("Unsupported JPEG data precision 12", limits: .standard)
        #expect(twelveBits.kind == .unshowable && twelveBits.reason.hasPrefix("the JPEG has samples of more than 8 bits"))
        #expect(PNGDecoder.reason("IDAT: invalid distance too far back").isDamage)
        #expect(PNGDecoder.reason("the file is cut short").isDamage && JPEGDecoder.reason("the file is cut short", limits: .standard).isDamage)
        #expect(!PNGDecoder.reason("the file cannot be read").isDamage)
        #expect(DecodeLimits.standard.refusal(width: 20_000, height: 20_000)?.isOverLimits == true)
        // A JPEG still too large at 1/8 names its own size first, the scaled one after.
        let session = DecodeSession(DecodeRequest(targetSize: { _, _ in (4, 4) }, limits: .standard, isCancelled: { false }))
        #expect(session.checkSource(width: 65_000, height: 65_000, limited: false))
        #expect(!session.begin(rowsOfWidth: 8_125, height: 8_125))
        #expect(session.stopError.isOverLimits && session.stopError.reason.hasPrefix("a 65000×65000 image, decoded at 1/8: 8125×8125 is"), "\(session.stopError)")
    }

    @Test("a BMP whose header promises more rows than the file holds is cut short, by arithmetic, before any size limit")
    func bmpPromisingMoreThanItHolds() throws {
        // 154 bytes claiming 30000×30000 at 24 bits (2.7 GB of rows).
        var bytes = Array("BM".utf8) + [154, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0]
        bytes += [40, 0, 0, 0, 0x30, 0x75, 0, 0, 0x30, 0x75, 0, 0, 1, 0, 24, 0] + [UInt8](repeating: 0, count: 24)
        bytes += [UInt8](repeating: 0, count: 100)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("promise-\(UUID().uuidString).bmp").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ThumbnailError.cutShort) { try ThumbnailMaker.pixels(path: path, fitting: 8, 8) }
        #expect(ImageDamageCheck.warning(path: path)?.hasPrefix("the file is cut short: it does not decode to its end") == true)

        // 1073741825×2147483646 at 32 bits: its rows' bytes fit in 64 bits, with the pixel offset
        // added they did not (an arithmetic overflow, the process trapped).
        var overflowing = Array("BM".utf8) + [0x76, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0]
        overflowing += [40, 0, 0, 0, 0x01, 0x00, 0x00, 0x40, 0xFE, 0xFF, 0xFF, 0x7F, 1, 0, 32, 0] + [UInt8](repeating: 0, count: 24)
        overflowing += [UInt8](repeating: 0, count: 64)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(overflowing)))
        #expect(throws: ThumbnailError.cutShort) { try ThumbnailMaker.pixels(path: path, fitting: 8, 8) }
    }

    @Test("a GIF whose first frame lies far outside its small screen says where the frame is, not a size no header holds")
    func gifFrameOutsideItsScreen() throws {
        // A 10×10 screen with a global palette, then a 1000×1000 frame at 60000,60000.
        var bytes = Array("GIF89a".utf8) + [10, 0, 10, 0, 0x80, 0, 0] + [UInt8](repeating: 0, count: 6)
        bytes += [0x2C, 0x60, 0xEA, 0x60, 0xEA, 0xE8, 0x03, 0xE8, 0x03, 0, 2, 2, 0x4C, 1, 0, 0x3B]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).gif").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: ThumbnailError.self) { try ThumbnailMaker.pixels(path: path, fitting: 8, 8) }
        #expect(error?.reason == "the GIF's first frame, 1000×1000 at 60000,60000, lies outside its 10×10 screen (browsers cut it to the screen)")
        #expect(error?.kind == .unshowable)
    }

    @Test func aTighterPixelLimitRefusesSmallerImages() {
        let limits = DecodeLimits(maxPixels: 100, jpegMemory: 1 << 20)
        #expect(throws: ThumbnailError("16×16 is 256 pixels, more than the 100 pixels a preview decodes")) {
            try ThumbnailMaker.pixels(path: FixtureFiles.path("quadrants.png"), fitting: 8, 8, limits: limits)
        }
    }

    @Test func aSideLongerThanThePreviewDecodesIsRefusedWhateverThePixelCount() {
        // 49,000,000×1 is within the 50 megapixels, but took 1.3 GB to scale.
        #expect(DecodeLimits.standard.refusal(width: 49_000_000, height: 1)
                == ThumbnailError("49000000×1 has a side longer than the 32768 pixels a preview decodes"))
        #expect(DecodeLimits.standard.refusal(width: 1, height: 49_000_000) != nil)
        #expect(DecodeLimits.standard.refusal(width: 7680, height: 4320) == nil)
    }

    @Test func justOverTheLimitSaysByHowMuch() {
        // Rounded to tenths it read "is 50 megapixels, more than the 50 megapixels".
        #expect(DecodeLimits.standard.refusal(width: 7072, height: 7072)
                == ThumbnailError("7072×7072 is 50,013,184 pixels, more than the 50,000,000 pixels a preview decodes"))
        #expect(DecodeLimits.standard.refusal(width: 7071, height: 7072)
                == ThumbnailError("7071×7072 is 50,006,112 pixels, more than the 50,000,000 pixels a preview decodes"))
        #expect(DecodeLimits.standard.refusal(width: 8000, height: 8000)
                == ThumbnailError("8000×8000 is 64 megapixels, more than the 50 megapixels a preview decodes"))
    }

    @Test func jpegPicksTheSmallestScaledDecodingThatIsStillLargeEnough() {
        #expect(JPEGDecoder.scaleDenominator(width: 6000, height: 4000, target: (464, 144)) == 8)
        #expect(JPEGDecoder.scaleDenominator(width: 6000, height: 4000, target: (1000, 600)) == 4)
        #expect(JPEGDecoder.scaleDenominator(width: 1120, height: 548, target: (1000, 500)) == 1)
        // A side narrower than the target's is no reason to decode whole: the other decides.
        #expect(JPEGDecoder.scaleDenominator(width: 1, height: 65_000, target: (8, 288)) == 8)
        #expect(JPEGDecoder.scaleDenominator(width: 4, height: 4, target: (8, 16)) == 1)
    }

    @Test("a PNG with 2 MB of small chunks before its pixels decodes, and a cancelled decoding stops among them, before the header is done")
    func manySmallChunksAreReadAheadAndCancellable() throws {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typeAndData = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(CRC32.checksum(typeAndData))
        }
        let png = try #require(FileManager.default.contents(atPath: FixtureFiles.path("quadrants.png"))).map { $0 }
        let text = chunk("tEXt", Array("k\0v".utf8))
        let chunks = [UInt8]((0..<(2 << 20) / text.count).lazy.flatMap { _ in text })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).png").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Array(png[..<33]) + chunks + Array(png[33...]))))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let image = try ThumbnailMaker.pixels(path: path, fitting: 4, 4)
        #expect(image.sourceWidth > 0 && image.sourceHeight > 0)
        // libpng reads every chunk before the header's callback: the cancellation is asked as the file is read.
        var (sized, asked) = (false, 0)
        let request = DecodeRequest(targetSize: { _, _ in sized = true; return (4, 4) }, limits: .standard, isCancelled: { asked += 1; return asked > 3 })
        #expect(throws: ThumbnailError.cancelled) { try ThumbnailMaker.decode(try ImageFile(path: path), request) }
        #expect(!sized, "the decoding went on through every chunk to the header")
    }

    @Test("a run-length BMP whose data goes on past what its pixels can need (jumps of nought) is damaged, not read to its end")
    func runLengthDataPastEveryPixelIsDamage() throws {
        func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        // 4×2 RLE8, then 1 KB of `00 02 00 00` (a jump of nothing) before its end: no encoder's.
        let rows = [UInt8]((0..<256).lazy.flatMap { _ in [UInt8]([0, 2, 0, 0]) }) + [0, 1]
        let palette: [UInt8] = [0, 0, 255, 0, 255, 0, 0, 0]
        let info = le(40, 4) + le(4, 4) + le(2, 4) + le(1, 2) + le(8, 2) + le(1, 4) + le(rows.count, 4) + le(2835, 4) + le(2835, 4) + le(2, 4) + le(0, 4)
        let offset = 14 + info.count + palette.count
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jumps-\(UUID().uuidString).bmp").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(Array("BM".utf8) + le(offset + rows.count, 4) + le(0, 4) + le(offset, 4) + info + palette + rows)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(ImageDamageCheck.warning(path: path)?.hasPrefix("the BMP is damaged (its run-length data goes on past every pixel)") == true)
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    @Test func cancellingStopsBetweenRows() throws {
        let file = try ImageFile(path: FixtureFiles.path("quadrants.png"))
        let request = DecodeRequest(targetSize: { _, _ in (4, 4) }, limits: .standard, isCancelled: { true })
        #expect(throws: ThumbnailError.cancelled) { try ThumbnailMaker.decode(file, request) }
    }
}
