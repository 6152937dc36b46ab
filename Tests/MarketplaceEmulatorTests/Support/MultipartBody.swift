/// A multipart/form-data body written byte by byte, so tests control every detail (the
/// Content-Disposition text, part order, odd parts) and can send it in any chunking.
struct MultipartBody {
    struct Part {
        var disposition: String
        var contentType: String?
        var content: [UInt8]
    }

    var boundary = "----emulator-test-boundary-7MA4YWxkTrZu0gW"
    var parts: [Part] = []
    var preamble: [UInt8] = []

    /// A body with one `file` part whose `filename` parameter text is `fileNameParameter`
    /// (written as given, e.g. `filename="a.png"` or `filename*=UTF-8''a.png`).
    static func file(_ content: [UInt8], fileNameParameter: String = "filename=\"app-icon.png\"", contentType: String = "application/octet-stream") -> MultipartBody {
        var body = MultipartBody()
        body.parts = [Part(disposition: "form-data; name=\"file\"; \(fileNameParameter)", contentType: contentType, content: content)]
        return body
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var bytes: [UInt8] {
        var bytes = preamble
        for part in parts {
            bytes += Array("--\(boundary)\r\nContent-Disposition: \(part.disposition)\r\n".utf8)
            if let contentType = part.contentType {
                bytes += Array("Content-Type: \(contentType)\r\n".utf8)
            }
            bytes += Array("\r\n".utf8) + part.content + Array("\r\n".utf8)
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return bytes
    }
}
