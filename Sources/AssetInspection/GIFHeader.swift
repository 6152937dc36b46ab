/// Reads a GIF's size from its logical screen descriptor and its first frame's image
/// descriptor, without decoding the image.
enum GIFHeader {
    /// "GIF87a" or "GIF89a" (6), screen width (2, little-endian), screen height (2), flags,
    /// background colour, aspect ratio.
    private static let screenBytes = 13

    /// The size is the screen's, or the first frame's reach where that is larger (a screen
    /// written too small): browsers (Chrome's Wuffs, Firefox) and Java's ImageIO show the whole
    /// frame, and so does the thumbnail.
    static func read(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let head = try source.read(at: 0, length: screenBytes)
        guard head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) else {
            throw InspectionError(head.count < 6 ? "the GIF header is cut short" : "the GIF signature is damaged")
        }
        guard let screenWidth = head.uint16LE(at: 6), let screenHeight = head.uint16LE(at: 8) else {
            throw InspectionError("the GIF header is cut short")
        }
        var width = Int(screenWidth), height = Int(screenHeight)
        // (Not a frame placed outside the screen, `left` 65000: the thumbnail says it lies outside.)
        if head.count == screenBytes, let frame = firstFrame(in: source, flags: head[10]), frame.left < max(width, 1), frame.top < max(height, 1) {
            width = max(width, frame.right)
            height = max(height, frame.bottom)
        }
        guard width > 0, height > 0 else {
            throw InspectionError("the GIF header gives an impossible size, \(width)×\(height) pixels")
        }
        return ImageInfo(format: .gif, width: width, height: height)
    }

    /// Where the first frame starts and ends (its left plus width, its top plus height), found
    /// past the global colour table and the extensions before it; `nil` when the file has none as
    /// far as it goes, or the search passes 1 MiB (a comment that long is no image's).
    private static func firstFrame(in source: some ByteSource, flags: UInt8) -> (left: Int, top: Int, right: Int, bottom: Int)? {
        var offset = Int64(screenBytes) + (flags & 0x80 != 0 ? 3 << (Int64(flags & 0x07) + 1) : 0)
        let end = min(source.count, 1 << 20)
        while offset < end {
            guard let block = try? source.read(at: offset, length: 10), let kind = block.first else { return nil }
            switch kind {
            case 0x2C:  // an image descriptor: left, top, width, height
                guard let left = block.uint16LE(at: 1), let top = block.uint16LE(at: 3),
                      let width = block.uint16LE(at: 5), let height = block.uint16LE(at: 7) else { return nil }
                return (Int(left), Int(top), Int(left) + Int(width), Int(top) + Int(height))
            case 0x21:  // an extension: its label, then sub-blocks, each its size then its bytes, to a size of 0
                offset += 2
                while true {
                    guard offset < end, let size = try? source.read(at: offset, length: 1).first else { return nil }
                    offset += 1 + Int64(size)
                    if size == 0 { break }
                }
            default:  // the trailer, or damage
                return nil
            }
        }
        return nil
    }
}
