@testable import AssetInspection
import Testing

/// The header readers on headers built byte by byte.
@Suite struct ImageHeaderTests {
    private func info(_ bytes: [UInt8]) throws -> ImageInfo {
        try ImageHeaderReader.imageInfo(of: bytes)
    }

    private func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try ImageHeaderReader.imageInfo(of: bytes)
            return nil
        } catch {
            return error.message
        }
    }

    /// A TIFF block giving `orientation` in IFD0 (byte order `motorola` or Intel).
    static func tiff(orientation: UInt16, motorola: Bool) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { motorola ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { motorola ? [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } : [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: v >> $0) } }
        // Another tag first (ImageWidth, LONG), as cameras write them in tag order.
        var tiff: [UInt8] = (motorola ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8) + u16(2)
        tiff += u16(0x0100) + u16(4) + u32(1) + u32(4000)
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        return tiff + u32(0)
    }

    /// `jpeg` with an Exif APP1 segment after its SOI, giving `orientation` in IFD0 (byte order `motorola` or Intel).
    static func withExif(_ jpeg: [UInt8], orientation: UInt16, motorola: Bool) -> [UInt8] {
        let payload = ExifOrientation.signature + tiff(orientation: orientation, motorola: motorola)
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }

    /// `png` with an eXIf chunk giving `orientation` right after its IHDR, or after its first IDAT (`late`).
    static func withExif(png: [UInt8], orientation: UInt16, late: Bool = false) throws -> [UInt8] {
        let block = tiff(orientation: orientation, motorola: true)
        let length = UInt32(block.count)
        let chunk = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) } + Array("eXIf".utf8) + block + [0, 0, 0, 0]
        var at = 33  // after the signature and IHDR
        if late {
            let idat = try #require((0..<png.count - 4).first { Array(png[$0..<$0 + 4]) == Array("IDAT".utf8) }) - 4
            let idatLength = Int(png[idat]) << 24 | Int(png[idat + 1]) << 16 | Int(png[idat + 2]) << 8 | Int(png[idat + 3])
            at = idat + 12 + idatLength
        }
        return Array(png[..<at]) + chunk + Array(png[at...])
    }

    @Test("a PNG's eXIf orientation before its pixels is read, as browsers follow it; one after them is not")
    func pngExifOrientation() throws {
        let icon = try Samples.bytes(Samples.icon)
        #expect(try info(icon).exifOrientation == nil)
        let turned = try info(try Self.withExif(png: icon, orientation: 6))
        #expect(turned.exifOrientation == 6 && turned.orientationWarning?.contains("turned a quarter") == true)
        #expect(try info(try Self.withExif(png: icon, orientation: 6, late: true)).exifOrientation == nil)
        #expect(try info(try Self.withExif(png: icon, orientation: 1)).exifOrientation == nil, "upright says nothing")
    }

    @Test("a JPEG's Exif orientation is read in either byte order; a turned one is warned of with the size browsers show")
    func exifOrientation() throws {
        let banner = try Samples.bytes(Samples.banner)
        let plain = try info(banner)
        #expect(plain.exifOrientation == nil && plain.orientationWarning == nil)
        for motorola in [true, false] {
            let turned = try info(Self.withExif(banner, orientation: 6, motorola: motorola))
            #expect(turned.width == plain.width && turned.height == plain.height && turned.exifOrientation == 6)
            #expect(turned.orientationWarning?.contains("show it turned a quarter, as \(plain.height)×\(plain.width)") == true)
        }
        #expect(try info(Self.withExif(banner, orientation: 1, motorola: true)).exifOrientation == nil, "upright says nothing")
        #expect(try info(Self.withExif(banner, orientation: 3, motorola: false)).orientationWarning?.contains("upside down") == true)
        // A square one keeps its size turned, and one upside down or mirrored keeps it too: no sizes said.
        #expect(ExifOrientation.warning(8, width: 144, height: 144) == "its Exif orientation (8) has viewers that follow it, browsers among them, "
            + "show it turned a quarter; Marketplace may show it either way: save it upright, without the tag")
        #expect(ExifOrientation.warning(3, width: 1840, height: 900)?.contains("1840×900") == false)
        #expect(ExifOrientation.warning(6, width: 548, height: 1120)?.contains("as 1120×548; the sizes here are as stored, 548×1120, and Marketplace") == true)
        #expect(try info(Self.withExif(banner, orientation: 9, motorola: true)).exifOrientation == nil, "no such orientation")
        // Exif cut anywhere gives no orientation, never an error or a crash.
        let exif = Self.withExif(banner, orientation: 6, motorola: true)
        for cut in 6..<60 {
            var damaged = exif
            damaged.replaceSubrange(cut..<(cut + 1), with: [0xFF])
            _ = try? info(damaged)
        }
    }

    @Test("a JPEG frame browsers do not decode (arithmetic, lossless) is named; baseline and progressive are not")
    func jpegCodingBrowsersDoNotDecode() throws {
        let banner = try Samples.bytes(Samples.banner)
        #expect(try info(banner).notShownByBrowsers == nil)
        let sof = try #require(banner.indices.dropLast().first { banner[$0] == 0xFF && (0xC0...0xC2).contains(banner[$0 + 1]) })
        for (code, expected) in [(UInt8(0xC9), "arithmetic coding"), (0xC3, "lossless coding"), (0xC2, nil)] as [(UInt8, String?)] {
            var changed = banner
            changed[sof + 1] = code
            #expect(try info(changed).notShownByBrowsers == expected)
        }
        #expect(JPEGHeader.unsupportedCoding(0xC5) == "hierarchical coding")
    }

    @Test func pngSizeComesFromIHDR() throws {
        #expect(try info(Headers.png(width: 3000, height: 7)) == ImageInfo(format: .png, width: 3000, height: 7))
        #expect(message(Headers.png(width: 10, height: 10, firstChunk: "CgBI"))?.contains("IHDR") == true)
        #expect(message(Headers.png(width: 0, height: 10))?.contains("impossible size") == true)
        #expect(message(Headers.png(width: 0x8000_0000, height: 10))?.contains("impossible size") == true)
        #expect(message(Array(Headers.png(width: 10, height: 10).prefix(20)))?.contains("cut short") == true)
    }

    @Test func gifSizeComesFromTheLogicalScreen() throws {
        #expect(try info(Headers.gif(width: 580, height: 330)) == ImageInfo(format: .gif, width: 580, height: 330))
        #expect(try info(Headers.gif(width: 65535, height: 1)) == ImageInfo(format: .gif, width: 65535, height: 1))
        #expect(message(Headers.gif(width: 0, height: 5))?.contains("impossible size") == true)
        #expect(message(Array("GIF89a".utf8) + [1])?.contains("cut short") == true)
    }

    /// A screen written smaller than the first frame: browsers and Java's ImageIO show the whole
    /// frame, as the thumbnail does, so the size (and the listing verdict) is the frame's reach.
    @Test func aGIFScreenSmallerThanItsFirstFrameTakesTheFramesSize() throws {
        func gif(screen: (UInt16, UInt16), frame: (left: UInt16, top: UInt16, width: UInt16, height: UInt16)) -> [UInt8] {
            var bytes = Array("GIF89a".utf8) + Headers.littleEndian16(screen.0) + Headers.littleEndian16(screen.1)
            bytes += [0x81, 0, 0] + [UInt8](repeating: 0, count: 12)  // a global colour table of 4 colours
            bytes += [0x21, 0xFE, 3] + Array("abc".utf8) + [2] + Array("de".utf8) + [0]  // a comment in two sub-blocks
            bytes += [0x21, 0xF9, 4, 1, 0, 0, 0, 0]  // a graphic control extension
            bytes += [0x2C] + [frame.left, frame.top, frame.width, frame.height].flatMap(Headers.littleEndian16) + [0]
            return bytes + [2, 2, 0x44, 0x01, 0, 0x3B]
        }
        #expect(try info(gif(screen: (10, 10), frame: (0, 0, 144, 144))) == ImageInfo(format: .gif, width: 144, height: 144))
        #expect(try info(gif(screen: (100, 10), frame: (5, 2, 20, 30))) == ImageInfo(format: .gif, width: 100, height: 32))
        #expect(try info(gif(screen: (580, 330), frame: (0, 0, 580, 330))) == ImageInfo(format: .gif, width: 580, height: 330))
        #expect(try info(gif(screen: (0, 0), frame: (0, 0, 16, 16))) == ImageInfo(format: .gif, width: 16, height: 16))
        // A frame placed outside the screen is no screen written too small: the thumbnail says it lies outside.
        #expect(try info(gif(screen: (10, 10), frame: (65000, 0, 10, 10))) == ImageInfo(format: .gif, width: 10, height: 10))
        // Cut before its first frame: the screen's size, as before.
        #expect(try info(Array(gif(screen: (10, 10), frame: (0, 0, 144, 144)).prefix(30))) == ImageInfo(format: .gif, width: 10, height: 10))
    }

    @Test func bmpHandlesInfoHeaderTopDownAndOS2CoreHeader() throws {
        #expect(try info(Headers.bmp(width: 72, height: 72)) == ImageInfo(format: .bmp, width: 72, height: 72))
        // A negative height is a top-down bitmap of the same size.
        #expect(try info(Headers.bmp(width: 640, height: -480)) == ImageInfo(format: .bmp, width: 640, height: 480))
        #expect(try info(Headers.bmp(width: 100, height: 50, infoSize: 124)) == ImageInfo(format: .bmp, width: 100, height: 50))
        #expect(try info(Headers.bmp(width: 300, height: 200, infoSize: 12)) == ImageInfo(format: .bmp, width: 300, height: 200))
        #expect(message(Headers.bmp(width: 10, height: Int32.min))?.contains("impossible size") == true)
        #expect(message(Headers.bmp(width: -10, height: 10))?.contains("impossible size") == true)
        #expect(message(Headers.bmp(width: 10, height: 0, infoSize: 12))?.contains("impossible size") == true)
        #expect(message(Array(Headers.bmp(width: 10, height: 10).prefix(20)))?.contains("cut short") == true)
    }

    @Test func textStartingWithBMIsNotTakenForABitmap() {
        #expect(ImageFormat.detect(in: Array("BMW owners club: meeting notes".utf8)) == nil)
        #expect(message(Array("BMW owners club: meeting notes".utf8))?.hasPrefix("not an image") == true)
    }

    @Test func jpegWalkSkipsMetadataSegmentsAndFillBytesToTheFrameHeader() throws {
        let exif = Headers.segment(0xE1, Array("Exif\0\0".utf8) + [UInt8](repeating: 0xAB, count: 60_000))
        let icc = Headers.segment(0xE2, [UInt8](repeating: 0xFF, count: 3000))  // 0xFF inside a payload
        let tables = Headers.segment(0xDB, [UInt8](repeating: 1, count: 65))
        let bytes = Headers.startOfImage + Headers.segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + exif + icc + [0xFF, 0xFF, 0xFF] + tables + Headers.segment(0xC2, Headers.frame(width: 1920, height: 1080))
            + Headers.segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + Headers.endOfImage
        #expect(try info(bytes) == ImageInfo(format: .jpeg, width: 1920, height: 1080))
    }

    @Test(arguments: [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF] as [UInt8])
    func jpegEveryFrameMarkerGivesTheSize(marker: UInt8) throws {
        let bytes = Headers.startOfImage + Headers.segment(0xC4, [0, 1, 2]) + Headers.segment(marker, Headers.frame(width: 8, height: 9))
        let read = try info(bytes)
        #expect(read.format == .jpeg && read.width == 8 && read.height == 9)
        #expect((read.notShownByBrowsers == nil) == (0xC0...0xC2).contains(marker), "browsers decode SOF0–SOF2 only")
    }

    @Test func jpegDamageIsReportedNotCrashedOn() {
        let start = Headers.startOfImage + [0xFF]
        #expect(message(Headers.startOfImage + [0xFF, 0xE0, 0x00])?.contains("cut short") == true)
        #expect(message(start + [0xE0, 0x00, 0x01])?.contains("impossible length") == true)
        #expect(message(Headers.startOfImage + Headers.segment(0xDA, [0, 0]))?.contains("image data starts before") == true)
        #expect(message(Headers.startOfImage + Headers.endOfImage)?.contains("ends before its frame header") == true)
        #expect(message(Headers.startOfImage + Headers.segment(0xE0, [0, 0]) + [0x12, 0x34])?.contains("no segment marker at byte 8") == true)
        #expect(message(Headers.startOfImage + Headers.segment(0xC0, Headers.frame(width: 5, height: 0)))?.contains("DNL") == true)
        #expect(message(Headers.startOfImage + Headers.segment(0xC0, [8, 0]))?.contains("too short") == true)
        // A segment whose length runs past the end of the file.
        #expect(message(Headers.startOfImage + [0xFF, 0xE1, 0xFF, 0xFF, 1, 2, 3])?.contains("cut short") == true)
    }

    @Test func jpegWalkGivesUpAfterItsSegmentLimit() {
        let empty = Headers.segment(0xFE, [])
        var bytes = Headers.startOfImage
        for _ in 0..<(JPEGHeader.maximumSegments + 1) { bytes += empty }
        bytes += Headers.segment(0xC0, Headers.frame(width: 1, height: 1))
        #expect(message(bytes)?.contains("no frame header in its first \(JPEGHeader.maximumSegments) segments") == true)
        // Fill bytes before a marker are no segments, however many: 1 MiB of them, then the frame.
        let filled = Headers.startOfImage + [UInt8](repeating: 0xFF, count: 1 << 20) + Headers.segment(0xC0, Headers.frame(width: 3, height: 2))
        #expect(message(filled) == nil)
    }

    @Test func formatsKnowTheirExtensionsAndTypes() {
        #expect(ImageFormat(fileExtension: "JPG") == .jpeg)
        #expect(ImageFormat(fileExtension: "jpeg") == .jpeg)
        #expect(ImageFormat(fileExtension: "jar") == nil)
        #expect(ImageFormat.allCases.map(\.mimeType) == ["image/png", "image/jpeg", "image/gif", "image/bmp"])
    }
}
