import Foundation
import MarketplaceAPI

enum TestClients {
    static let credentials = Credentials(email: "dev@example.com", apiToken: "s3cret-token-value")

    /// Basic auth as the server must see it.
    static var expectedAuthorization: String {
        "Basic " + Data("\(credentials.email):\(credentials.apiToken)".utf8).base64EncodedString()
    }

    /// Retries with tiny waits, so retry tests run fast.
    static let fastRetry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100), maxTotalWait: .seconds(5))

    static func configuration(
        baseURL: String, retry: RetryPolicy = fastRetry, connectTimeout: Duration = .seconds(5), idleTimeout: Duration = .seconds(10),
        answerTimeout: Duration = .seconds(120)
    ) -> ClientConfiguration {
        ClientConfiguration(baseURL: baseURL, credentials: credentials, connectTimeout: connectTimeout, idleTimeout: idleTimeout,
                            answerTimeout: answerTimeout, retry: retry)
    }
}

/// Runs `body` with a fault server and a client pointed at it; both are shut down afterwards,
/// whatever happens.
func withFaultServer<T>(
    _ script: @escaping @Sendable (Int) -> FaultServer.Behavior,
    retry: RetryPolicy = TestClients.fastRetry,
    idleTimeout: Duration = .seconds(10),
    answerTimeout: Duration = .seconds(120),
    _ body: (FaultServer, MarketplaceClient) async throws -> T
) async throws -> T {
    let server = try await FaultServer.start(script)
    let client: MarketplaceClient
    do {
        client = try MarketplaceClient(configuration: TestClients.configuration(
            baseURL: server.baseURL, retry: retry, idleTimeout: idleTimeout, answerTimeout: answerTimeout))
    } catch {
        await server.stop()
        throw error
    }
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

func withFaultServer<T>(
    _ behaviors: [FaultServer.Behavior],
    retry: RetryPolicy = TestClients.fastRetry,
    idleTimeout: Duration = .seconds(10),
    _ body: (FaultServer, MarketplaceClient) async throws -> T
) async throws -> T {
    try await withFaultServer({ behaviors[Swift.min($0, behaviors.count - 1)] }, retry: retry, idleTimeout: idleTimeout, body)
}

func withFaultServer<T>(
    always behavior: FaultServer.Behavior,
    retry: RetryPolicy = TestClients.fastRetry,
    idleTimeout: Duration = .seconds(10),
    answerTimeout: Duration = .seconds(120),
    _ body: (FaultServer, MarketplaceClient) async throws -> T
) async throws -> T {
    try await withFaultServer({ _ in behavior }, retry: retry, idleTimeout: idleTimeout, answerTimeout: answerTimeout, body)
}

/// Collects progress reports from the upload's task.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [UploadProgress] = []

    func record(_ event: UploadProgress) { lock.withLock { events.append(event) } }
    var all: [UploadProgress] { lock.withLock { events } }
}

/// Canned answers shaped like the reference's examples.
enum SampleAnswers {
    static func artifactJSON(id: String = "337c40d8-c903-4e28-8498-7cbc372ba578", name: String = "my-app.jar", size: Int = 1_048_576, checksum: String? = nil, remote: String? = nil, details: Bool = true, extraKey: Bool = false) -> [UInt8] {
        var fileInfo = "\"logicalFileName\": \"\(name)\", \"size\": \(size)"
        if let checksum { fileInfo += ", \"checksum\": \"sha512:\(checksum)\"" }
        var links = "\"self\": {\"href\": \"/rest/3/artifacts/\(id)\"}, \"binary\": {\"href\": \"/rest/3/artifacts/\(id)/download\"}"
        if let remote { links += ", \"remote\": {\"href\": \"\(remote)\"}" }
        let detailsJSON = details
            ? ", \"details\": {\"key\": \"my.app.key\", \"name\": \"my-app\", \"version\": \"1.0.0\", \"licensingEnabled\": true, \"addOnType\": \"two\"}"
            : ""
        let extra = extraKey ? ", \"somethingNew\": {\"nested\": [1, 2, 3]}" : ""
        return Array("{\"fileInfo\": {\(fileInfo)}\(detailsJSON), \"_links\": {\(links)}\(extra)}".utf8)
    }

    static let imageJSON = Array(#"{"id": "img-12345-abcdef-67890-ghijkl", "mediaType": "image", "mimeType": "image/png", "name": "app-icon.png", "size": 524288}"#.utf8)

    static let jsonHeaders = [("Content-Type", "application/json")]
}

/// The `APIError` `operation` throws; `nil` when it succeeds or throws something else
/// (tests then fail on their `#require`).
func apiError<T>(_ operation: () async throws -> T) async -> APIError? {
    do {
        _ = try await operation()
        return nil
    } catch let error as APIError {
        return error
    } catch {
        return nil
    }
}
