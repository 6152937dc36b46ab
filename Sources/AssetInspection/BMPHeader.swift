/// Reads a BMP's size from its info header, without decoding the image.
///
/// Handles the OS/2 1.x core header (12 bytes, unsigned 16-bit sizes) and every later
/// header (BITMAPINFOHEADER and its successors, signed 32-bit sizes, where a negative
/// height marks a top-down bitmap).
enum BMPHeader {
    /// Info header sizes in use: OS/2 core (12), OS/2 2.x short (16) and full (64),
    /// BITMAPINFOHEADER (40), its V2/V3 variants (52, 56), V4 (108) and V5 (124).
    static let knownInfoHeaderSizes: Set<UInt32> = [12, 16, 40, 52, 56, 64, 108, 124]

    /// File header (14), info header size (4), then at most width and height (4 + 4).
    private static let bytesNeeded = 26

    static func read(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let head = try source.read(at: 0, length: bytesNeeded)
        guard head.starts(with: Array("BM".utf8)) else {
            throw InspectionError("the BMP signature is damaged")
        }
        guard let infoSize = head.uint32LE(at: 14) else {
            throw InspectionError("the BMP header is cut short: the file ends after \(source.count) bytes")
        }
        guard knownInfoHeaderSizes.contains(infoSize) else {
            throw InspectionError("the BMP info header has an unknown size (\(infoSize) bytes)")
        }
        if infoSize == 12 {
            guard let width = head.uint16LE(at: 18), let height = head.uint16LE(at: 20) else {
                throw InspectionError("the BMP header is cut short: the file ends after \(source.count) bytes")
            }
            guard width > 0, height > 0 else {
                throw InspectionError("the BMP header gives an impossible size, \(width)×\(height) pixels")
            }
            return ImageInfo(format: .bmp, width: Int(width), height: Int(height))
        }
        guard let rawWidth = head.uint32LE(at: 18), let rawHeight = head.uint32LE(at: 22) else {
            throw InspectionError("the BMP header is cut short: the file ends after \(source.count) bytes")
        }
        let width = Int32(bitPattern: rawWidth)
        let height = Int32(bitPattern: rawHeight)
        // Int32.min has no positive counterpart; a width is never negative.
        guard width > 0, height != 0, height != .min else {
            throw InspectionError("the BMP header gives an impossible size, \(width)×\(height) pixels")
        }
        return ImageInfo(format: .bmp, width: Int(width), height: Int(height.magnitude))
    }
}
