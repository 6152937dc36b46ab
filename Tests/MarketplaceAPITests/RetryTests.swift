import Foundation
import MarketplaceAPI
import Testing

/// What is retried (429, the service's own 503, 502, 504 and any 503 for a GET, refused connections), how often, and what never is.
@Suite("Retries")
struct RetryTests {
    private static func artifactFile(_ directory: TestDirectory, size: Int = 200_000) throws -> (UploadFile, [UInt8]) {
        let bytes = TestBytes.pattern(size)
        let path = try directory.write("app.jar", bytes)
        return (UploadFile(path: path, fileName: "app.jar", contentType: "application/java-archive", size: Int64(size)), bytes)
    }

    @Test("503 then success: two requests, the file streamed again in full, progress restarting at 0")
    func serviceUnavailableThenSuccess() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let (file, bytes) = try Self.artifactFile(directory)
        let log = ProgressLog()
        let result = try await withFaultServer([
            .respond(status: 503, body: Array(#"{"message": "maintenance"}"#.utf8)),
            .respond(status: 201, body: SampleAnswers.artifactJSON()),
        ]) { server, client in
            let result = try await client.uploadArtifact(file, computeSHA512: true, progress: { log.record($0) })
            let requests = server.requests
            #expect(requests.count == 2)
            for request in requests {
                let part = try #require(ParsedMultipart(body: request.body, contentType: request.header("Content-Type").first ?? ""))
                #expect(part.content == bytes)
                #expect(request.header("Content-Length") == [String(request.body.count)])
            }
            return result
        }
        #expect(result.sentSHA512 == TestBytes.sha512Hex(bytes))
        #expect(log.all.filter { $0.sentBytes == 0 }.count == 2)
        #expect(log.all.last?.sentBytes == Int64(bytes.count))
    }

    @Test("A 503 whose body is no JSON object or array (empty, a bare number, null, a page) is a proxy's: an upload is not sent again",
          arguments: ["", "503", "null", "<html><title>503</title></html>"])
    func bare503NotRetriedForPost(body: String) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let (file, _) = try Self.artifactFile(directory, size: 10_000)
        try await withFaultServer(always: .respond(status: 503, body: Array(body.utf8))) { server, client in
            let error = try #require(await apiError { try await client.uploadArtifact(file, computeSHA512: false, progress: nil) })
            #expect(server.requests.count == 1 && error.serverDetails?.mayHaveActed == true, "\(body)")
        }
    }

    @Test("A 503 of the service's own, a JSON body or a Retry-After, is retried for an upload", arguments: [
        (#"{"message": "maintenance"}"#, [(String, String)]()), ("down for maintenance", [("Retry-After", "0")]),
    ])
    func serviceOwnUnavailableRetriedForPost(body: String, headers: [(String, String)]) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let (file, _) = try Self.artifactFile(directory, size: 10_000)
        try await withFaultServer([
            .respond(status: 503, headers: headers, body: Array(body.utf8)),
            .respond(status: 201, body: SampleAnswers.artifactJSON()),
        ]) { server, client in
            _ = try await client.uploadArtifact(file, computeSHA512: false, progress: nil)
            #expect(server.requests.count == 2)
        }
    }

    @Test("429 with Retry-After: 1, then success: two requests")
    func rateLimitedWithRetryAfterThenSuccess() async throws {
        let response = try await withFaultServer([
            .respond(status: 429, headers: [("Retry-After", "1")], body: Array("slow down".utf8)),
            .respond(status: 200, body: SampleAnswers.artifactJSON(remote: "https://example.com/a.jar")),
        ]) { server, client in
            let response = try await client.fetchArtifact(uri: "https://example.com/a.jar")
            #expect(server.requests.count == 2)
            return response
        }
        #expect(response.value.links.remote != nil)
    }

    @Test("a Retry-After already past asks for no wait: the usual advice, not \"Retry in 0 s\"")
    func aRetryAfterAlreadyPast() {
        for seconds: Int64 in [0, -30] {
            let message = APIError.rateLimited(ServerErrorDetails(status: 429, retryAfterSeconds: seconds)).message
            #expect(message.hasSuffix("Wait a minute, then try again.") && !message.contains("Retry in"), "\(message)")
        }
    }

