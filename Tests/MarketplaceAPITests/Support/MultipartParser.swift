/// Splits a single-part `multipart/form-data` body the way a strict server would, for
/// checking what the client sent.
struct ParsedMultipart {
    /// The part's header lines, e.g. `Content-Disposition: form-data; name="file"; filename="a.png"`.
    var headerLines: [String]
    var content: [UInt8]

    func header(_ name: String) -> String? {
        for line in headerLines {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].drop(while: { $0 == " " }).description
            }
        }
        return nil
    }

    /// Parses `body` sent with the request header `Content-Type: multipart/form-data; boundary=…`.
    /// Returns `nil` unless the body is exactly one part framed by that boundary.
    init?(body: [UInt8], contentType: String) {
        guard contentType.hasPrefix("multipart/form-data; boundary="),
            let boundary = contentType.split(separator: "=", maxSplits: 1).last.map(String.init), !boundary.isEmpty
        else { return nil }
        let opening = Array("--\(boundary)\r\n".utf8)
        let closing = Array("\r\n--\(boundary)--\r\n".utf8)
        guard body.count >= opening.count + closing.count, Array(body.prefix(opening.count)) == opening,
            Array(body.suffix(closing.count)) == closing
        else { return nil }
        let inner = Array(body[opening.count..<(body.count - closing.count)])
        let separator = Array("\r\n\r\n".utf8)
        guard let split = ParsedMultipart.firstIndex(of: separator, in: inner) else { return nil }
        let headerText = String(decoding: inner[..<split], as: UTF8.self)
        headerLines = headerText.components(separatedBy: "\r\n")
        content = Array(inner[(split + separator.count)...])
        // The boundary must not occur inside the content.
        if ParsedMultipart.firstIndex(of: Array("\r\n--\(boundary)".utf8), in: content) != nil { return nil }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
