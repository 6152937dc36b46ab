/// An image format that Marketplace accepts for image assets.
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
    case png, jpeg, gif, bmp

    /// The MIME type sent as the multipart part's `Content-Type`.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .bmp: "image/bmp"
        }
    }

    /// The file extensions (lowercase, without the dot) that name this format, most common first.
    public var fileExtensions: [String] {
        switch self {
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        case .gif: ["gif"]
        case .bmp: ["bmp"]
        }
    }

    /// Other extensions of this format (`.jfif`, `.dib`), which Marketplace's rules do not name:
    /// an upload sends such a file under `fileExtensions[0]`, saying so as the right extension.
    public var otherExtensions: [String] {
        switch self {
        case .jpeg: ["jfif", "jpe", "jif"]
        case .bmp: ["dib"]
        case .png, .gif: []
        }
    }

    /// The name used in messages: `PNG`, `JPEG`, `GIF`, `BMP`.
    public var displayName: String { rawValue.uppercased() }

    /// The format whose file extensions include `fileExtension` (any case, without the dot).
    public init?(fileExtension: String) {
        let lowered = fileExtension.lowercased()
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(lowered) }) else {
            return nil
        }
        self = format
    }

    /// The format whose magic bytes start `prefix`, or nil.
    ///
    /// `prefix` should hold the first 32 bytes of a file or more. A BMP is recognised by `BM`
    /// followed by a known header size, so text that happens to start with "BM" is not taken
    /// for an image.
    public static func detect(in prefix: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(prefix.prefix(32))
        if head.starts(with: PNGHeader.signature) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.starts(with: Array("BM".utf8)) {
            // A BMP shorter than its info header's size field is still a (truncated) BMP.
            guard head.count >= 18 else { return .bmp }
            let infoSize = UInt32(head[14]) | UInt32(head[15]) << 8 | UInt32(head[16]) << 16 | UInt32(head[17]) << 24
            return BMPHeader.knownInfoHeaderSizes.contains(infoSize) ? .bmp : nil
        }
        return nil
    }

    /// The name of an image format Marketplace does not take that `prefix` starts as (a browser's
    /// "Save image as" gives a WebP named `.png`), so that a refusal says what to convert from;
    /// `nil` for anything else.
    public static func unsupportedFormatName(in prefix: some Collection<UInt8>) -> String? {
        let head = Array(prefix.prefix(256))
        func at(_ offset: Int, _ text: String) -> Bool { head.dropFirst(offset).starts(with: Array(text.utf8)) }
        if at(0, "RIFF"), at(8, "WEBP") { return "WebP" }
        // ISO base media (`ftyp` at 4): AVIF and HEIF by their brand.
        if at(4, "ftypavi") { return "AVIF" }
        if at(4, "ftyphei") || at(4, "ftypmif1") || at(4, "ftypheix") { return "HEIC" }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if head.starts(with: [0x00, 0x00, 0x01, 0x00]) { return "ICO" }
        if head.starts(with: [0xFF, 0x0A]) || at(4, "JXL ") { return "JPEG XL" }
        if at(0, "8BPS") { return "Photoshop (PSD)" }
        if at(0, "%PDF") { return "PDF" }
        let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasPrefix("<svg") || text.hasPrefix("<?xml") && text.contains("<svg") { return "SVG" }
        return nil
    }
}