    @Test("A Retry-After beyond the total wait bound gives up at once, saying when to retry", arguments: [429, 503])
    func retryAfterTooLong(status: Int) async throws {
        try await withFaultServer([
            .respond(status: status, headers: [("Retry-After", "86400")], body: Array(#"{"error": "quota exhausted"}"#.utf8)),
            .respond(status: 200, body: SampleAnswers.artifactJSON()),
        ]) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(server.requests.count == 1)
            #expect(error.status == status)
            #expect(error.serverDetails?.retryAfterSeconds == 86400)
            #expect(error.message.contains("quota exhausted"))
            #expect(error.message.hasSuffix("Retry in 24 h."))
            if status == 429 {
                guard case .rateLimited = error else { Issue.record("expected rateLimited, got \(error)"); return }
            } else {
                guard case .serverError = error else { Issue.record("expected serverError, got \(error)"); return }
            }
        }
    }

    @Test("The bound is the total wait itself: a Retry-After just past it gives up at once, one at it is waited")
    func retryAfterAtTheBound() async throws {
        let busy = FaultServer.Behavior.respond(status: 503, headers: [("Retry-After", "2")], body: Array(#"{"message": "busy"}"#.utf8))
        try await withFaultServer([busy, .respond(status: 200, body: SampleAnswers.artifactJSON())],
                                  retry: RetryPolicy(maxTotalWait: .seconds(1))) { server, client in
            #expect(await apiError { try await client.artifact(id: "abc") }?.status == 503)
            #expect(server.requests.count == 1)
        }
        try await withFaultServer([busy, .respond(status: 200, body: SampleAnswers.artifactJSON())],
                                  retry: RetryPolicy(maxTotalWait: .seconds(2))) { server, client in
            _ = try await client.artifact(id: "abc")
            #expect(server.requests.count == 2)
        }
    }

    @Test("A Retry-After HTTP date far in the future is honoured the same way")
    func retryAfterDate() async throws {
        try await withFaultServer([.respond(status: 429, headers: [("Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT")])]) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(server.requests.count == 1)
            #expect((error.serverDetails?.retryAfterSeconds ?? 0) > 86_400 * 365)
        }
    }

    @Test("502, 503 and 504 are retried up to maxAttempts, then reported with the attempt count", arguments: [502, 503, 504])
    func gatewayErrorsRetriedThenReported(status: Int) async throws {
        try await withFaultServer(always: .respond(status: status, body: Array("upstream trouble".utf8))) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(server.requests.count == 3)
            guard case .serverError(let details) = error else { Issue.record("expected serverError, got \(error)"); return }
            #expect(details.status == status)
            #expect(details.attempts == 3)
            #expect(error.message.contains("after 3 attempts"))
            #expect(error.message.contains("upstream trouble"))
        }
    }

    @Test("502, 504 and a proxy's bare 503 are not retried for an upload or a fetch: the server behind the gateway may have made the artifact", arguments: [502, 503, 504])
    func gatewayErrorsNotRetriedForPost(status: Int) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let (file, _) = try Self.artifactFile(directory, size: 10_000)
        try await withFaultServer(always: .respond(status: status, body: Array("upstream trouble".utf8))) { server, client in
            let upload = try #require(await apiError { try await client.uploadArtifact(file, computeSHA512: false, progress: nil) })
            #expect(server.requests.count == 1)
            #expect(upload.status == status)
            let fetch = try #require(await apiError { try await client.fetchArtifact(uri: "https://example.com/a.jar") })
            #expect(server.requests.count == 2)
            #expect(fetch.status == status)
        }
    }

