import Foundation
import MarketplaceAPI
import Testing

/// A server that drips its answer: a slow one that ends is waited for; one that never ends
/// is cut off by the answer timeout, and its connection closed.
@Suite("Slow drip")
struct SlowDripTests {
    static let credentials = Credentials(email: "drip@example.com", apiToken: "drip-token-5f1e9a")
    static let artifactJSON = #"{"fileInfo": {"logicalFileName": "app.jar", "size": 3, "checksum": "sha512:00"}, "_links": {"self": {"href": "/rest/3/artifacts/drip-1"}}}"#

    static func client(_ server: DripServer, answerTimeout: Duration = .seconds(30)) throws -> MarketplaceClient {
        try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL, credentials: credentials, connectTimeout: .seconds(5), idleTimeout: .seconds(1),
            answerTimeout: answerTimeout, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))))
    }

    /// Waits (up to 5 s) for the server to see every connection closed.
    static func connectionsClosed(_ server: DripServer) async -> Bool {
        for _ in 0..<500 where server.log.openConnections > 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return server.log.openConnections == 0
    }

    @Test("an answer dripped one byte every 10 ms, over twice the idle timeout in all, arrives whole", .timeLimit(.minutes(1)))
    func slowDripCompletes() async throws {
        let answer = DripServer.response(json: Self.artifactJSON)
        let server = try await DripServer.start(.drip(answer, every: .milliseconds(10)))
        let client = try Self.client(server)
        let started = ContinuousClock.now
        let response = try await client.artifact(id: "drip-1")
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        #expect(response.value.artifactId == "drip-1")
        #expect(server.log.requests == 1)
        reportFigure("slowDripCompletes", "\(answer.count) bytes dripped 1 per 10 ms (idle timeout 1 s): success after \(milliseconds(elapsed)) ms, 1 request")
        await server.stop()
    }

    @Test("an answer that never ends fails with a timeout after the answer timeout; 1 request, connection closed", .timeLimit(.minutes(1)))
    func endlessDripTimesOut() async throws {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{".utf8)
        let server = try await DripServer.start(.endless(head: head, every: .milliseconds(100)))
        let client = try Self.client(server, answerTimeout: .seconds(2))
        let started = ContinuousClock.now
        let error = await #expect(throws: APIError.self) { try await client.artifact(id: "drip-1") }
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        guard case .timeout(let detail)? = error else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
        #expect(detail.contains("whole answer"))
        #expect(server.log.requests == 1)
        #expect(await Self.connectionsClosed(server))
        reportFigure("endlessDripTimesOut", "endless drip (1 byte/100 ms, idle timeout 1 s, answer timeout 2 s): timeout after \(milliseconds(elapsed)) ms, 1 request, 0 connections left open")
        await server.stop()
    }

    @Test("an upload whose answer never ends fails with a timeout too, not retried", .timeLimit(.minutes(1)))
    func endlessDripAfterUploadTimesOut() async throws {
        let folder = try TemporaryFolder("drip-upload")
        defer { folder.remove() }
        let bytes = [UInt8](repeating: 7, count: 300_000)
        let path = try folder.write("app.jar", bytes)
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{".utf8)
        let server = try await DripServer.start(.endless(head: head, every: .milliseconds(100)))
        let client = try Self.client(server, answerTimeout: .seconds(2))
        let file = UploadFile(path: path, fileName: "app.jar", contentType: "application/java-archive", size: Int64(bytes.count))
        let error = await #expect(throws: APIError.self) { try await client.uploadArtifact(file, computeSHA512: true, progress: nil) }
        try await client.shutdown()
        guard case .timeout(let detail)? = error else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
        #expect(detail.contains("whole answer"))
        #expect(server.log.requests == 1)
        #expect(await Self.connectionsClosed(server))
        await server.stop()
    }
}
