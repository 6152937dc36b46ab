/// The JSON error body the emulator sends, and the shapes the real service is known to use.
///
/// Decoding is lenient: whichever of `message`, `error`, `errors[].message` is present.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var code: String?
    public var message: String?

    public init(code: String? = nil, message: String?) {
        self.code = code
        self.message = message
    }
}
