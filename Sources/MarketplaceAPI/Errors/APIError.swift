/// Everything that can go wrong talking to Marketplace, each with a one-line ``message``
/// that says what happened and what to do.
///
/// Server answers are typed by status (400, 401, 403, 404, 413, 415, 429, 5xx, other) and
/// carry the server's own error text, shortened and stripped of control characters.
public enum APIError: Error, CustomStringConvertible, Equatable {
    // MARK: Configuration and arguments (nothing was sent)

    /// A plain `http` base URL whose host is not loopback: credentials would travel in clear.
    case insecureBaseURL(String)
    /// A base URL that cannot be used; the payload says why.
    case invalidBaseURL(url: String, reason: String)
    /// A bad argument (an artifact ID that is not one path segment, an empty image type, …).
    case invalidArgument(String)

    // MARK: The local file

    /// The file to upload cannot be opened or read.
    case fileUnreadable(path: String, reason: String)
    /// The file's size changed since it was inspected, or it ended early while being sent.
    /// The body was cut short so the server never got a body of the wrong length.
    case fileChanged(path: String, reason: String)

    // MARK: Server answers

    /// 400 Bad Request.
    case badRequest(ServerErrorDetails)
    /// 401 Unauthorized: the email or API token is wrong.
    case unauthorized(ServerErrorDetails)
    /// 403 Forbidden: the account may not do this.
    case forbidden(ServerErrorDetails)
    /// 404 Not Found.
    case notFound(ServerErrorDetails)
    /// 413 Payload Too Large.
    case payloadTooLarge(ServerErrorDetails)
    /// 415 Unsupported Media Type.
    case unsupportedMediaType(ServerErrorDetails)
    /// 429 Too Many Requests (after the retries the policy allowed).
    case rateLimited(ServerErrorDetails)
    /// Any 5xx (after the retries the policy allowed: for 503, and for 502 and 504 of a GET).
    case serverError(ServerErrorDetails)
    /// Any other status that is not a success (a 3xx, a 409, …).
    case unexpectedStatus(ServerErrorDetails)
    /// A success status whose body is not the documented shape (not JSON, a key missing,
    /// far too large).
    case invalidResponse(String)

    // MARK: Transport

    /// No connection could be made at all (the name did not resolve, the connection was refused
    /// or timed out, TLS failed): nothing was sent, and a next request to the same server would
    /// most likely fail the same way. The payload says how.
    case unreachable(String)
    /// The connection failed once made (closed, reset, an answer that is not HTTP); the payload says how.
    case connectionFailed(String)
    /// The proxy the environment names (`ProxyEnvironment`) could not be reached, or refused
    /// the tunnel; the payload says how, and which variable named it.
    case proxyFailed(String)
    /// A connection that took too long: a TLS handshake, or a whole answer past the answer
    /// timeout (a server dripping it).
    case timeout(String)
    /// The server went silent past the idle timeout once it had the connection: no answer to
    /// the request, or it stopped taking the upload. A batch stops after it (`BatchStop.silent`).
    case silent(String)
    /// The task was cancelled.
    case cancelled
    /// The task was cancelled once a POST had gone whole (`sent`: an upload's "the whole file",
    /// a fetch's "the request"), before the answer: Marketplace may have made it all the same.
    case interruptedAfterSending(_ sent: String)

    /// The HTTP status of a server answer; `nil` for other errors.
    public var status: Int? { serverDetails?.status }

    /// The details of a server answer; `nil` for other errors.
    public var serverDetails: ServerErrorDetails? {
        switch self {
        case .badRequest(let details), .unauthorized(let details), .forbidden(let details),
            .notFound(let details), .payloadTooLarge(let details), .unsupportedMediaType(let details),
            .rateLimited(let details), .serverError(let details), .unexpectedStatus(let details):
            return details
        default:
            return nil
        }
    }

    public var description: String { message }
}
