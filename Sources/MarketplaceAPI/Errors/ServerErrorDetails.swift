/// What an error answer from the server said.
public struct ServerErrorDetails: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The server's own error text (from JSON `message`, `error` or `errors[].message`, or the
    /// raw body), shortened and with control characters removed; `nil` when it sent none.
    public var serverMessage: String?
    /// The wait the server asked for in `Retry-After`, in whole seconds from when the answer
    /// arrived; `nil` when it asked for none.
    public var retryAfterSeconds: Int64?
    /// How many tries were made before giving up.
    public var attempts: Int
    /// Whether the body was a web page (it starts with `<`): a wrong base URL, a proxy or a
    /// login page answered, not the API, which answers in JSON.
    public var isWebPage: Bool
    /// Whether the body is a JSON object or array, as the API's own error answers are.
    public var isJSON: Bool
    /// Where a redirect (3xx) points: its `Location` as the server sent it (made safe in messages).
    public var location: String?
    /// The request's method and path (`GET /rest/3/artifacts/…`), for advice that names what
    /// the request named: a 404 for `GET /rest/3/artifacts/ID` is the ID's, not an image type's.
    public var request: String?

    public init(
        status: Int, serverMessage: String? = nil, retryAfterSeconds: Int64? = nil, attempts: Int = 1, isWebPage: Bool = false,
        location: String? = nil, isJSON: Bool = false, request: String? = nil
    ) {
        self.status = status
        self.serverMessage = serverMessage
        self.retryAfterSeconds = retryAfterSeconds
        self.attempts = attempts
        self.isWebPage = isWebPage
        self.location = location
        self.isJSON = isJSON
        self.request = request
    }

    /// Whether the server may have acted on the request all the same: a gateway's 502 or 504, or a
    /// 503 that is not the service's own (neither a JSON body, as the API's errors are, nor a
    /// `Retry-After`): a proxy sends one for a backend that reset after reading the request. A 500
    /// and the other 5xx are the service's own refusals.
    public var mayHaveActed: Bool {
        switch status {
        case 502, 504: true
        case 503: !isJSON && retryAfterSeconds == nil
        default: false
        }
    }
}

extension APIError {
    /// The typed error for a non-success `status`.
    public static func forStatus(_ details: ServerErrorDetails) -> APIError {
        switch details.status {
        case 400: return .badRequest(details)
        case 401: return .unauthorized(details)
        case 403: return .forbidden(details)
        case 404: return .notFound(details)
        case 413: return .payloadTooLarge(details)
        case 415: return .unsupportedMediaType(details)
        case 429: return .rateLimited(details)
        case 500...599: return .serverError(details)
        default: return .unexpectedStatus(details)
        }
    }

    /// The same error with its server details' attempt count set.
    func withAttempts(_ attempts: Int) -> APIError {
        guard var details = serverDetails else { return self }
        details.attempts = attempts
        return .forStatus(details)
    }
}
