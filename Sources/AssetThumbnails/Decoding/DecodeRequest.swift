/// What a decoder is asked for: the target size for a given source size, the limits, and a
/// way to learn that the result is no longer wanted.
struct DecodeRequest {
    /// The pixel size to scale an image of the given width and height to.
    let targetSize: (_ width: Int, _ height: Int) -> (width: Int, height: Int)
    let limits: DecodeLimits
    /// Asked between rows; true stops the decoding with `ThumbnailError.cancelled`.
    let isCancelled: () -> Bool
    /// For the damage check: also read what a preview does not show (an animated GIF's later
    /// frames), so that damage there is found too.
    var readsToEnd = false
}

/// An image decoded and scaled: its format and original size, and the scaled pixels.
public struct DecodedImage: Sendable, Equatable {
    public var sourceWidth: Int
    public var sourceHeight: Int
    public var image: RGBAImage
}
