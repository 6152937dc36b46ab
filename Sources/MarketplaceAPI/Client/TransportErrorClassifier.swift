import AssetInspection
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

import Glibc

/// Maps what the HTTP stack throws to an ``APIError``, and decides whether a retry is safe.
///
/// Only failures to *connect* are retryable (the server never saw the request). Everything
/// after that (a reset or closed connection, a timeout waiting for the answer) is not, since
/// the server may already have acted on the request.
public struct TransportErrorClassifier: Sendable {
    /// What a failure's message says when the whole file was sent before it: the upload may
    /// be on Marketplace all the same (`history --remove-failed` keeps such an attempt).
    public static let uploadMayExist = "Marketplace may have made the upload anyway"

    /// Whether `message` (an error's, or a history entry's failure) says Marketplace may have
    /// made the upload: the whole request went, and no answer came.
    public static func saysUploadMayExist(_ message: String) -> Bool { message.contains(uploadMayExist) }

    /// The server's host (`api.atlassian.com`).
    let serverHost: String
    /// The proxy the environment names, if any (`ProxyEnvironment`).
    let proxy: ProxyEnvironment?
    let connectTimeout: Duration
    let idleTimeout: Duration
    /// What messages call the URL the request went to.
    var urlName = "the base URL"

    /// The server as messages name it; with a proxy, `api.atlassian.com (through the proxy p:3128)`.
    var host: String { proxy.map { "\(serverHost) (through the proxy \($0.address))" } ?? serverHost }

    init(host: String, proxy: ProxyEnvironment?, connectTimeout: Duration, idleTimeout: Duration) {
        self.serverHost = host
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
    }

    /// What `error` says went wrong talking to `host`, as one line in words: for a server that
    /// downloads a URL itself (the emulator's fetch), so that it says what the client would.
    public static func describe(_ error: any Error, host: String, connectTimeout: Duration, readTimeout: Duration) -> String {
        var classifier = TransportErrorClassifier(host: host, proxy: nil, connectTimeout: connectTimeout, idleTimeout: readTimeout)
        classifier.urlName = "the URL"
        switch classifier.classify(error, bodyStarted: false).error {
        case .connectionFailed(let detail), .unreachable(let detail), .timeout(let detail), .silent(let detail), .proxyFailed(let detail): return detail
        case let other: return other.message
        }
    }

