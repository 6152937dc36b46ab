/// The JSON error body the emulator sends: `{"code": …, "message": …}`.
///
/// The client does not decode it: it reads any server's error text leniently, whichever of
/// `message`, `error`, `errors[].message` is present (`ServerErrorText`).
public struct ErrorBody: Codable, Sendable, Equatable {
    public var code: String?
    public var message: String?

    public init(code: String? = nil, message: String?) {
        self.code = code
        self.message = message
    }
}
