/// One decoding in progress, shared with the C callbacks of libpng and libjpeg through an
/// opaque pointer: the size checks, the scaling canvas the rows go into, and why it stopped.
final class DecodeSession {
    let request: DecodeRequest
    private(set) var canvas: ScalingCanvas?
    private(set) var sourceWidth = 0
    private(set) var sourceHeight = 0
    /// Why the decoding stopped early, when a check (not the library) stopped it.
    private(set) var stop: ThumbnailError?
    /// Whether this decoding holds the process's `ProgressiveJPEGTurn`, to give back at its end.
    var holdsProgressiveJPEGTurn = false

    init(_ request: DecodeRequest) {
        self.request = request
    }

    /// The header's size: checks it, and (when `limited`) its pixel count against the
    /// limits. False (with `stop` set) refuses it.
    func checkSource(width: Int, height: Int, limited: Bool = true) -> Bool {
        guard width > 0, height > 0 else {
            stop = ThumbnailError("the image claims an impossible size, \(width)×\(height) pixels")
            return false
        }
        sourceWidth = width
        sourceHeight = height
        if limited, let refusal = request.limits.refusal(width: width, height: height) {
            stop = refusal
            return false
        }
        return true
    }

    /// Starts the canvas for rows of `width`×`height` pixels (the source's size, or a JPEG's
    /// scaled size), scaled to the request's target for the source's size.
    func begin(rowsOfWidth width: Int, height: Int) -> Bool {
        if let refusal = request.limits.refusal(width: width, height: height) {
            // A JPEG decoded at a fraction and still too large: its own size first, not only the scaled one.
            let (longest, scaled) = (max(sourceWidth, sourceHeight), max(width, height, 1))
            let scale = (longest + scaled - 1) / scaled
            stop = scale > 1 ? ThumbnailError("a \(sourceWidth)×\(sourceHeight) image, decoded at 1/\(scale): " + refusal.reason, kind: refusal.kind) : refusal
            return false
        }
        let target = request.targetSize(sourceWidth, sourceHeight)
        canvas = ScalingCanvas(sourceWidth: width, sourceHeight: height,
                               width: max(1, target.width), height: max(1, target.height))
        return true
    }

    /// Adds a decoded row; false when the result is no longer wanted.
    func add(row: UnsafePointer<UInt8>, y: Int, first: Int = 0, step: Int = 1, count: Int) -> Bool {
        if request.isCancelled() {
            stop = .cancelled
            return false
        }
        canvas?.add(row: row, y: y, first: first, step: step, count: count)
        return true
    }

    /// The decoded image, once every row has come.
    func finish() throws(ThumbnailError) -> DecodedImage {
        guard let canvas else { throw stop ?? ThumbnailError("the image has no pixels") }
        return DecodedImage(sourceWidth: sourceWidth, sourceHeight: sourceHeight, image: canvas.image())
    }

    /// The error for a decoding that a callback stopped.
    var stopError: ThumbnailError { stop ?? .cancelled }

    /// A pointer for C callbacks; valid while `self` is alive.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> DecodeSession {
        Unmanaged<DecodeSession>.fromOpaque(context!).takeUnretainedValue()
    }
}
