/// Why an image cannot be previewed, as the end of "cannot preview: …".
public struct ThumbnailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of reason it is, set where the error is made: what an upload warns of
    /// depends on it (`ImageDamageCheck`).
    public enum Kind: Sendable {
        /// The file itself is broken: cut short, or its format's decoder found it damaged.
        case damage
        /// The file is of a kind no browser shows, told from its header (a BMP with 64 bits a
        /// pixel, a GIF without a picture): broken for Marketplace's pages too, though nothing is cut.
        case unshowable
        /// The image is larger than the decode limits allow (`DecodeLimits`, libjpeg's memory).
        case overLimits
        /// Anything else: of a kind previews skip, gone, no room, cancelled.
        case other
    }

    /// One line, lowercase start, no final period: "the file is cut short".
    public var reason: String
    public var kind: Kind

    public init(_ reason: String, kind: Kind = .other) {
        self.reason = reason
        self.kind = kind
    }

    public var description: String { reason }

    /// Two errors are the same when they say the same.
    public static func == (left: ThumbnailError, right: ThumbnailError) -> Bool { left.reason == right.reason }

    /// The file is not at its path (any more).
    public static let missingFile = ThumbnailError("the file is not there any more")

    /// The result was no longer wanted (a newer request came): nothing to show.
    public static let cancelled = ThumbnailError("cancelled")

    /// The file ends before its picture does.
    public static let cutShort = ThumbnailError("the file is cut short", kind: .damage)

    /// `reason` from a decoder's read callback: the reader's own words ("the file is cut
    /// short") as they are, their kind kept.
    static func fromReader(_ reason: String) -> ThumbnailError {
        reason == cutShort.reason ? cutShort : ThumbnailError(reason)
    }

    /// Whether the file itself is broken, rather than too large to preview, of a kind
    /// previews skip, or gone.
    public var isDamage: Bool { kind == .damage || kind == .unshowable }

    /// Whether the image is larger than the decode limits allow.
    public var isOverLimits: Bool { kind == .overLimits }
}