    /// - Parameters:
    ///   - bodyStarted: a byte of the file was sent (then no retry: the server may act on it).
    ///   - sentWhole: what of a request Marketplace acts on was sent whole (`the whole file` of
    ///     an upload, `the request` of a fetch): a failure now may come after Marketplace made
    ///     the upload, which the message says (a retry by hand would make a second).
    func classify(_ error: any Error, bodyStarted: Bool, sentWhole: String? = nil) -> AttemptFailure {
        let wholeSent = sentWhole != nil
        let mayHaveIt = sentWhole.map { " after \($0) was sent (\(Self.uploadMayExist))" } ?? ""
        if let apiError = error as? APIError { return AttemptFailure(error: apiError, retryable: false) }
        if error is CancellationError || (error as? HTTPClientError) == .cancelled || Task.isCancelled {
            return AttemptFailure(error: .cancelled, retryable: false)
        }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .readTimeout:
                return AttemptFailure(error: .silent("No answer from \(host) within \(seconds(idleTimeout))\(mayHaveIt)"), retryable: false)
            case .writeTimeout:
                return AttemptFailure(error: .silent("\(host) stopped taking data for \(seconds(idleTimeout))"), retryable: false)
            case .proxyAuthenticationRequired:
                let (address, variable) = (proxy?.address ?? "", proxy?.variable ?? "HTTPS_PROXY")
                let detail = proxy?.username != nil
                    ? "The proxy \(address) refused the user name and password of \(variable) (HTTP 407): check them"
                    : "The proxy \(address) asks for a user name and password (HTTP 407): give them in \(variable) (http://user:password@host:port)"
                return AttemptFailure(error: .proxyFailed(detail), retryable: false)
            case .invalidProxyResponse:
                return AttemptFailure(error: .proxyFailed("The proxy \(proxy?.address ?? "") of \(proxy?.variable ?? "HTTPS_PROXY") opened no tunnel to \(serverHost) (its answer to CONNECT was not 200: it refused, or could not reach the server): check that it lets the Marketplace API through"), retryable: false)
            case .httpProxyHandshakeTimeout:
                return AttemptFailure(error: .proxyFailed("The proxy \(proxy?.address ?? "") of \(proxy?.variable ?? "HTTPS_PROXY") did not answer CONNECT within \(seconds(connectTimeout)): check that it is an HTTP proxy, and that it runs"), retryable: false)
            case .socksHandshakeTimeout:
                return AttemptFailure(error: .proxyFailed("The SOCKS proxy \(proxy?.address ?? "") of \(proxy?.variable ?? "ALL_PROXY") did not answer its handshake within \(seconds(connectTimeout)): check that it is a SOCKS5 proxy, and that it runs"), retryable: false)
            case .tlsHandshakeTimeout:
                // Nothing was sent (a batch stops: each file would wait as long), and no slow answer:
                // a longer --timeout is no help past the 10 s connect limit.
                return AttemptFailure(error: .unreachable("\(host) did not answer in TLS within \(seconds(connectTimeout)) (is the port or \(urlName)'s https:// right?)"), retryable: false)
            case .remoteConnectionClosed:
                let when = sentWhole.map { " after \($0) was sent, before answering (\(Self.uploadMayExist))" }
                    ?? (bodyStarted ? " while the file was being sent" : " before answering")
                return AttemptFailure(error: .connectionFailed("\(host) closed the connection\(when)"), retryable: false, retryableIfIdempotent: true)
            default:
                break
            }
        }
        if isConnectFailure(error), let proxy {
            // Through a tunnel, the only name resolved here and the only address dialled are the proxy's.
            return AttemptFailure(
                error: .proxyFailed("Could not connect to the proxy \(proxy.address) that \(proxy.variable) names: \(connectFailureReason(error)). Check \(proxy.variable), or set NO_PROXY for this host"),
                retryable: !bodyStarted
            )
        }
        if isConnectFailure(error) {
            // Unreachable only while nothing was sent: a network lost mid-upload (EHOSTUNREACH on
            // a connection made) may have delivered the file, and says so.
            guard !bodyStarted else {
                let when = wholeSent ? mayHaveIt : " while the file was being sent"
                return AttemptFailure(error: .connectionFailed("The connection to \(host) failed\(when): \(connectFailureReason(error))"), retryable: false)
            }
            return AttemptFailure(error: .unreachable("Could not connect to \(host): \(connectFailureReason(error))"), retryable: true)
        }
        if let ioError = Self.firstIOError(in: error) {
            let text = String(cString: strerror(ioError.errnoCode))
            let when = wholeSent ? mayHaveIt : bodyStarted ? " while the file was being sent" : ""
            return AttemptFailure(error: .connectionFailed("The connection to \(host) failed\(when): \(text)"), retryable: false,
                                  retryableIfIdempotent: [ECONNRESET, EPIPE].contains(ioError.errnoCode))
        }
        if let parserError = error as? HTTPParserError {
            let what = switch parserError {
            case .invalidEOFState, .closedConnection: "\(host)'s answer was cut short"
            case .headerOverflow: "\(host)'s answer has headers too large to read"
            default: "\(host)'s answer is not HTTP (is the port or \(urlName) right?)"
            }
            return AttemptFailure(error: .connectionFailed(what + mayHaveIt), retryable: false)
        }
        // A secure connection closed without TLS's own close (NIOSSL's `uncleanShutdown`): an answer cut off.
        if String(describing: error) == "uncleanShutdown", String(reflecting: type(of: error)).hasPrefix("NIOSSL.") {
            return AttemptFailure(error: .connectionFailed("\(host) closed the secure connection abruptly (its answer cut short)" + mayHaveIt), retryable: false)
        }
        if let reason = tlsFailureReason(error) {
            // A TLS failure before any byte of the request is the server's or the network's for every
            // request; one later (an alert mid-stream) is this request's.
            let failure: APIError = bodyStarted ? .connectionFailed("The secure connection to \(host) failed: \(reason)\(mayHaveIt)")
                : .unreachable("Could not connect securely to \(host): \(reason)")
            return AttemptFailure(error: failure, retryable: false)
        }
        let detail = SafeText.oneLine(String(describing: error), maxLength: 160)
        return AttemptFailure(error: .connectionFailed("The request to \(host) failed\(mayHaveIt): \(detail)"), retryable: false)
    }

    /// What a failed TLS handshake means, in words. NIOSSL's errors (a target this one does
    /// not import) are recognised by their text, which names BoringSSL's reason.
    private func tlsFailureReason(_ error: any Error) -> String? {
        let text = String(describing: error)
        guard text.contains("NIOSSL") || text.contains("handshakeFailed") || text.contains("SSL routines") else { return nil }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "its certificate could not be verified (self-signed, expired, for another name, or replaced by a proxy "
                + "that inspects HTTPS: then trust its CA certificate, in the system's store or with SSL_CERT_FILE)"
        }
        if text.contains("failedToValidateHostname") {
            return "its certificate is for another name than \(serverHost) (is \(urlName)'s host the one the certificate names?)"
        }
        if text.contains("WRONG_VERSION_NUMBER") {
            return "it did not answer in TLS (is the port or \(urlName)'s https:// right?)"
        }
        return "the TLS handshake failed"
    }

    /// A failure to establish the connection: a connect timeout, a refused or unreachable
    /// address, or a name that does not resolve. NIOPosix's `NIOConnectionError` (which this
    /// target does not import) is recognised by its type name and by the `IOError`s it wraps.
    private func isConnectFailure(_ error: any Error) -> Bool {
        if let clientError = error as? HTTPClientError, clientError == .connectTimeout { return true }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError { return true }
        if String(describing: type(of: error)) == "NIOConnectionError" { return true }
        if let ioError = Self.firstIOError(in: error) {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(ioError.errnoCode)
        }
        return false
    }

    private func connectFailureReason(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError, clientError == .connectTimeout { return "no connection within \(seconds(connectTimeout))" }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError { return "no connection within \(seconds(connectTimeout))" }
        if let ioError = Self.firstIOError(in: error) { return String(cString: strerror(ioError.errnoCode)) }
        return "the host name could not be resolved or reached"
    }

    /// The first `IOError` in `error` or in the errors it holds (searched through reflection,
    /// a few levels deep), since the connection layer wraps the socket's errors.
    private static func firstIOError(in value: Any, depth: Int = 0) -> IOError? {
        if let ioError = value as? IOError { return ioError }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = Self.firstIOError(in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }

    private func seconds(_ duration: Duration) -> String { DurationText.describe(duration) }
}