    @Test("500 and the other 4xx are never retried", arguments: [400, 401, 403, 404, 409, 413, 415, 500, 501])
    func noRetry(status: Int) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let (file, _) = try Self.artifactFile(directory, size: 10_000)
        try await withFaultServer([
            .respond(status: status, body: Array(#"{"message": "nope"}"#.utf8)),
            .respond(status: 201, body: SampleAnswers.artifactJSON()),
        ]) { server, client in
            let error = try #require(await apiError { try await client.uploadArtifact(file, computeSHA512: false, progress: nil) })
            #expect(server.requests.count == 1)
            #expect(error.status == status)
            #expect(error.serverDetails?.attempts == 1)
        }
    }

    @Test("RetryPolicy.none makes exactly one try")
    func noRetryPolicy() async throws {
        try await withFaultServer(always: .respond(status: 503), retry: .none) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(server.requests.count == 1)
            #expect(error.status == 503)
        }
    }

    @Test("A refused connection is retried, then reported as a server that cannot be reached")
    func connectionRefused() async throws {
        let refusing = try RefusingPort()
        let client = try MarketplaceClient(configuration: TestClients.configuration(baseURL: "http://127.0.0.1:\(refusing.port)"))
        let error = await apiError { try await client.artifact(id: "abc") }
        try await client.shutdown()
        withExtendedLifetime(refusing) {}
        guard case .unreachable(let detail) = try #require(error) else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("Could not connect to 127.0.0.1"))
        #expect(detail.contains("after 3 attempts"))
    }

    @Test("A connection closed before any answer is tried again for a GET (a kept-alive connection the server had just closed), never for an upload")
    func closedBeforeAnswering() async throws {
        let answer = FaultServer.Behavior.respond(status: 200, body: SampleAnswers.artifactJSON())
        try await withFaultServer([.dropAfterBodyBytes(0), answer]) { server, client in
            _ = try await client.artifact(id: "abc")
            #expect(server.requests.count == 2)
        }
        try await withFaultServer([.dropAfterBodyBytes(0), answer]) { server, client in
            let error = try #require(await apiError { try await client.fetchArtifact(uri: "https://example.com/a.jar") })
            #expect(server.requests.count == 1)
            guard case .connectionFailed = error else { Issue.record("expected connectionFailed, got \(error)"); return }
        }
    }

    @Test("A host that takes the connection and never answers TLS: unreachable (nothing was sent), saying so, not advice to raise --timeout",
          .timeLimit(.minutes(2)))
    func silentTLS() async throws {
        let silent = try RefusingPort(listening: true)
        let client = try MarketplaceClient(configuration: TestClients.configuration(baseURL: "https://127.0.0.1:\(silent.port)/m", connectTimeout: .seconds(1)))
        let started = ContinuousClock.now
        let error = await apiError { try await client.artifact(id: "abc") }
        let waited = ContinuousClock.now - started
        try await client.shutdown()
        withExtendedLifetime(silent) {}
        guard case .unreachable(let detail) = try #require(error) else {
            Issue.record("expected unreachable (nothing was sent), got \(String(describing: error))")
            return
        }
        #expect(detail.hasPrefix("127.0.0.1 did not answer in TLS within 1 s"), "\(detail)")
        // Each try waits the connect timeout: the message says how many there were.
        #expect(waited < .seconds(2) || detail.contains("attempts)"), "\(detail) after \(waited)")
        #expect(error?.message.contains("--timeout") == false, "\(error?.message ?? "")")
        // (No hang: the time limit. A bound in seconds failed at 32 s on a machine busy with two builds.)
    }

    @Test("Cancelling while waiting to retry ends at once with .cancelled", .timeLimit(.minutes(1)))
    func cancelledDuringBackoff() async throws {
        // A 30 s backoff: a shorter one let a stalled machine make the second try before the cancel.
        try await withFaultServer(always: .respond(status: 503, headers: [("Retry-After", "30")]), retry: RetryPolicy(maxTotalWait: .seconds(60))) { server, client in
            let task = Task { await apiError { try await client.artifact(id: "abc") } }
            let deadline = ContinuousClock.now + .seconds(30)
            while server.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(server.requests.count == 1, "the first try reached the server")
            // Cancelled during the 30 s backoff, or before it starts: .cancelled either way.
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            let error = await task.value
            #expect(error == .cancelled)
            #expect(server.requests.count == 1)
        }
    }
}
