/// A successful answer: the decoded value, the raw JSON as received, and the HTTP status.
public struct APIResponse<Value: Sendable>: Sendable {
    public var value: Value
    /// The response body exactly as the server sent it.
    public var body: [UInt8]
    public var status: Int

    public init(value: Value, body: [UInt8], status: Int) {
        self.value = value
        self.body = body
        self.status = status
    }
}

extension APIResponse: Equatable where Value: Equatable {}

/// The answer to an upload, with the SHA-512 of the bytes that were sent when it was asked for.
public struct UploadResult<Value: Sendable>: Sendable {
    public var response: APIResponse<Value>
    /// Lowercase hex SHA-512 of the file bytes sent by the attempt that succeeded;
    /// `nil` unless `computeSHA512` was asked.
    public var sentSHA512: String?

    public init(response: APIResponse<Value>, sentSHA512: String?) {
        self.response = response
        self.sentSHA512 = sentSHA512
    }
}

extension UploadResult: Equatable where Value: Equatable {}
