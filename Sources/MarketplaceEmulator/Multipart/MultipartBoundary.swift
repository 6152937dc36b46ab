/// The `boundary` parameter of a `multipart/form-data` Content-Type.
enum MultipartBoundary {
    /// The boundary's bytes, or a one-line reason why the Content-Type is not usable.
    ///
    /// RFC 2046: 1 to 70 characters; a quoted value may hold spaces. CR, LF and other
    /// control characters are refused (the scanner relies on a boundary free of CR).
    static func parse(contentType: String?) -> Result<[UInt8], MultipartError> {
        guard let contentType, !contentType.isEmpty else {
            return .failure(MultipartError("The request needs Content-Type: multipart/form-data with a boundary.", isWrongMediaType: true))
        }
        let value = HeaderValue.parse(contentType)
        guard value.token.lowercased() == "multipart/form-data" else {
            return .failure(MultipartError("The request's Content-Type must be multipart/form-data, not \(SafeName.forMessage(value.token)).",
                                           isWrongMediaType: true))
        }
        guard let boundary = value.parameter("boundary"), !boundary.isEmpty else {
            return .failure(MultipartError("The multipart/form-data Content-Type has no boundary parameter."))
        }
        let bytes = Array(boundary.utf8)
        guard bytes.count <= 70 else {
            return .failure(MultipartError("The multipart boundary is longer than 70 characters."))
        }
        guard !bytes.contains(where: { $0 < 32 || $0 == 127 }) else {
            return .failure(MultipartError("The multipart boundary holds control characters."))
        }
        return .success(bytes)
    }
}
