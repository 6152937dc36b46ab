import Foundation

/// Everything a ``MarketplaceClient`` needs: where the server is, who is calling, and how
/// patient to be.
public struct ClientConfiguration: Sendable {
    /// The real Marketplace: `https://api.atlassian.com/marketplace`.
    public static let defaultBaseURL = "https://api.atlassian.com/marketplace"
    /// The most bytes of a response body the client reads (1 MiB by default). A success body
    /// beyond it is an error, an error body beyond it is cut.
    public static let defaultMaxResponseBytes = 1 << 20

    /// The base URL the endpoints' paths (`/rest/3/…`) are appended to. A trailing `/` is fine.
    /// `https` anywhere; plain `http` only for loopback hosts.
    public var baseURL: String
    public var credentials: Credentials
    /// How long to wait for a TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// How long the connection may stay silent: no byte of the upload taken by the socket,
    /// or no byte of the answer received.
    public var idleTimeout: Duration
    /// How long the server may take to send its whole answer, head and body, counted from
    /// the moment the request (and the upload's last byte) was sent. It bounds a server that
    /// drips its answer a byte at a time, which the idle timeout alone never ends.
    public var answerTimeout: Duration
    public var retry: RetryPolicy
    /// `marketplace-assets/<version>` unless changed.
    public var userAgent: String
    /// See ``defaultMaxResponseBytes``.
    public var maxResponseBytes: Int
    /// Where the proxy variables are read (`https_proxy`, `no_proxy`, …; see `ProxyEnvironment`):
    /// the process's environment unless changed.
    public var environment: [String: String]

    public init(
        baseURL: String = defaultBaseURL,
        credentials: Credentials,
        connectTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60),
        answerTimeout: Duration = .seconds(120),
        retry: RetryPolicy = .default,
        userAgent: String = MarketplaceAPIVersion.userAgent,
        maxResponseBytes: Int = defaultMaxResponseBytes,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.answerTimeout = answerTimeout
        self.retry = retry
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
        self.environment = environment
    }

    /// Sets `idleTimeout` (`--timeout`) and what follows from it: the whole answer may take at
    /// least twice as long (a longer idle timeout is never cut short by the answer timeout), and
    /// a connection is waited for no longer than it (`--timeout 2` fails in seconds on an
    /// address that drops connections, not after three 10 s connect timeouts).
    public mutating func setIdleTimeout(_ timeout: Duration) {
        idleTimeout = timeout
        answerTimeout = max(answerTimeout, timeout * 2)
        connectTimeout = min(connectTimeout, timeout)
    }
}
