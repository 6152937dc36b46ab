/// A multipart body the emulator cannot read; the request is answered with 400.
struct MultipartError: Error, Equatable, CustomStringConvertible {
    /// One line, for the JSON error's `message`.
    var message: String
    /// The request's Content-Type is not multipart/form-data at all (415, not 400).
    var isWrongMediaType = false

    init(_ message: String, isWrongMediaType: Bool = false) {
        self.message = message
        self.isWrongMediaType = isWrongMediaType
    }

    var description: String { message }
}
