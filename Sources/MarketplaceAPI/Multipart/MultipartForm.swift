/// The bytes around a single-file `multipart/form-data` body (RFC 7578):
///
/// ```
/// --<boundary>\r\n
/// Content-Disposition: form-data; name="file"; filename="<escaped>"\r\n
/// Content-Type: <type>\r\n
/// \r\n
/// <file bytes>\r\n
/// --<boundary>--\r\n
/// ```
///
/// The file name is escaped as browsers do (WHATWG HTML, "multipart/form-data encoding"):
/// `"` → `%22`, CR → `%0D`, LF → `%0A` (and here also every other C0 control and DEL, which a
/// browser never has to send). A name that is not ASCII goes as UTF-8, as browsers and
/// `curl --form` (the reference's examples) send it: RFC 7578 (4.2) forbids the RFC 5987
/// `filename*` parameter in a form.
struct MultipartForm: Sendable, Equatable {
    let boundary: String
    let head: [UInt8]
    let tail: [UInt8]

    /// The request's `Content-Type`: `multipart/form-data; boundary=…`.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The whole body's length for a file of `fileSize` bytes.
    func contentLength(fileSize: Int64) -> Int64 { Int64(head.count) + fileSize + Int64(tail.count) }

    init(fieldName: String = "file", fileName: String, contentType: String, boundary: String = MultipartForm.randomBoundary()) throws(APIError) {
        guard !contentType.isEmpty, contentType.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F || $0 == " " }) else {
            throw .invalidArgument("The content type \"\(APIError.safe(contentType))\" is not a valid MIME type.")
        }
        guard !fileName.isEmpty else { throw .invalidArgument("The file name to send is empty.") }
        let disposition = "Content-Disposition: form-data; name=\"\(fieldName)\"; filename=\"\(Self.quotedFileName(fileName))\""
        let headText = "--\(boundary)\r\n\(disposition)\r\nContent-Type: \(contentType)\r\n\r\n"
        self.boundary = boundary
        self.head = Array(headText.utf8)
        self.tail = Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// 32 random alphanumerics after a fixed prefix: 190 bits, so the boundary never occurs in a file by chance.
    static func randomBoundary() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return "marketplace-assets-" + String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The name as it goes between the quotes of `filename="…"`: UTF-8 kept, `"`, CR, LF,
    /// other C0 controls and DEL percent-encoded.
    static func quotedFileName(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x00...0x1F, 0x7F:
                result += PathSegment.percentEncoded(UInt8(scalar.value))
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
