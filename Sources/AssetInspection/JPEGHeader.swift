/// Reads a JPEG's size from its frame header (SOFn), without decoding the image.
///
/// The segments before the frame header (APPn metadata such as Exif and ICC profiles,
/// quantisation and Huffman tables) are skipped by their length fields, so only a few
/// bytes of each are read. The walk stops after ``maximumSegments`` segments, so damaged
/// data can never keep it going.
enum JPEGHeader {
    /// How many segments are walked before giving up: far more than any encoder writes
    /// (`djpeg` reads 5,000 empty ones), walked in a fraction of a second (0.36 s in all, debug, 2026-12-07).
    static let maximumSegments = 65_536

    /// Bytes read at a time when looking for the next marker (0xFF fill bytes, then the code).
    private static let markerWindow = 16

    static func read(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let start = try source.readExactly(at: 0, length: 2, for: "the JPEG header")
        guard start == [0xFF, 0xD8] else {
            throw InspectionError("the JPEG signature is damaged")
        }
        var offset: Int64 = 2
        var orientation: Int?
        let cutShort = InspectionError("the JPEG is cut short: the file ends after \(source.count) bytes, before its frame header")
        for _ in 0..<maximumSegments {
            var window = try source.read(at: offset, length: markerWindow)
            guard let first = window.first else { throw cutShort }
            guard first == 0xFF else {
                throw InspectionError("the JPEG is damaged: no segment marker at byte \(offset)")
            }
            // A marker may be preceded by any number of 0xFF fill bytes: no segments, read past a page at a time.
            while window.allSatisfy({ $0 == 0xFF }) {
                offset += Int64(window.count)
                window = try source.read(at: offset, length: 4096)
                guard !window.isEmpty else { throw cutShort }
            }
            let codeIndex = window.firstIndex { $0 != 0xFF }!  // (there is one: the loop ended)
            let code = window[codeIndex]
            offset += Int64(codeIndex) + 1
            switch code {
            case 0xD9:
                throw InspectionError("the JPEG ends before its frame header, so its size is unknown")
            case 0xDA:
                throw InspectionError("the JPEG's image data starts before its frame header, so its size is unknown")
            case 0x01, 0xD0...0xD8:
                continue  // TEM, RSTn and SOI stand alone: no length follows.
            case 0x00:
                throw InspectionError("the JPEG is damaged: no segment marker at byte \(offset - 2)")
            default:
                break
            }
            let lengthBytes = try source.readExactly(at: offset, length: 2, for: "the JPEG segment at byte \(offset)")
            guard let length = lengthBytes.uint16BE(at: 0), length >= 2 else {
                throw InspectionError("the JPEG is damaged: a segment at byte \(offset) has an impossible length")
            }
            if isStartOfFrame(code) {
                var info = try frameSize(from: source, at: offset, length: length)
                info.exifOrientation = orientation == 1 ? nil : orientation
                info.notShownByBrowsers = unsupportedCoding(code)
                return info
            }
            if code == 0xE1, orientation == nil {
                orientation = ExifOrientation.value(in: try source.read(at: offset + 2, length: min(Int(length) - 2, ExifOrientation.readLength)))
            }
            offset += Int64(length)
        }
        throw InspectionError("the JPEG has no frame header in its first \(maximumSegments) segments")
    }

    /// What browsers cannot decode in a frame of type `code`: they read baseline, extended and
    /// progressive Huffman coding (SOF0–SOF2) only.
    static func unsupportedCoding(_ code: UInt8) -> String? {
        switch code {
        case 0xC0...0xC2: nil
        case 0xC9...0xCB, 0xCD...0xCF: "arithmetic coding"
        case 0xC3: "lossless coding"
        default: "hierarchical coding"
        }
    }

    /// SOF0...SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    static func isStartOfFrame(_ code: UInt8) -> Bool {
        (0xC0...0xCF).contains(code) && code != 0xC4 && code != 0xC8 && code != 0xCC
    }

    /// Width and height from a frame header whose length field is at `offset`:
    /// length (2), sample precision (1), height (2), width (2).
    private static func frameSize(from source: some ByteSource, at offset: Int64, length: UInt16) throws(InspectionError) -> ImageInfo {
        guard length >= 8 else {
            throw InspectionError("the JPEG frame header is too short (\(length) bytes)")
        }
        let frame = try source.readExactly(at: offset, length: 7, for: "the JPEG frame header")
        guard let height = frame.uint16BE(at: 3), let width = frame.uint16BE(at: 5) else {
            throw InspectionError("the JPEG frame header is cut short")
        }
        guard height > 0 else {
            throw InspectionError("the JPEG gives its height only after the image data (DNL), which is not supported")
        }
        guard width > 0 else {
            throw InspectionError("the JPEG frame header gives an impossible width of 0 pixels")
        }
        return ImageInfo(format: .jpeg, width: Int(width), height: Int(height))
    }
}
