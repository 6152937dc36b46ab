/// Reads a PNG's size from its first chunk, IHDR, and its Exif orientation from an eXIf chunk
/// before its pixels, without decoding the image.
enum PNGHeader {
    /// The eight bytes every PNG starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Signature (8), IHDR length (4) and type (4), width (4), height (4).
    private static let bytesNeeded = 24

    static func read(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let head = try source.readExactly(at: 0, length: bytesNeeded, for: "the PNG header")
        guard head.starts(with: signature) else {
            throw InspectionError("the PNG signature is damaged")
        }
        guard head.uint32BE(at: 8) == 13, Array(head[12..<16]) == Array("IHDR".utf8) else {
            throw InspectionError("the PNG does not start with an IHDR chunk, so its size is unknown")
        }
        guard let width = head.uint32BE(at: 16), let height = head.uint32BE(at: 20) else {
            throw InspectionError("the PNG header is cut short")
        }
        // The PNG specification allows 1 ... 2^31-1 for both.
        guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height) else {
            throw InspectionError("the PNG header gives an impossible size, \(width)×\(height) pixels")
        }
        var info = ImageInfo(format: .png, width: Int(width), height: Int(height))
        let orientation = exifOrientation(in: source)
        info.exifOrientation = orientation == 1 ? nil : orientation
        return info
    }

    /// The orientation of an eXIf chunk before the first IDAT, which browsers follow (Chromium
    /// and Safari, as the PNG specification's third edition asks), or nil. Reads the chunk
    /// headers only, up to 64 of them; a file cut short or damaged among them gives nil (the
    /// preview's decoding says what is wrong).
    private static func exifOrientation(in source: some ByteSource) -> Int? {
        var offset: Int64 = 8 + 8 + 13 + 4  // signature, then IHDR's length, type, data and CRC
        for _ in 0..<64 {
            guard let head = try? source.read(at: offset, length: 8), head.count == 8, let length = head.uint32BE(at: 0) else { return nil }
            switch String(decoding: head[4..<8], as: UTF8.self) {
            case "IDAT", "IEND": return nil
            case "eXIf":
                return (try? source.read(at: offset + 8, length: min(Int(length), ExifOrientation.readLength))).flatMap(ExifOrientation.value(inTIFF:))
            default: offset += 12 + Int64(length)
            }
        }
        return nil
    }
}
