/// What an image's header says: its format and its size in pixels.
public struct ImageInfo: Codable, Sendable, Equatable {
    public var format: ImageFormat
    /// Width in pixels, at least 1.
    public var width: Int
    /// Height in pixels, at least 1.
    public var height: Int
    /// A JPEG's or PNG's Exif orientation when it is not upright (2 to 8; see `ExifOrientation`):
    /// `width` and `height` are as stored, which is not how browsers show it.
    public var exifOrientation: Int?
    /// For a JPEG coded in a way browsers do not decode (`arithmetic coding`, `lossless coding`,
    /// `hierarchical coding`; libjpeg-turbo reads some of them): which.
    public var notShownByBrowsers: String?

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The warning that browsers, and so Marketplace's pages, would show the image broken, if they would.
    public var browserWarning: String? {
        notShownByBrowsers.map { "it is a JPEG with \($0), which browsers do not decode: Marketplace would show it broken; save it as a baseline or progressive JPEG" }
    }

    /// Whether browsers show it a quarter turned (Exif orientation 5 to 8): `height` wide.
    public var isQuarterTurned: Bool { exifOrientation.map(ExifOrientation.isQuarterTurn) ?? false }

    /// The warning that the image is shown turned or mirrored (its Exif orientation), if it is.
    public var orientationWarning: String? {
        exifOrientation.flatMap { ExifOrientation.warning($0, width: width, height: height) }
    }
}
