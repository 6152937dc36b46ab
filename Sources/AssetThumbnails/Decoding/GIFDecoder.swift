import CGiflib
import Glibc

/// GIF through giflib: the first frame only (an animation shows its opening picture), on a
/// transparent canvas of the logical screen's size, with the frame's transparent colour.
/// Rows are read one at a time (interlaced ones in their four passes), never the whole file.
enum GIFDecoder {
    /// The rows of an interlaced GIF: four passes, each a start row and a step.
    static let interlacePasses = [(0, 8), (4, 8), (2, 4), (1, 2)]

    static func decode(_ file: ImageFile, _ request: DecodeRequest) throws(ThumbnailError) -> DecodedImage {
        let reader = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        reader.initialize(to: file.descriptor)
        defer { reader.deallocate() }
        var error: Int32 = 0
        guard let gif = DGifOpen(reader, { gif, bytes, length in
            guard let gif, let bytes, length > 0 else { return 0 }
            let descriptor = gif.pointee.UserData.assumingMemoryBound(to: Int32.self).pointee
            var done = 0
            while done < Int(length) {
                let got = read(descriptor, bytes + done, Int(length) - done)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                done += got
            }
            return Int32(done)
        }, &error) else {
            // DGifOpen calls any failed read of the screen descriptor and its colour table "no
            // screen descriptor": a file that ends inside them is cut short, not damaged.
            if error == D_GIF_ERR_NO_SCRN_DSCR, endsInScreenDescriptor(file) { throw .cutShort }
            throw reason(error)
        }
        defer { DGifCloseFile(gif, nil) }
        var transparentIndex: Int?
        var decoded: DecodedImage?
        try readRecords(gif, endsWell: { decoded != nil }, control: { control in
            // Flags (bit 0: has a transparent colour), the delay (2 bytes), the transparent colour's index.
            if control[0] & 1 == 1 { transparentIndex = Int(control[3]) }
        }, image: { () throws(ThumbnailError) -> Bool in
            guard decoded == nil else {
                // A later frame (the damage check reads them all): its data read as it is.
                var codeSize: Int32 = 0
                var block: UnsafeMutablePointer<GifByteType>?
                guard DGifGetCode(gif, &codeSize, &block) == GIF_OK else { throw failure(of: gif) }
                while block != nil {
                    guard DGifGetCodeNext(gif, &block) == GIF_OK else { throw failure(of: gif) }
                }
                return true
            }
            decoded = try firstFrame(gif, transparentIndex: transparentIndex, request)
            // An animation cut short shows only its first frames: the damage check reads on.
            return request.readsToEnd
        })
        // Browsers show nothing for a GIF without a picture: as damaged as one cut short.
        guard let decoded else { throw ThumbnailError("the GIF has no picture in it", kind: .unshowable) }
        return decoded
    }

    /// Reads the records in order to the trailer: each image's descriptor, then `image`, which
    /// reads its data and says whether to go on; each extension, a graphics control's four
    /// bytes going to `control`. The file ending where a record would start is its end when
    /// `endsWell` says so (after a whole frame: browsers show a GIF without its trailer byte).
    private static func readRecords(
        _ gif: UnsafeMutablePointer<GifFileType>, endsWell: () -> Bool, control: ([UInt8]) -> Void,
        image: () throws(ThumbnailError) -> Bool
    ) throws(ThumbnailError) {
        while true {
            var record = UNDEFINED_RECORD_TYPE
            guard DGifGetRecordType(gif, &record) == GIF_OK else {
                if gif.pointee.Error == D_GIF_ERR_READ_FAILED, endsWell() { return }
                throw failure(of: gif)
            }
            switch record {
            case IMAGE_DESC_RECORD_TYPE:
                guard DGifGetImageDesc(gif) == GIF_OK else { throw failure(of: gif) }
                guard try image() else { return }
            case EXTENSION_RECORD_TYPE:
                var code: Int32 = 0
                var block: UnsafeMutablePointer<GifByteType>?
                guard DGifGetExtension(gif, &code, &block) == GIF_OK else { throw failure(of: gif) }
                if code == GRAPHICS_EXT_FUNC_CODE, let block, block[0] >= 4 { control(Array(UnsafeBufferPointer(start: block + 1, count: 4))) }
                while block != nil {
                    guard DGifGetExtensionNext(gif, &block) == GIF_OK else { throw failure(of: gif) }
                }
            case TERMINATE_RECORD_TYPE:
                return
            default:
                break
            }
        }
    }

