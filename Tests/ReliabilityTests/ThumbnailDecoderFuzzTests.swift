import AssetThumbnails
import Foundation
import PropertyBased
import Testing
import TestSupport

/// The thumbnail decoders read every row of a file a user browses to (the Details pane) or
/// uploads (the damage check): damaged or hostile files of each format give an image or a
/// one-line `ThumbnailError`, never a crash.
@Suite("Fuzz: thumbnail decoders", .ownThreads, .timeLimit(.minutes(FuzzMaterial.timeLimitMinutes)))
struct ThumbnailDecoderFuzzTests {
    /// The decoding tests' fixtures: one small image of each format and kind.
    static let samples: [[UInt8]] = [
        "quadrants.png", "quadrants-interlaced.png", "gray16.png", "palette-trns.png", "quadrants.jpg", "progressive.jpg",
        "cmyk.jpg", "animated.gif", "interlaced.gif", "quadrants-1.bmp", "quadrants-8.bmp", "quadrants-24.bmp",
        "quadrants-32-alpha.bmp", "quadrants-rle8.bmp",
    ].map { name in
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AssetThumbnailsTests/Fixtures")
        return Array((try? Data(contentsOf: fixtures.appendingPathComponent(name))) ?? Data())
    }

    /// Decodes `bytes` from a file, as the Details pane and the damage check do.
    private func decode(_ bytes: [UInt8], in folder: TemporaryFolder) {
        let path = folder.file("image")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        do {
            let decoded = try ThumbnailMaker.pixels(path: path, fitting: 8, 8)
            #expect(decoded.image.width > 0 && decoded.image.height > 0)
        } catch {
            #expect(!error.reason.isEmpty && !error.reason.contains("\n"))
        }
        if let warning = ImageDamageCheck.warning(path: path) { #expect(!warning.contains("\n")) }
    }

    @Test("mutated files of every format: an image or a one-line reason")
    func mutatedFiles() async throws {
        #expect(Self.samples.allSatisfy { !$0.isEmpty })
        let folder = try TemporaryFolder(inMemory: true)
        defer { folder.remove() }
        await propertyCheck(count: FuzzMaterial.cases(2000), input: FuzzMaterial.mutations(of: Self.samples)) { bytes in
            decode(bytes, in: folder)
        }
    }

    @Test("headers with random bytes at random places: an image or a one-line reason")
    func mutatedHeaders() async throws {
        let folder = try TemporaryFolder(inMemory: true)
        defer { folder.remove() }
        // Sizes, bit depths, compressions, palettes and BMP channel masks all sit in the first bytes.
        let mutation = zip(Gen.int(in: 0...(Self.samples.count - 1)), Gen.int(in: 0...159).array(of: 1...6), Gen.uint8().array(of: 6))
        await propertyCheck(count: FuzzMaterial.cases(3000), input: mutation) { index, positions, values in
            var bytes = Self.samples[index]
            for (position, value) in zip(positions, values) where position < bytes.count { bytes[position] = value }
            decode(bytes, in: folder)
        }
    }

    @Test("BMP channel masks of any value, 0xFFFFFFFF among them: an image or a one-line reason")
    func bitmapMasks() async throws {
        let folder = try TemporaryFolder(inMemory: true)
        defer { folder.remove() }
        let values: [UInt32] = [0, 1, 0xFF, 0xFF00_00FF, 0x00FF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 0x0F0F_0F0F]
        let masks = Gen<UInt32?>.element(of: values).map { $0! }.array(of: 4)
        await propertyCheck(count: FuzzMaterial.cases(300), input: masks, Gen<Int?>.element(of: [16, 32])) { masks, bits in
            decode(Self.bitmap(masks: masks, bitsPerPixel: bits!), in: folder)
        }
    }

    /// A 4×4 BMP with a BITMAPV4 header (so four masks) of BI_BITFIELDS, its pixels all 0x80.
    static func bitmap(masks: [UInt32], bitsPerPixel: Int) -> [UInt8] {
        func le(_ value: UInt32, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let infoSize = 108, width = 4, height = 4
        let rowBytes = (bitsPerPixel * width + 31) / 32 * 4
        let offset = 14 + infoSize
        var info = le(UInt32(infoSize), 4) + le(UInt32(width), 4) + le(UInt32(height), 4) + le(1, 2) + le(UInt32(bitsPerPixel), 2)
        info += le(3, 4) + le(UInt32(rowBytes * height), 4) + le(2835, 4) + le(2835, 4) + le(0, 4) + le(0, 4)
        info += masks.flatMap { le($0, 4) }
        info += [UInt8](repeating: 0, count: infoSize - info.count)
        let pixels = [UInt8](repeating: 0x80, count: rowBytes * height)
        return Array("BM".utf8) + le(UInt32(offset + pixels.count), 4) + le(0, 4) + le(UInt32(offset), 4) + info + pixels
    }
}
