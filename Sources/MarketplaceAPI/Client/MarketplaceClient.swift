import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Marketplace Assets REST API v3: upload an image, upload an artifact, have an artifact
/// fetched from a URL, and read an artifact's details.
///
/// Every request carries Basic auth (`email:api_token`), `Accept: application/json` and the
/// configured `User-Agent`. Uploads stream the file from disk as `multipart/form-data` with an
/// exact `Content-Length`. Safe failures are retried (see ``RetryPolicy``); everything else
/// becomes a typed ``APIError`` with a one-line message. Cancelling the calling task cancels
/// the request and surfaces as ``APIError/cancelled``; once the whole of a POST went, the
/// request first gets ``CancellationGrace/duration`` for its answer (then
/// ``APIError/interruptedAfterSending(_:)``).
///
/// Each client owns one `HTTPClient`: call ``shutdown()`` when done.
public final class MarketplaceClient: Sendable {
    public let configuration: ClientConfiguration
    let address: ServerAddress
    let http: HTTPClient
    let classifier: TransportErrorClassifier
    /// The credentials in the forms a server might echo: the token and the Basic auth value,
    /// each as it is, percent-encoded and JSON-escaped (`SecretRedaction.spellings`). Blanked
    /// out of server messages and answers.
    let secrets: [String]
    /// Whether `shutdown` was called (it runs once).
    private let shutDown = LockedValue(false)

