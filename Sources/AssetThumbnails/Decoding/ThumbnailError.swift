/// Why an image cannot be previewed, as the end of "cannot preview: …".
public struct ThumbnailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line, lowercase start, no final period: "the file is cut short".
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    /// The file is not at its path (any more).
    public static let missingFile = ThumbnailError("the file is not there any more")

    /// The result was no longer wanted (a newer request came): nothing to show.
    public static let cancelled = ThumbnailError("cancelled")

    /// The file ends before its picture does.
    public static let cutShort = ThumbnailError("the file is cut short")

    /// Whether the file itself is broken (cut short, or its format's decoder found it
    /// damaged), rather than too large to preview, of a kind previews skip, or gone.
    public var isDamage: Bool { self == .cutShort || reason.contains(" is damaged (") }

    /// Whether the image is larger than the decode limits allow (`DecodeLimits.refusal`).
    public var isOverLimits: Bool { reason.hasSuffix(" a preview decodes") }
}
