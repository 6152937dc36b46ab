/// Reads a GIF's size from its logical screen descriptor, without decoding the image.
enum GIFHeader {
    /// "GIF87a" or "GIF89a" (6), screen width (2, little-endian), screen height (2).
    private static let bytesNeeded = 10

    static func read(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let head = try source.readExactly(at: 0, length: bytesNeeded, for: "the GIF header")
        guard head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) else {
            throw InspectionError("the GIF signature is damaged")
        }
        guard let width = head.uint16LE(at: 6), let height = head.uint16LE(at: 8) else {
            throw InspectionError("the GIF header is cut short")
        }
        guard width > 0, height > 0 else {
            throw InspectionError("the GIF header gives an impossible size, \(width)×\(height) pixels")
        }
        return ImageInfo(format: .gif, width: Int(width), height: Int(height))
    }
}
