/// Reads a PNG's size from its first chunk, IHDR, without decoding the image.
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
        return ImageInfo(format: .png, width: Int(width), height: Int(height))
    }
}
