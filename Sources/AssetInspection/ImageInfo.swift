/// What an image's header says: its format and its size in pixels.
public struct ImageInfo: Codable, Sendable, Equatable {
    public var format: ImageFormat
    /// Width in pixels, at least 1.
    public var width: Int
    /// Height in pixels, at least 1.
    public var height: Int
    /// A JPEG's Exif orientation when it is not upright (2 to 8; see `ExifOrientation`):
    /// `width` and `height` are as stored, which is not how browsers show it.
    public var exifOrientation: Int?

    public init(format: ImageFormat, width: Int, height: Int, exifOrientation: Int? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.exifOrientation = exifOrientation
    }

    /// The warning that the image is shown turned or mirrored (its Exif orientation), if it is.
    public var orientationWarning: String? {
        exifOrientation.flatMap { ExifOrientation.warning($0, width: width, height: height) }
    }
}
