/// What the headers of one multipart part say: its form field name, the client's file name
/// and the part's Content-Type.
struct MultipartPartHeaders: Equatable, Sendable {
    /// The `name` of `Content-Disposition: form-data; name=…`.
    var name: String?
    /// The client's file name, exactly as sent (after decoding): not safe to use as a path.
    /// `filename*=UTF-8''…` wins over `filename="…"`.
    var fileName: String?
    var contentType: String?

    /// Parses a header block (the lines between the delimiter line and the blank line).
    static func parse(_ block: ArraySlice<UInt8>) throws -> MultipartPartHeaders {
        var headers = MultipartPartHeaders()
        let text = String(decoding: block, as: UTF8.self)
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                throw MultipartError("A multipart part header line has no colon.")
            }
            let name = line[..<colon].lowercased().trimmingSpaces()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            switch name {
            case "content-disposition":
                let disposition = HeaderValue.parse(value)
                headers.name = disposition.parameter("name")
                if let extended = disposition.parameter("filename*").flatMap(decodeExtendedValue) {
                    headers.fileName = extended
                } else if let plain = disposition.parameter("filename") {
                    headers.fileName = decodeFormFileName(plain)
                } else if disposition.parameter("filename*") != nil {
                    headers.fileName = ""  // a file all the same, whose name did not decode
                }
            case "content-type":
                headers.contentType = value
            default:
                break
            }
        }
        return headers
    }

    /// An RFC 5987 / 8187 extended value: `charset'language'percent-encoded`.
    /// UTF-8 and ISO-8859-1 are understood; anything else is refused (nil).
    static func decodeExtendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return nil }
        guard let bytes = percentDecoded(Substring(pieces[2])) else { return nil }
        switch pieces[0].lowercased() {
        case "utf-8":
            return String(validating: bytes, as: UTF8.self)
        case "iso-8859-1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return nil
        }
    }

    /// A `filename="…"` value as browsers and AsyncHTTPClient write it: `"`, CR and LF
    /// percent-encoded (`%22`, `%0D`, `%0A`); other percent signs are left as they are.
    static func decodeFormFileName(_ value: String) -> String {
        guard value.contains("%") else { return value }
        return value
            .replacing("%22", with: "\"")
            .replacing("%0D", with: "\r").replacing("%0d", with: "\r")
            .replacing("%0A", with: "\n").replacing("%0a", with: "\n")
    }

    /// Percent-decoding; nil when a `%` is not followed by two hex digits.
    static func percentDecoded(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
