/// What a BMP's headers say about its pixels: size, bits per pixel, compression, palette,
/// channel masks, and where the pixel data starts.
struct BMPLayout {
    enum Compression: UInt32 {
        case none = 0, rle8 = 1, rle4 = 2, bitfields = 3, jpeg = 4, png = 5, alphaBitfields = 6
    }

    var width: Int
    var height: Int
    /// Rows are stored top row first (a negative height in the header).
    var topDown: Bool
    var bitsPerPixel: Int
    var compression: Compression
    /// RGBA for each palette index (bit depths 1, 4 and 8).
    var palette: [UInt8]
    /// Red, green, blue and alpha masks (16 and 32 bits); an alpha mask of 0 means opaque.
    var masks: [UInt32]
    var pixelOffset: Int64

    /// Reads the headers from the first bytes of the file. What it refuses, browsers cannot show
    /// either: each refusal is `unshowable`, which an upload warns of.
    init(_ file: ImageFile) throws(ThumbnailError) {
        let head = try file.read(at: 0, length: 14 + 124 + 16)
        guard head.count >= 26 else { throw .cutShort }
        let infoSize = Int(Self.uint32(head, 14))
        pixelOffset = Int64(Self.uint32(head, 10))
        var paletteEntrySize = 4
        if infoSize == 12 {
            width = Int(Self.uint16(head, 18))
            height = Int(Self.uint16(head, 20))
            topDown = false
            bitsPerPixel = Int(Self.uint16(head, 24))
            compression = .none
            paletteEntrySize = 3
        } else {
            guard head.count >= 14 + 40 else { throw .cutShort }
            width = Int(Int32(bitPattern: Self.uint32(head, 18)))
            let rawHeight = Int32(bitPattern: Self.uint32(head, 22))
            topDown = rawHeight < 0
            height = Int(rawHeight.magnitude)
            bitsPerPixel = Int(Self.uint16(head, 28))
            guard let kind = Compression(rawValue: Self.uint32(head, 30)) else {
                throw ThumbnailError("the BMP uses an unknown compression (\(Self.uint32(head, 30)))", kind: .unshowable)
            }
            compression = kind
        }
        guard width > 0, height > 0 else {
            throw ThumbnailError("the BMP header gives an impossible size, \(width)×\(height) pixels", kind: .unshowable)
        }
        masks = Self.defaultMasks(bitsPerPixel: bitsPerPixel)
        palette = []
        switch compression {
        case .jpeg, .png:
            throw ThumbnailError("the BMP holds a \(compression == .jpeg ? "JPEG" : "PNG") inside, which BMP readers rarely support", kind: .unshowable)
        case .bitfields, .alphaBitfields:
            // Masks follow a 40-byte header, or sit inside the V2+ headers at the same place.
            let count = compression == .alphaBitfields || infoSize >= 56 ? 4 : 3
            guard head.count >= 54 + count * 4 else { throw .cutShort }
            masks = (0..<count).map { Self.uint32(head, 54 + $0 * 4) } + (count == 3 ? [0] : [])
        case .none, .rle8, .rle4:
            break
        }
        guard [1, 4, 8, 16, 24, 32].contains(bitsPerPixel) else {
            throw ThumbnailError("the BMP has \(bitsPerPixel) bits a pixel, which no BMP should", kind: .unshowable)
        }
        if compression == .rle8 && bitsPerPixel != 8 || compression == .rle4 && bitsPerPixel != 4 {
            throw ThumbnailError("the BMP's compression does not match its \(bitsPerPixel) bits a pixel", kind: .unshowable)
        }
        guard pixelOffset >= 14 + Int64(infoSize) else {
            throw ThumbnailError("the BMP's pixels would start at byte \(pixelOffset), inside its headers", kind: .unshowable)
        }
        if bitsPerPixel <= 8 {
            let colours = infoSize == 12 ? 0 : Int(Self.uint32(head, 46))
            let count = colours == 0 || colours > 1 << bitsPerPixel ? 1 << bitsPerPixel : colours
            var paletteStart = 14 + infoSize
            if infoSize == 40 && (compression == .bitfields || compression == .alphaBitfields) { paletteStart += 12 }
            let bytes = try file.read(at: Int64(paletteStart), length: count * paletteEntrySize)
            guard bytes.count == count * paletteEntrySize else { throw .cutShort }
            palette = [UInt8](repeating: 0, count: 256 * 4)
            for index in 0..<count {
                let entry = index * paletteEntrySize
                palette[index * 4] = bytes[entry + 2]
                palette[index * 4 + 1] = bytes[entry + 1]
                palette[index * 4 + 2] = bytes[entry]
                palette[index * 4 + 3] = 255
            }
        }
    }

    /// Bytes in one stored row of an uncompressed bitmap (rows are padded to 4 bytes).
    var rowBytes: Int { (bitsPerPixel * width + 31) / 32 * 4 }

    /// The image row a stored row (or an RLE line) is, counting from the first stored.
    func imageRow(_ storedRow: Int) -> Int { topDown ? storedRow : height - 1 - storedRow }

    /// 5-5-5 for 16 bits, 8-8-8 for 24 and 32 (whose fourth byte is not alpha by default).
    private static func defaultMasks(bitsPerPixel: Int) -> [UInt32] {
        bitsPerPixel == 16 ? [0x7C00, 0x03E0, 0x001F, 0] : [0x00FF_0000, 0x0000_FF00, 0x0000_00FF, 0]
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
