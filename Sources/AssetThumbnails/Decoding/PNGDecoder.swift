import CLibpng

/// PNG through libpng: any bit depth and colour type, palettes and `tRNS` transparency
/// expanded to RGBA; interlaced images pass by pass, never held whole.
enum PNGDecoder {
    static func decode(_ file: ImageFile, _ request: DecodeRequest) throws(ThumbnailError) -> DecodedImage {
        let session = DecodeSession(request)
        var message = [CChar](repeating: 0, count: 256)
        let status = cpng_decode(file.descriptor, session.context, { context, width, height, _ in
            let session = DecodeSession.from(context)
            guard session.checkSource(width: Int(width), height: Int(height)) else { return 1 }
            return session.begin(rowsOfWidth: Int(width), height: Int(height)) ? 0 : 1
        }, { context, rgba, y, first, step, count in
            DecodeSession.from(context).add(row: rgba!, y: Int(y), first: Int(first), step: Int(step), count: Int(count)) ? 0 : 1
        }, { context in
            DecodeSession.from(context).request.isCancelled() ? 1 : 0
        }, &message, message.count)
        switch status {
        case 0: return try session.finish()
        case 1: throw session.stopError
        default: throw reason(String(messageBuffer: message))
        }
    }

    /// libpng's message as a reason; the reader's own ("the file is cut short") as is.
    static func reason(_ message: String) -> ThumbnailError {
        if message.hasPrefix("the file") { return .fromReader(message) }
        return ThumbnailError("the PNG is damaged (\(message))", kind: .damage)
    }
}
