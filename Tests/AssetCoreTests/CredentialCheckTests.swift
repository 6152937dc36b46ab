import Foundation
import MarketplaceAPI
import MarketplaceEmulator
import Testing
import TestSupport
@testable import AssetCore

@Suite("Checking credentials with a request that changes nothing")
struct CredentialCheckTests {
    static let credentials = Credentials(email: "check@example.com", apiToken: "check-token-\(UUID().uuidString)")

    @Test("the emulator accepts the right credentials and rejects a wrong token or email (401)")
    func againstEmulator() async throws {
        let folder = try TemporaryFolder("check")
        defer { folder.remove() }
        let emulator = try await Self.emulator(in: folder)
        let right = await CredentialCheck.run(Self.credentials, baseURL: emulator.baseURL, retry: .none)
        let wrongToken = await CredentialCheck.run(Credentials(email: Self.credentials.email, apiToken: "wrong"), baseURL: emulator.baseURL, retry: .none)
        let wrongEmail = await CredentialCheck.run(Credentials(email: "x@example.com", apiToken: Self.credentials.apiToken), baseURL: emulator.baseURL, retry: .none)
        await emulator.stop()
        #expect(right == .accepted(status: 404))
        guard case .rejected(401, _) = wrongToken else { Issue.record("wrong token: \(wrongToken)"); return }
        guard case .rejected(401, _) = wrongEmail else { Issue.record("wrong email: \(wrongEmail)"); return }
        #expect(right.refusal(server: emulator.baseURL) == nil)
        let refusal = try #require(wrongToken.refusal(server: "https://x.example"))
        #expect(refusal.hasPrefix("https://x.example rejected the email and API token (401") && refusal.hasSuffix("Nothing was stored."))
        #expect(CredentialCheck.Verdict.inconclusive("The connection timed out.").refusal(server: "https://x.example")
                == "Could not check the credentials: The connection timed out. Nothing was stored.")
    }

    /// An emulator on a free port that accepts `credentials`, its data in `folder`.
    static func emulator(in folder: TemporaryFolder) async throws -> RunningEmulator {
        var configuration = EmulatorConfiguration(dataDirectory: folder.file("emulator"))
        configuration.port = 0
        configuration.credentials = [credentials]
        return try await MarketplaceEmulator(configuration: configuration).start()
    }

    /// Whether `request` signs in with the check's made-up credentials.
    static func isMadeUp(_ request: FakeServer.Request) -> Bool {
        let made = CredentialCheck.madeUpCredentials
        return request.headers["authorization"] == "Basic " + Data((made.email + ":" + made.apiToken).utf8).base64EncodedString()
    }

    @Test("401 and 403 are rejections; the API's 404 and 400 acceptances (made-up credentials refused); 5xx, 429, web pages, redirects and no answer tell nothing")
    func verdicts() async throws {
        for (status, expected) in [(403, "rejected"), (401, "rejected"), (404, "accepted"), (400, "accepted"), (500, "inconclusive"), (429, "inconclusive")] {
            let server = try FakeServer { request in
                Self.isMadeUp(request) ? .respond(status: 401, body: []) : .respond(status: status, body: Array("{\"message\": \"said \(status)\"}".utf8))
            }
            let verdict = await CredentialCheck.run(Self.credentials, baseURL: server.baseURL + "/marketplace", retry: .none)
            server.stop()
            let kind = switch verdict { case .accepted: "accepted"; case .rejected: "rejected"; case .inconclusive: "inconclusive" }
            #expect(kind == expected, "\(status): \(verdict)")
            if case .inconclusive(let message) = verdict { #expect(!message.contains(Self.credentials.apiToken)) }
        }
        // What the API would not answer tells nothing: a wrong base URL's web page, a redirect to
        // a login page, a captive portal's 200.
        for (status, body) in [(404, "<html>Not Found</html>"), (404, "404 page not found"), (302, ""), (200, "<html>Sign in to the network</html>"), (200, "{}")] {
            let server = try FakeServer { _ in .respond(status: status, body: Array(body.utf8)) }
            let verdict = await CredentialCheck.run(Self.credentials, baseURL: server.baseURL + "/marketplace", retry: .none)
            server.stop()
            guard case .inconclusive(let message) = verdict, message.contains("check the base URL") else {
                Issue.record("\(status) \(body): \(verdict)")
                continue
            }
        }
        let closed = try FakeServer { _ in .respond(status: 200, body: []) }
        let port = closed.port
        closed.stop()
        let unreachable = await CredentialCheck.run(Self.credentials, baseURL: "http://127.0.0.1:\(port)/marketplace", retry: .none)
        guard case .inconclusive = unreachable else { Issue.record("unreachable: \(unreachable)"); return }
        let insecure = await CredentialCheck.run(Self.credentials, baseURL: "http://example.com/marketplace", retry: .none)
        guard case .inconclusive(let message) = insecure, message.contains("clear text") else { Issue.record("insecure: \(insecure)"); return }
    }

    @Test("the check asks for one made-up artifact with Basic auth, then again with made-up credentials, and nothing else")
    func request() async throws {
        let server = try FakeServer { request in Self.isMadeUp(request) ? .respond(status: 401, body: []) : .respond(status: 404, body: Array("{}".utf8)) }
        let verdict = await CredentialCheck.run(Self.credentials, baseURL: server.baseURL + "/marketplace", retry: .none)
        let requests = server.requests
        server.stop()
        #expect(verdict == .accepted(status: 404))
        #expect(requests.map(\.method) == ["GET", "GET"])
        #expect(requests.allSatisfy { $0.path == "/marketplace/rest/3/artifacts/\(CredentialCheck.probeArtifactID)" && $0.body.isEmpty })
        #expect(requests.map(Self.isMadeUp) == [false, true])
    }

    @Test("a path that answers the API's 404 in JSON whoever asks (a mistyped base URL, a server that checks nothing) tells nothing: nothing is stored")
    func aPathThatAnswersAnyone() async throws {
        let server = try FakeServer { _ in .respond(status: 404, body: Array("{\"message\": \"No such endpoint\"}".utf8)) }
        let verdict = await CredentialCheck.run(Self.credentials, baseURL: server.baseURL + "/marketplce", retry: .none)
        server.stop()
        guard case .inconclusive(let message) = verdict else { Issue.record("\(verdict)"); return }
        #expect(message.contains("answered made-up credentials too (404)") && message.contains("check the base URL"))

        // An artifact to anyone (a stub that checks nothing): it was taken for an acceptance unasked.
        let artifact = #"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "_links": {"self": {"href": "/rest/3/artifacts/x"}}}"#
        let anyone = try FakeServer { _ in .respond(status: 200, body: Array(artifact.utf8)) }
        let answered = await CredentialCheck.run(Self.credentials, baseURL: anyone.baseURL + "/marketplace", retry: .none)
        let asked = anyone.requests.count
        anyone.stop()
        guard case .inconclusive(let reason) = answered else { Issue.record("200 to anyone: \(answered)"); return }
        #expect(asked == 2 && reason.contains("answered made-up credentials too (200)"))
        // Each answer named as it came: these 200, made-up ones a 404 in JSON.
        let split = try FakeServer { request in
            Self.isMadeUp(request) ? .respond(status: 404, body: Array("{}".utf8)) : .respond(status: 200, body: Array(artifact.utf8))
        }
        let told = await CredentialCheck.run(Self.credentials, baseURL: split.baseURL + "/marketplace", retry: .none)
        split.stop()
        guard case .inconclusive(let words) = told else { Issue.record("\(told)"); return }
        #expect(words.contains("answered made-up credentials too (404; these 200)"), "\(words)")

        // The emulator: its endpoints under a mistyped base path answer 404 to anyone.
        let folder = try TemporaryFolder("check-typo")
        defer { folder.remove() }
        let emulator = try await Self.emulator(in: folder)
        let typo = await CredentialCheck.run(Self.credentials, baseURL: emulator.baseURL + "x", retry: .none)
        await emulator.stop()
        guard case .inconclusive = typo else { Issue.record("emulator, mistyped base URL: \(typo)"); return }
    }

    @Test("--timeout bounds the check: a server that never answers is given up after it, and said so")
    func idleTimeout() async throws {
        let server = try FakeServer { _ in .stall }
        defer { server.stop() }
        // (No bound on the time taken: loaded machines took 10.6 and 21.5 s. That the reason
        // names 1 s, not the check's own 30, says which timeout ended it.)
        let verdict = await CredentialCheck.run(Self.credentials, baseURL: server.baseURL + "/marketplace", idleTimeout: .seconds(1), retry: .none)
        guard case .inconclusive(let reason) = verdict else { Issue.record("expected inconclusive, got \(verdict)"); return }
        #expect(reason.contains("within 1 s"), "\(reason)")
    }

    @Test("an idle timeout sets the answer's at least twice as long, and the connection's no longer")
    func idleTimeoutSetsTheOthers() {
        var short = ClientConfiguration(credentials: Self.credentials, connectTimeout: .seconds(10), answerTimeout: .seconds(30))
        short.setIdleTimeout(.seconds(2))
        #expect((short.idleTimeout, short.connectTimeout, short.answerTimeout) == (.seconds(2), .seconds(2), .seconds(30)))
        var long = ClientConfiguration(credentials: Self.credentials, connectTimeout: .seconds(10), answerTimeout: .seconds(30))
        long.setIdleTimeout(.seconds(100))
        #expect((long.idleTimeout, long.connectTimeout, long.answerTimeout) == (.seconds(100), .seconds(10), .seconds(200)))
    }
}
