/// A multipart body the emulator cannot read; the request is answered with 400.
struct MultipartError: Error, Equatable, CustomStringConvertible {
    /// One line, for the JSON error's `message`.
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
