/// Reads RLE8 and RLE4 BMP pixel data: runs of one colour and literal stretches, line by
/// line, with escapes for end of line, end of bitmap and a jump ahead (pixels jumped over
/// stay transparent, as most viewers show them).
struct BMPRunLengthReader {
    let layout: BMPLayout
    let file: ImageFile
    let session: DecodeSession

    private var data: [UInt8] = []
    private var position = 0
    private var offset: Int64
    private var line: [UInt8]
    private var lineHasPixels = false

    init(layout: BMPLayout, file: ImageFile, session: DecodeSession) {
        self.layout = layout
        self.file = file
        self.session = session
        offset = layout.pixelOffset
        line = [UInt8](repeating: 0, count: layout.width * 4)
    }

    mutating func read() throws(ThumbnailError) {
        let converter = BMPRowConverter(layout)
        let nibbles = layout.compression == .rle4
        var x = 0
        var storedRow = 0
        while storedRow < layout.height {
            let count = Int(try next())
            let value = try next()
            if count > 0 {
                for index in 0..<count where x < layout.width {
                    let colour = nibbles ? Int(index % 2 == 0 ? value >> 4 : value & 0x0F) : Int(value)
                    converter.setPalette(colour, x: x, into: &line)
                    x += 1
                }
                lineHasPixels = true
                continue
            }
            switch value {
            case 0:  // end of line
                try emit(storedRow)
                storedRow += 1
                x = 0
            case 1:  // end of bitmap
                try emit(storedRow)
                return
            case 2:  // jump right and down
                let right = Int(try next()), down = Int(try next())
                for _ in 0..<down where storedRow < layout.height {
                    try emit(storedRow)
                    storedRow += 1
                }
                x += right
            default:  // a literal stretch of `value` pixels, padded to an even number of bytes
                let pixels = Int(value)
                let bytes = nibbles ? (pixels + 1) / 2 : pixels
                var stored: [UInt8] = []
                for _ in 0..<bytes { stored.append(try next()) }
                if bytes % 2 == 1 { _ = try next() }
                for index in 0..<pixels where x < layout.width {
                    let colour = nibbles
                        ? Int(index % 2 == 0 ? stored[index / 2] >> 4 : stored[index / 2] & 0x0F)
                        : Int(stored[index])
                    converter.setPalette(colour, x: x, into: &line)
                    x += 1
                }
                lineHasPixels = true
            }
        }
    }

    /// Hands the current line to the canvas and clears it.
    private mutating func emit(_ storedRow: Int) throws(ThumbnailError) {
        guard storedRow < layout.height else { return }
        if lineHasPixels {
            let y = layout.imageRow(storedRow)
            let wanted = line.withUnsafeBufferPointer { buffer in
                session.add(row: buffer.baseAddress!, y: y, count: layout.width)
            }
            guard wanted else { throw session.stopError }
            for index in line.indices { line[index] = 0 }
            lineHasPixels = false
        } else if session.request.isCancelled() {
            throw ThumbnailError.cancelled
        }
    }

    private mutating func next() throws(ThumbnailError) -> UInt8 {
        if position == data.count {
            // Jumps of nought (`00 02 00 00`) end no line, so `emit` may not ask for a long while:
            // 400 MB of them held a thread 12 s after the file was left.
            if session.request.isCancelled() { throw .cancelled }
            // Four bytes a pixel (a jump of one over each), and a line's end and a jump down a row,
            // at most: more is no encoder's (400 MB of them took 12 s of a check that would say "damaged").
            let most = Int64(layout.width) * Int64(layout.height) * 4 + Int64(layout.height) * 8 + 64
            let consumed = offset - layout.pixelOffset
            guard consumed < most else { throw ThumbnailError("the BMP is damaged (its run-length data goes on past every pixel)", kind: .damage) }
            data = try file.read(at: offset, length: Int(min(Int64(BMPDecoder.chunkBytes), most - consumed)))
            guard !data.isEmpty else { throw .cutShort }
            offset += Int64(data.count)
            position = 0
        }
        defer { position += 1 }
        return data[position]
    }
}
