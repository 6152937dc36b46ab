/// BMP, read in-house (its header is simple, and AssetInspection already reads its size):
/// 1, 4 and 8 bits with a palette (also RLE8 and RLE4 compressed), 16, 24 and 32 bits
/// (with channel masks, and alpha where a mask gives it). Rows are read in chunks and
/// scaled as they come.
enum BMPDecoder {
    /// How many bytes of rows are read at a time.
    static let chunkBytes = 1 << 18

    static func decode(_ file: ImageFile, _ request: DecodeRequest) throws(ThumbnailError) -> DecodedImage {
        let layout = try BMPLayout(file)
        // Uncompressed rows the file cannot hold: cut short, told by arithmetic, before any size limit.
        if layout.compression != .rle8, layout.compression != .rle4 {
            let (rows, overflow) = Int64(layout.rowBytes).multipliedReportingOverflow(by: Int64(layout.height))
            let (end, past) = layout.pixelOffset.addingReportingOverflow(rows)
            if overflow || past || end > file.stamp.size { throw .cutShort }
        }
        let session = DecodeSession(request)
        guard session.checkSource(width: layout.width, height: layout.height),
              session.begin(rowsOfWidth: layout.width, height: layout.height)
        else { throw session.stopError }
        switch layout.compression {
        case .rle8, .rle4:
            var reader = BMPRunLengthReader(layout: layout, file: file, session: session)
            try reader.read()
        default:
            try readUncompressed(layout, file: file, session: session)
        }
        return try session.finish()
    }

    private static func readUncompressed(_ layout: BMPLayout, file: ImageFile, session: DecodeSession) throws(ThumbnailError) {
        let rowBytes = layout.rowBytes
        let rowsPerChunk = max(1, chunkBytes / rowBytes)
        let converter = BMPRowConverter(layout)
        var rgba = [UInt8](repeating: 0, count: layout.width * 4)
        var stored = 0
        while stored < layout.height {
            let rows = min(rowsPerChunk, layout.height - stored)
            let chunk = try file.read(at: layout.pixelOffset + Int64(stored) * Int64(rowBytes), length: rows * rowBytes)
            guard chunk.count == rows * rowBytes else { throw .cutShort }
            for row in 0..<rows {
                converter.convert(chunk, from: row * rowBytes, into: &rgba)
                let wanted = rgba.withUnsafeBufferPointer { buffer in
                    session.add(row: buffer.baseAddress!, y: layout.imageRow(stored + row), count: layout.width)
                }
                guard wanted else { throw session.stopError }
            }
            stored += rows
        }
    }
}

/// Turns one stored BMP row into RGBA pixels.
struct BMPRowConverter {
    let layout: BMPLayout
    /// For each mask: its shift and its largest value.
    private let channels: [(shift: UInt32, maximum: UInt32)]

    init(_ layout: BMPLayout) {
        self.layout = layout
        channels = layout.masks.map { mask in
            guard mask != 0 else { return (0, 0) }
            let shift = UInt32(mask.trailingZeroBitCount)
            return (shift, mask >> shift)
        }
    }

    func convert(_ bytes: [UInt8], from start: Int, into rgba: inout [UInt8]) {
        let width = layout.width
        switch layout.bitsPerPixel {
        case 1, 4, 8:
            let bits = layout.bitsPerPixel
            let perByte = 8 / bits
            let mask = (1 << bits) - 1
            for x in 0..<width {
                let byte = Int(bytes[start + x / perByte])
                let index = (byte >> ((perByte - 1 - x % perByte) * bits)) & mask
                setPalette(index, x: x, into: &rgba)
            }
        case 24:
            for x in 0..<width {
                let pixel = start + x * 3
                rgba[x * 4] = bytes[pixel + 2]
                rgba[x * 4 + 1] = bytes[pixel + 1]
                rgba[x * 4 + 2] = bytes[pixel]
                rgba[x * 4 + 3] = 255
            }
        default:
            let size = layout.bitsPerPixel / 8
            for x in 0..<width {
                let pixel = start + x * size
                var value = UInt32(bytes[pixel]) | UInt32(bytes[pixel + 1]) << 8
                if size == 4 { value |= UInt32(bytes[pixel + 2]) << 16 | UInt32(bytes[pixel + 3]) << 24 }
                for channel in 0..<4 {
                    let (shift, maximum) = channels[channel]
                    // In 64 bits: a mask of 25 bits or more (0xFFFFFFFF) times 255 overflows 32.
                    rgba[x * 4 + channel] = maximum == 0
                        ? (channel == 3 ? 255 : 0)
                        : UInt8((UInt64((value >> shift) & maximum) * 255 + UInt64(maximum / 2)) / UInt64(maximum))
                }
            }
        }
    }

    func setPalette(_ index: Int, x: Int, into rgba: inout [UInt8]) {
        for channel in 0..<4 { rgba[x * 4 + channel] = layout.palette[index * 4 + channel] }
    }
}
