import CLibjpeg

/// JPEG through libjpeg-turbo, decoded at 1/2, 1/4 or 1/8 of its size when that is still at
/// least the target size: the scaled inverse DCT does the shrinking, so a 6000×4000 photo
/// costs about what a 750×500 one does. CMYK (Adobe's inverted kind) becomes RGB.
enum JPEGDecoder {
    static func decode(_ file: ImageFile, _ request: DecodeRequest) throws(ThumbnailError) -> DecodedImage {
        let session = DecodeSession(request)
        var message = [CChar](repeating: 0, count: 256)
        defer { if session.holdsProgressiveJPEGTurn { ProgressiveJPEGTurn.give() } }
        let status = cjpeg_decode(file.descriptor, request.limits.jpegMemory, session.context, { context, width, height, progressive, denominator in
            let session = DecodeSession.from(context)
            // The pixel limit applies to the decoded (scaled) size, checked in `begin`.
            guard session.checkSource(width: Int(width), height: Int(height), limited: false) else { return 1 }
            if progressive != 0 {
                guard ProgressiveJPEGTurn.take(isCancelled: session.request.isCancelled) else { return 1 }
                session.holdsProgressiveJPEGTurn = true
            }
            let target = session.request.targetSize(Int(width), Int(height))
            denominator!.pointee = UInt32(JPEGDecoder.scaleDenominator(width: Int(width), height: Int(height), target: target))
            return 0
        }, { context, width, height in
            DecodeSession.from(context).begin(rowsOfWidth: Int(width), height: Int(height)) ? 0 : 1
        }, { context, rgba, y, width in
            DecodeSession.from(context).add(row: rgba!, y: Int(y), count: Int(width)) ? 0 : 1
        }, &message, message.count)
        switch status {
        case 0: return try session.finish()
        case 1: throw session.stopError
        default: throw reason(String(messageBuffer: message), limits: request.limits)
        }
    }

    /// The largest of 8, 4, 2 and 1 that still decodes at least `target`'s size, or the image's
    /// own where it is smaller (a strip 1 pixel wide and 65,000 high decodes at 1/8, 1×8,125).
    static func scaleDenominator(width: Int, height: Int, target: (width: Int, height: Int)) -> Int {
        for denominator in [8, 4, 2] {
            let scaledWidth = (width + denominator - 1) / denominator
            let scaledHeight = (height + denominator - 1) / denominator
            if scaledWidth >= min(target.width, width) && scaledHeight >= min(target.height, height) { return denominator }
        }
        return 1
    }

    /// How the shim's refusal of a JPEG of too many scans ends (`CJPEG_MAX_SCANS`).
    private static let cjpegScanLimitSuffix = "scans, where an image has about ten"

    static func reason(_ message: String, limits: DecodeLimits) -> ThumbnailError {
        if message.hasPrefix("the file") { return .fromReader(message) }
        if message.contains("Backing store not supported") || message.contains("Insufficient memory") {
            return ThumbnailError("decoding it needs more than the \(limits.jpegMemory >> 20) MiB a preview may use "
                                  + "(a progressive JPEG keeps every coefficient of the image)", kind: .overLimits)
        }
        // A limit of the preview's, as the memory one: valid JPEGs may have more (it is read before the first row).
        if message.hasSuffix(cjpegScanLimitSuffix) {
            return ThumbnailError(message, kind: .overLimits)
        }
        // Valid codings libjpeg does not decode: no damage. A lossless or arithmetic one the
        // header's facts already name (`JPEGHeader`); the precision they do not.
        if message.hasPrefix("Unsupported JPEG process") {
            return ThumbnailError("the JPEG uses a coding this preview does not decode (\(message))")
        }
        if message.hasPrefix("Unsupported JPEG data precision") {
            return ThumbnailError("the JPEG has samples of more than 8 bits, which browsers do not decode (\(message))", kind: .unshowable)
        }
        return ThumbnailError("the JPEG is damaged (\(message))", kind: .damage)
    }
}
