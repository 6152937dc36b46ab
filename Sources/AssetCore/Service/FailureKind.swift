import MarketplaceAPI

/// What kind of failure a file's upload had, for scripts (`"kind"` in a batch's `--json`):
/// whether to fix the file, sign in again, wait and try again, or look at the server.
public enum FailureKind: String, Sendable, Equatable {
    /// The local file could not be read, or changed while it was sent.
    case file
    /// Marketplace refused the request as it is (400, 413, 415, 409, 422 and any other 4xx but
    /// 401, 403, 404 and 429, which have kinds of their own, and 408, the server's own timeout,
    /// a `serverError`): the file or the imageType must change.
    case refused
    /// 401: the email or the API token.
    case unauthorized
    /// 403: the account may not do it.
    case forbidden
    /// 404: the base URL, or an artifact that is not there.
    case notFound = "not-found"
    /// 429, after the retries the policy allowed: later.
    case rateLimited = "rate-limited"
    /// A 5xx, or a success answer that does not read: the server's side; its message says when
    /// Marketplace may have made the upload (a gateway's 502 or 504, a proxy's bare 503, an answer that does not read).
    case serverError = "server-error"
    /// No connection could be made (a name, a refused port, TLS, a proxy): nothing was sent.
    case unreachable
    /// The connection failed, or the server went silent or too slow, once the request was under
    /// way but before all of it was sent: Marketplace cannot have made the upload.
    case connection
    /// As `connection`, but after the whole request was sent: Marketplace may have made the
    /// upload, and a retry may make a second (not among the kinds a script retries).
    case noAnswer = "no-answer"
    /// Ctrl-C or a signal stopped it.
    case interrupted
    /// Not tried: an earlier file's failure (401, 403, no connection, silence) would repeat.
    case notStarted = "not-started"
    /// Marketplace stored other bytes than were sent (its SHA-512 differs): upload it again.
    case checksumMismatch = "checksum-mismatch"
    /// Anything else (the history, an argument).
    case other

    public init(_ error: APIError) {
        self = switch error {
        case .fileUnreadable, .fileChanged: .file
        case .badRequest, .payloadTooLarge, .unsupportedMediaType: .refused
        // A 408 is the server's own timeout (the request was slow), and a 3xx a redirect not followed.
        case .unexpectedStatus(let details): (400..<500).contains(details.status) && details.status != 408 ? .refused : .serverError
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .rateLimited: .rateLimited
        case .serverError, .invalidResponse: .serverError
        case .unreachable, .proxyFailed: .unreachable
        case .connectionFailed, .timeout, .silent: TransportErrorClassifier.saysUploadMayExist(error.message) ? .noAnswer : .connection
        case .cancelled, .interruptedAfterSending: .interrupted
        case .insecureBaseURL, .invalidBaseURL, .invalidArgument: .other
        }
    }

    /// The kind of any error an upload throws.
    public init(of error: any Error) {
        if let kind = (error as? AssetError)?.kind {
            self = kind
        } else if let error = error as? APIError {
            self.init(error)
        } else {
            self = AssetService.isCancellation(error) ? .interrupted : .other
        }
    }
}