    /// Validates the base URL (refusing plain `http` off loopback) and creates the HTTP client.
    public init(configuration: ClientConfiguration) throws(APIError) {
        let address = try ServerAddress(configuration.baseURL)
        guard configuration.userAgent.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw .invalidArgument("The User-Agent must be printable ASCII.")
        }
        guard configuration.connectTimeout > .zero, configuration.idleTimeout > .zero, configuration.answerTimeout > .zero else {
            throw .invalidArgument("The connect, idle and answer timeouts must be longer than zero.")
        }
        var httpConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(
                connect: TimeAmount(configuration.connectTimeout),
                read: TimeAmount(configuration.idleTimeout)
            ),
            decompression: .disabled
        )
        // Only a server spoken to in TLS needs the bundle: a stale SSL_CERT_FILE must not stop the demo.
        if address.base.lowercased().hasPrefix("https:") {
            httpConfiguration.tlsConfiguration = try CertificateBundle.tlsConfiguration(environment: configuration.environment)
        }
        // Fail a refused connection at once; the RetryPolicy decides about trying again.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        let proxy = try ProxyEnvironment.proxy(for: address, environment: configuration.environment)
        httpConfiguration.proxy = proxy?.configuration
        self.configuration = configuration
        self.address = address
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
        let credentials = configuration.credentials
        let basic = Data("\(credentials.email):\(credentials.apiToken)".utf8).base64EncodedString()
        // The Basic value always (it is long whatever the token), with its `=` padding and without (a base64
        // encoder may leave it out); the token alone when it is too long to be a common word.
        let basicForms = [basic, String(basic.prefix { $0 != "=" })]
        self.secrets = SecretRedaction.spellings(of: basicForms + (credentials.apiToken.count >= 4 ? [credentials.apiToken] : []))
        self.classifier = TransportErrorClassifier(
            host: address.host, proxy: proxy,
            connectTimeout: configuration.connectTimeout, idleTimeout: configuration.idleTimeout
        )
    }

    /// Closes the connections. Call it once the client is no longer needed; later calls do nothing.
    public func shutdown() async throws {
        guard shutDown.withLock({ done in defer { done = true }; return !done }) else { return }
        try await http.shutdown()
    }

    // MARK: Endpoints

    /// `POST {base}/rest/3/assets/images/{imageType}` with the image as multipart key `file`.
    public func uploadImage(
        _ file: UploadFile, imageType: String, progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(APIError) -> UploadResult<ImageAsset> {
        let segment = try PathSegment.validated(imageType, what: "image type")
        return try await upload(file, path: "/rest/3/assets/images/\(segment)", computeSHA512: false, progress: progress) { body throws(APIError) in
            try ResponseDecoding.image(body)
        }
    }

    /// `POST {base}/rest/3/artifacts` with the artifact as multipart key `file`; with
    /// `computeSHA512`, the SHA-512 of the bytes sent, hashed in the same read that sends them.
    public func uploadArtifact(
        _ file: UploadFile, computeSHA512: Bool, progress: (@Sendable (UploadProgress) -> Void)?
    ) async throws(APIError) -> UploadResult<Artifact> {
        try await upload(file, path: "/rest/3/artifacts", computeSHA512: computeSHA512, progress: progress) { body throws(APIError) in
            try ResponseDecoding.artifact(body)
        }
    }

    /// `POST {base}/rest/3/artifacts/fetch` with `{"uri": …}`: Marketplace downloads the artifact.
    public func fetchArtifact(uri: String) async throws(APIError) -> APIResponse<Artifact> {
        let checked = try FetchURI(uri)
        let json: Data
        do {
            // `https://…` as the reference writes it, not `https:\/\/…` (the same JSON).
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            json = try encoder.encode(FetchRequest(uri: checked.original))
        } catch {
            throw .invalidArgument("The URI to fetch cannot be encoded as JSON.")
        }
        var request = makeRequest(path: "/rest/3/artifacts/fetch", method: .POST)
        request.headers.add(name: "Content-Type", value: "application/json")
        return try await send(request, body: Array(json)) { body throws(APIError) in try ResponseDecoding.artifact(body) }
    }

    /// `GET {base}/rest/3/artifacts/{artifactId}`. The ID must be one path segment (the last
    /// segment of `_links.self.href`); it is percent-encoded.
    public func artifact(id: String) async throws(APIError) -> APIResponse<Artifact> {
        let segment = try PathSegment.validated(id, what: "artifact ID")
        let request = makeRequest(path: "/rest/3/artifacts/\(segment)", method: .GET)
        return try await send(request) { body throws(APIError) in try ResponseDecoding.artifact(body) }
    }

    // MARK: Plumbing

    /// A request to `path` with auth, `Accept` and `User-Agent` set.
    func makeRequest(path: String, method: HTTPMethod) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: address.url(path))
        request.method = method
        request.setBasicAuth(username: configuration.credentials.email, password: configuration.credentials.apiToken)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        return request
    }

    /// Sends a request whose `body` is in memory (so it can be sent again), with retries. The
    /// body goes as a stream of one chunk, so that a cancelled POST knows whether the client took it.
    private func send<Value: Sendable>(
        _ request: HTTPClientRequest, body: [UInt8]? = nil, decode: ([UInt8]) throws(APIError) -> Value
    ) async throws(APIError) -> APIResponse<Value> {
        let (response, _) = try await RetryLoop(policy: configuration.retry, idempotent: request.method == .GET).run { () async -> Result<(RawResponse, Void), AttemptFailure> in
            var request = request
            let taken = LockedValue(false)
            if let body { request.body = .stream(OneChunkBody(chunk: ByteBuffer(bytes: body), taken: taken), length: .known(Int64(body.count))) }
            return await exchange(request, tracker: nil, bodyTaken: taken).map { ($0, ()) }
        }
        return try decodeSuccess(response, decode: decode)
    }

    /// The value of a success answer, or `invalidResponse`.
    func decodeSuccess<Value: Sendable>(
        _ response: RawResponse, decode: ([UInt8]) throws(APIError) -> Value
    ) throws(APIError) -> APIResponse<Value> {
        if response.bodyTooLarge {
            throw .invalidResponse("the body is larger than the \(configuration.maxResponseBytes / 1024) KiB the client reads")
        }
        // The credentials, should a server echo them in a success, reach no history entry or output.
        let body = SecretRedaction.redacting(secrets, inJSON: response.body)
        return APIResponse(value: try decode(body), body: body, status: response.status)
    }

    /// One request and its answer's body (read up to the cap). For an upload, `tracker` follows
    /// the body stream: a stall of the upload longer than the idle timeout fails the attempt.
    /// The whole answer must arrive within the answer timeout once the request was sent.
    func exchange(_ request: HTTPClientRequest, tracker: UploadTracker?, bodyTaken: LockedValue<Bool>? = nil) async -> Result<RawResponse, AttemptFailure> {
        do {
            let headArrived = LockedValue(false)
            // Cancelled once the whole request went, it waits a moment for the answer: Marketplace may act on it all the same.
            let tookWhole: @Sendable () -> Bool = { (tracker?.fileComplete ?? bodyTaken?.withLock { $0 } ?? false) && Self.sentWhole(request, tracker: tracker) != nil }
            let response = try await CancellationGrace.run(sentWhole: tookWhole) { try await withThrowingTaskGroup(of: RawResponse?.self) { group in
                group.addTask { try await self.executeAndRead(request, headArrived: headArrived) }
                group.addTask {
                    try await AnswerDeadline(
                        tracker: tracker, limit: self.configuration.answerTimeout, host: self.address.host,
                        sentWhole: { Self.sentWhole(request, tracker: tracker) }, headArrived: { headArrived.withLock { $0 } }
                    ).wait()
                    return nil
                }
                if let tracker {
                    group.addTask {
                        try await UploadStallWatchdog(tracker: tracker, idleTimeout: self.configuration.idleTimeout, host: self.address.host).watch()
                        return nil
                    }
                }
                while let result = try await group.next() {
                    if let response = result {
                        group.cancelAll()
                        return response
                    }
                }
                throw CancellationError()
            } }
            return .success(response)
        } catch {
            if let failure = tracker?.failure { return .failure(AttemptFailure(error: failure, retryable: false)) }
            if let tracker, Self.closedWithUploadQueued(error, ended: tracker.ended, idleFor: .now - tracker.lastActivity, idleTimeout: configuration.idleTimeout) {
                return .failure(AttemptFailure(error: UploadStallWatchdog.stalled(host: address.host, idleTimeout: configuration.idleTimeout), retryable: false))
            }
            // A fetch's body taken is its request sent: not retried then, whatever failed after.
            let bodyStarted = tracker?.started ?? bodyTaken?.withLock { $0 } ?? false
            let sentWhole = Self.sentWhole(request, tracker: tracker)
            let failure = classifier.classify(error, bodyStarted: bodyStarted, sentWhole: sentWhole)
            // Cancelled (Ctrl-C, `x`) once the whole file, or a fetch's request, had gone: Marketplace may have made it.
            if failure.error == .cancelled, tracker?.fileComplete ?? bodyStarted, let sent = sentWhole {
                return .failure(AttemptFailure(error: .interruptedAfterSending(sent), retryable: false))
            }
            return .failure(failure)
        }
    }

    /// What of a request that makes something on Marketplace (a POST) was sent whole: an
    /// upload's file once its last byte went; a fetch's request, a few hundred bytes written at
    /// once, on any failure: `classify` calls a connection that could not be made unreachable
    /// whatever this says, and any later failure (a reset, a closed connection, no answer) may
    /// come after Marketplace took the request, which the message says. The entry is then the
    /// only trace of a file Marketplace may be fetching, which `--remove-failed` keeps.
    static func sentWhole(_ request: HTTPClientRequest, tracker: UploadTracker?) -> String? {
        guard request.method == .POST else { return nil }
        guard let tracker else { return "the request" }
        return tracker.fileComplete ? "the whole file" : nil
    }

    /// Whether `error` is the HTTP client's read timeout closing the channel while part of the
    /// upload still waited in it. The client starts that timer once it has taken the body's end,
    /// which may still be queued behind a socket the server stopped reading; the queued write then
    /// fails first, as "I/O on closed channel" (seen in CI: most of an 8 MiB jar fits the loopback
    /// buffers of a server that reads nothing). It is the stall the watchdog reports.
    static func closedWithUploadQueued(_ error: any Error, ended: Bool, idleFor: Duration, idleTimeout: Duration) -> Bool {
        ended && (error as? ChannelError) == .ioOnClosedChannel && idleFor >= idleTimeout
    }

    private func executeAndRead(_ request: HTTPClientRequest, headArrived: LockedValue<Bool>) async throws -> RawResponse {
        let response = try await http.execute(request, deadline: .distantFuture)
        headArrived.withLock { $0 = true }
        let receivedAt = Date()
        let cap = configuration.maxResponseBytes
        var body: [UInt8] = []
        var tooLarge = false
        for try await chunk in response.body {
            let room = cap - body.count
            if chunk.readableBytes > room {
                body.append(contentsOf: chunk.readableBytesView.prefix(room))
                tooLarge = true
                break
            }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return RawResponse(
            status: Int(response.status.code), headers: response.headers, body: body,
            bodyTooLarge: tooLarge, receivedAt: receivedAt, secrets: secrets, request: request.method.rawValue + " " + (URLComponents(string: request.url)?.path ?? "")
        )
    }
}
