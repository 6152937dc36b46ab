/// Percent-encoding of one URL path segment, and the checks that keep a caller's value from
/// changing the path (`/`, `..`).
enum PathSegment {
    /// Every byte of the UTF-8 text except RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`)
    /// becomes `%XX`, so `/`, `?`, `#` and `%` stay inside the segment.
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += percentEncoded(byte)
            }
        }
        return result
    }

    /// `value` encoded as a segment, after refusing what cannot be one: empty text, `.`, `..`,
    /// a `/` or `\`, and control characters.
    static func validated(_ value: String, what: String) throws(APIError) -> String {
        let shown = APIError.safe(value)
        if value.isEmpty { throw .invalidArgument("The \(what) is empty.") }
        if value == "." || value == ".." || value.contains("/") || value.contains("\\") {
            throw .invalidArgument("The \(what) \"\(shown)\" is not a single path segment: it must not be \".\", \"..\" or contain \"/\" or \"\\\".")
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidArgument("The \(what) \"\(shown)\" contains control characters.")
        }
        return encode(value)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `%C3`: a byte as a URI writes it (also a multipart file name's `%22`, a fetch URI's letters).
    static func percentEncoded(_ byte: UInt8) -> String {
        "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
    }
}
