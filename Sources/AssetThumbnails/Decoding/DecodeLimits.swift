/// How much an image may cost to preview.
///
/// Rows are scaled as they are decoded, so memory stays small for any image the limits let
/// through; the pixel limit bounds the time (every pixel is still decompressed), and a
/// "decompression bomb" (a tiny file that claims 20,000×20,000 pixels) is refused from its
/// header before a row is read.
public struct DecodeLimits: Sendable, Equatable {
    /// The most pixels an image may have (for a JPEG: after its scaled decoding).
    public var maxPixels: Int
    /// The most pixels a side may have: scaling keeps a span per source row and column, and
    /// a decoder a row, so a 49,000,000×1 PNG of 143 KB took 1.3 GB within `maxPixels`.
    public var maxSide = 32_768
    /// The most memory libjpeg may use for its own buffers. A progressive JPEG keeps the
    /// coefficients of the whole image (about 3 bytes a pixel), so this bounds its size.
    public var jpegMemory: Int

    public init(maxPixels: Int, jpegMemory: Int) {
        self.maxPixels = maxPixels
        self.jpegMemory = jpegMemory
    }

    /// 50 megapixels (an 8K photo); 40 MiB for libjpeg.
    public static let standard = DecodeLimits(maxPixels: 50_000_000, jpegMemory: 40 << 20)

    /// The refusal for an image of `width`×`height`, or nil when it is within the limit.
    func refusal(width: Int, height: Int) -> ThumbnailError? {
        if max(width, height) > maxSide {
            return ThumbnailError("\(width)×\(height) has a side longer than the \(maxSide) pixels a preview decodes", kind: .overLimits)
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard overflow || pixels > maxPixels else { return nil }
        var (size, limit) = (Self.describe(overflow ? Int.max : pixels), Self.describe(maxPixels))
        // In megapixels 50,013,184 pixels read "50 megapixels, more than the 50": then in pixels.
        if size == limit { (size, limit) = ("\(Self.grouped(pixels)) pixels", "\(Self.grouped(maxPixels)) pixels") }
        return ThumbnailError("\(width)×\(height) is \(size), more than the \(limit) a preview decodes", kind: .overLimits)
    }

    /// "50,013,184".
    private static func grouped(_ count: Int) -> String {
        var digits = Array(String(count)), groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return ([String(digits)] + groups).joined(separator: ",")
    }

    /// "400 megapixels", "2.5 megapixels", "256 pixels".
    private static func describe(_ pixels: Int) -> String {
        guard pixels >= 1_000_000 else { return "\(pixels) pixels" }
        let tenths = pixels / 100_000
        return tenths >= 100 || tenths % 10 == 0 ? "\(tenths / 10) megapixels" : "\(tenths / 10).\(tenths % 10) megapixels"
    }
}