    private static func firstFrame(
        _ gif: UnsafeMutablePointer<GifFileType>, transparentIndex: Int?, _ request: DecodeRequest
    ) throws(ThumbnailError) -> DecodedImage {
        let frame = gif.pointee.Image
        let left = Int(frame.Left), top = Int(frame.Top)
        let frameWidth = Int(frame.Width), frameHeight = Int(frame.Height)
        guard frameWidth > 0, frameHeight > 0 else { throw ThumbnailError("the GIF's first frame is empty") }
        // A screen smaller than its frame is a damaged header; show the whole frame.
        let width = max(Int(gif.pointee.SWidth), left + frameWidth)
        let height = max(Int(gif.pointee.SHeight), top + frameHeight)
        let session = DecodeSession(request)
        guard session.checkSource(width: width, height: height),
              session.begin(rowsOfWidth: width, height: height)
        else {
            // A frame far outside a small screen: its place, which the file says, not the sum.
            if width > Int(gif.pointee.SWidth) || height > Int(gif.pointee.SHeight), session.stopError.isOverLimits {
                throw ThumbnailError("the GIF's first frame, \(frameWidth)×\(frameHeight) at \(left),\(top), lies outside its "
                    + "\(gif.pointee.SWidth)×\(gif.pointee.SHeight) screen (browsers cut it to the screen)", kind: .unshowable)
            }
            throw session.stopError
        }
        guard let colourMap = frame.ColorMap ?? gif.pointee.SColorMap else {
            throw ThumbnailError("the GIF has no colour table")
        }
        var palette = [UInt8](repeating: 0, count: 256 * 4)
        for index in 0..<min(256, Int(colourMap.pointee.ColorCount)) {
            let colour = colourMap.pointee.Colors[index]
            palette[index * 4] = colour.Red
            palette[index * 4 + 1] = colour.Green
            palette[index * 4 + 2] = colour.Blue
            palette[index * 4 + 3] = index == transparentIndex ? 0 : 255
        }
        var indices = [GifPixelType](repeating: 0, count: frameWidth)
        var rgba = [UInt8](repeating: 0, count: frameWidth * 4)
        let rows: [Int] = frame.Interlace
            ? interlacePasses.flatMap { stride(from: $0.0, to: frameHeight, by: $0.1) }
            : Array(0..<frameHeight)
        for y in rows {
            guard DGifGetLine(gif, &indices, Int32(frameWidth)) == GIF_OK else { throw failure(of: gif) }
            for x in 0..<frameWidth {
                let slot = Int(indices[x]) * 4
                rgba[x * 4] = palette[slot]
                rgba[x * 4 + 1] = palette[slot + 1]
                rgba[x * 4 + 2] = palette[slot + 2]
                rgba[x * 4 + 3] = palette[slot + 3]
            }
            let wanted = rgba.withUnsafeBufferPointer { buffer in
                session.add(row: buffer.baseAddress!, y: top + y, first: left, count: frameWidth)
            }
            guard wanted else { throw session.stopError }
        }
        return try session.finish()
    }

    /// Whether the file ends before its screen descriptor (13 bytes) and global colour table do.
    private static func endsInScreenDescriptor(_ file: ImageFile) -> Bool {
        var head = [UInt8](repeating: 0, count: 13)
        guard pread(file.descriptor, &head, 13, 0) == 13 else { return true }
        let table = head[10] & 0x80 != 0 ? 3 << (Int(head[10] & 7) + 1) : 0
        return file.stamp.size < 13 + Int64(table)
    }

    /// What `gif`'s last error means: as `reason` says, but a read that failed before the file's
    /// end is damage, not a file cut short (giflib says "read failed" of an LZW code size over 8).
    private static func failure(of gif: UnsafeMutablePointer<GifFileType>) -> ThumbnailError {
        let code = gif.pointee.Error
        let descriptor = gif.pointee.UserData.assumingMemoryBound(to: Int32.self).pointee
        var info = stat()
        // (Records are read in order, as they come: the file's offset is where reading stopped.)
        if code == D_GIF_ERR_READ_FAILED || code == D_GIF_ERR_EOF_TOO_SOON, fstat(descriptor, &info) == 0,
           case let offset = lseek(descriptor, 0, SEEK_CUR), offset >= 0, offset < info.st_size {
            return ThumbnailError("the GIF is damaged (it does not read on from byte \(offset) of \(info.st_size))", kind: .damage)
        }
        return reason(code)
    }

    private static func reason(_ code: Int32) -> ThumbnailError {
        switch code {
        case D_GIF_ERR_READ_FAILED, D_GIF_ERR_EOF_TOO_SOON: return .cutShort
        default:
            let text = GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
            return ThumbnailError("the GIF is damaged (\(text))", kind: .damage)
        }
    }
}
