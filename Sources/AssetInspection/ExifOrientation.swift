/// The orientation an Exif block (a JPEG's APP1 segment, a PNG's eXIf chunk) gives its image: tag 0x0112 of IFD0,
/// 1 (upright) to 8. Cameras and phones store a photo as the sensor saw it and say with this
/// tag how to turn it; browsers follow it, so a stored 548×1120 with orientation 6 is shown
/// as 1120×548. Every read is bounds-checked: damaged Exif gives no orientation, never an error.
package enum ExifOrientation {
    /// Whether `orientation` (1 to 8) shows the image a quarter turned (5 to 8): its shown
    /// width is its stored height.
    package static func isQuarterTurn(_ orientation: Int) -> Bool { (5...8).contains(orientation) }

    /// `width` × `height` as shown when `quarterTurned` (swapped), or as stored; the swap is its
    /// own inverse, so this also gives the stored size of a shown one.
    package static func shown(width: Int, height: Int, quarterTurned: Bool) -> (width: Int, height: Int) {
        quarterTurned ? (height, width) : (width, height)
    }

    /// The APP1 payload's start: `Exif` and two NULs, then a TIFF header.
    static let signature: [UInt8] = Array("Exif".utf8) + [0, 0]

    /// How many bytes of an APP1 segment are read: IFD0, with its orientation, comes first.
    static let readLength = 4096

    /// The orientation in `segment` (the APP1 payload after its length), or nil.
    static func value(in segment: [UInt8]) -> Int? {
        guard segment.starts(with: signature) else { return nil }
        return value(inTIFF: Array(segment.dropFirst(signature.count)))
    }

    /// The orientation in a TIFF block (a PNG's eXIf chunk, or an APP1 payload past `Exif`), or nil.
    static func value(inTIFF tiff: [UInt8]) -> Int? {
        let littleEndian: Bool
        switch (tiff.first, tiff.dropFirst().first) {
        case (0x49, 0x49): littleEndian = true   // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        func u16(_ at: Int) -> Int? { (littleEndian ? tiff.uint16LE(at: at) : tiff.uint16BE(at: at)).map(Int.init) }
        func u32(_ at: Int) -> Int? { (littleEndian ? tiff.uint32LE(at: at) : tiff.uint32BE(at: at)).map(Int.init) }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            // SHORT (type 3), one value, held in the entry's first two value bytes.
            if tag == 0x0112, u16(at + 2) == 3, let value = u16(at + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// The warning for an orientation other than upright, for an image stored `width`×`height`.
    static func warning(_ orientation: Int, width: Int, height: Int) -> String? {
        guard orientation != 1 else { return nil }
        // (A square one turned a quarter keeps its size: only how it looks is said.)
        let turned = width == height ? "" : ", as \(height)×\(width)"
        let turn = switch orientation {
        case 2: "mirrored"
        case 3: "turned upside down"
        case 4: "mirrored upside down"
        case 5, 7: "turned a quarter and mirrored\(turned)"
        default: "turned a quarter\(turned)"
        }
        let sizes = width == height || [2, 3, 4].contains(orientation) ? "" : "the sizes here are as stored, \(width)×\(height), and "
        return "its Exif orientation (\(orientation)) has viewers that follow it, browsers among them, show it \(turn); "
            + "\(sizes)Marketplace may show it either way: save it upright, without the tag"
    }
}
