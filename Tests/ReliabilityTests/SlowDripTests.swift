import Foundation
import MarketplaceAPI
import NIOCore
import Testing
import TestSupport

/// A server that drips its answer: a slow one that ends is waited for; one that never ends
/// is cut off by the answer timeout, and its connection closed.
@Suite("Slow drip")
struct SlowDripTests {
    static let credentials = Credentials(email: "drip@example.com", apiToken: "drip-token-5f1e9a")
    static let artifactJSON = #"{"fileInfo": {"logicalFileName": "app.jar", "size": 3, "checksum": "sha512:00"}, "_links": {"self": {"href": "/rest/3/artifacts/drip-1"}}}"#

    /// Runs `body` with a client of `server`, shut down whatever happens.
    ///
    /// (The client reads an answer on Swift's concurrency threads, which a loaded machine running
    /// the other suites beside these can hold for seconds, two on 2 cores: the idle timeout that
    /// a test does not measure is long, so that such a pause is not taken for a silent server.)
    static func withClient<T>(
        _ server: DripServer, idleTimeout: Duration = .seconds(30), answerTimeout: Duration = .seconds(30), _ body: (MarketplaceClient) async throws -> T
    ) async throws -> T {
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL, credentials: credentials, connectTimeout: .seconds(5), idleTimeout: idleTimeout,
            answerTimeout: answerTimeout, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))))
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Waits (up to 30 s, for a loaded machine) for the server to see every connection closed.
    static func connectionsClosed(_ server: DripServer) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while server.log.openConnections > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return server.log.openConnections == 0
    }

    @Test("an answer dripped one byte every 45 ms, over twice the idle timeout in all, arrives whole", .timeLimit(.minutes(1)))
    func slowDripCompletes() async throws {
        let answer = DripServer.response(json: Self.artifactJSON)
        let (every, idleTimeout) = (TimeAmount.milliseconds(45), Duration.seconds(5))
        #expect(Duration.nanoseconds(every.nanoseconds) * answer.count > idleTimeout * 2, "the claim holds of this answer")
        let server = try await DripServer.start(.drip(answer, every: every))
        let started = ContinuousClock.now
        let response = try await Self.withClient(server, idleTimeout: idleTimeout) { try await $0.artifact(id: "drip-1") }
        let elapsed = ContinuousClock.now - started
        await server.stop()
        #expect(response.value.artifactId == "drip-1")
        #expect(server.log.requests == 1)
        reportFigure("slowDripCompletes", "\(answer.count) bytes dripped 1 per 45 ms (idle timeout 5 s): success after \(milliseconds(elapsed)) ms, 1 request")
    }

    @Test("an answer that never ends fails with a timeout after the answer timeout; 1 request, connection closed", .timeLimit(.minutes(1)))
    func endlessDripTimesOut() async throws {
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{".utf8)
        let server = try await DripServer.start(.endless(head: head, every: .milliseconds(100)))
        let started = ContinuousClock.now
        let error = try await Self.withClient(server, answerTimeout: .seconds(2)) { client in
            await #expect(throws: APIError.self) { try await client.artifact(id: "drip-1") }
        }
        let elapsed = ContinuousClock.now - started
        guard case .timeout(let detail)? = error else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
        #expect(detail.contains("whole answer"))
        #expect(server.log.requests == 1)
        #expect(await Self.connectionsClosed(server), "open: \(server.log.openConnections), requests: \(server.log.requests)")
        reportFigure("endlessDripTimesOut", "endless drip (1 byte/100 ms, answer timeout 2 s): timeout after \(milliseconds(elapsed)) ms, 1 request, 0 connections left open")
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
        let file = UploadFile(path: path, fileName: "app.jar", contentType: "application/java-archive", size: Int64(bytes.count))
        let error = try await Self.withClient(server, answerTimeout: .seconds(2)) { client in
            await #expect(throws: APIError.self) { try await client.uploadArtifact(file, computeSHA512: true, progress: nil) }
        }
        guard case .timeout(let detail)? = error else { Issue.record("expected a timeout, got \(String(describing: error))"); return }
        #expect(detail.contains("whole answer"))
        #expect(server.log.requests == 1)
        #expect(await Self.connectionsClosed(server), "open: \(server.log.openConnections), requests: \(server.log.requests)")
        await server.stop()
    }
}
