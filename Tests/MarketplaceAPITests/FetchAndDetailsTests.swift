import Foundation
import MarketplaceAPI
import Testing

/// `POST /rest/3/artifacts/fetch` and `GET /rest/3/artifacts/{artifactId}` on the wire.
@Suite("Fetch and details")
struct FetchAndDetailsTests {
    @Test("Fetch posts {\"uri\": …} as application/json and decodes the remote artifact")
    func fetch() async throws {
        let answer = SampleAnswers.artifactJSON(name: "my-app-1.0.0.jar", remote: "https://example.com/releases/my-app-1.0.0.jar")
        try await withFaultServer(always: .respond(status: 200, headers: SampleAnswers.jsonHeaders, body: answer)) { server, client in
            let response = try await client.fetchArtifact(uri: "https://example.com/releases/my-app-1.0.0.jar")
            #expect(response.value.links.remote != nil)
            #expect(response.value.links.remote?.href == "https://example.com/releases/my-app-1.0.0.jar")
            #expect(response.value.fileInfo.logicalFileName == "my-app-1.0.0.jar")

            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/marketplace/rest/3/artifacts/fetch")
            #expect(request.header("Content-Type") == ["application/json"])
            #expect(request.header("Accept") == ["application/json"])
            #expect(request.header("Authorization") == [TestClients.expectedAuthorization])
            #expect(request.header("Content-Length") == [String(request.body.count)])
            let sent = try JSONDecoder().decode(FetchRequest.self, from: Data(request.body))
            #expect(sent == FetchRequest(uri: "https://example.com/releases/my-app-1.0.0.jar"))
        }
    }

    @Test("A host in another script is sent in its ASCII form and letters outside ASCII after it percent-encoded, as browsers send them, and shown as written")
    func internationalHost() async throws {
        let answer = SampleAnswers.artifactJSON(name: "ä.jar", remote: "https://xn--exmple-cua.com:8443/ä.jar")
        try await withFaultServer(always: .respond(status: 200, headers: SampleAnswers.jsonHeaders, body: answer)) { server, client in
            _ = try await client.fetchArtifact(uri: "https://deploy:pw@Exämple.com:8443/ä.jar?v=1")
            let sent = try JSONDecoder().decode(FetchRequest.self, from: Data(try #require(server.requests.first).body))
            #expect(sent.uri == "https://deploy:pw@xn--exmple-cua.com:8443/%C3%A4.jar?v=1")
        }
        #expect(try FetchURI("https://example.com/über/アプリ.jar?n=é#ä").original
                == "https://example.com/%C3%BCber/%E3%82%A2%E3%83%97%E3%83%AA.jar?n=%C3%A9#%C3%A4")
        #expect(try FetchURI("https://example.com/über.jar").redacted == "https://example.com/über.jar")
        #expect(try FetchURI("https://日本.jp/a.jar").original == "https://xn--wgv71a.jp/a.jar")
        #expect(try FetchURI("https://exämple.com/a.jar").redacted == "https://exämple.com/a.jar")
        for notADomain in ["https://ü..com/a.jar", "https://a\u{200D}ü.com/a.jar"] {
            #expect(throws: APIError.self, "\(notADomain)") { try FetchURI(notADomain) }
        }
        // No port a server listens on, 0 as 65536: refused here, not left to Marketplace.
        for badPort in ["https://example.com:0/a.jar", "https://example.com:65536/a.jar", "https://[::1]:0/a.jar"] {
            #expect(throws: APIError.invalidArgument("The URI to fetch has a bad port."), "\(badPort)") { try FetchURI(badPort) }
        }
        #expect(try FetchURI("https://example.com:65535/a.jar").original == "https://example.com:65535/a.jar")
    }

    @Test("A password holding an @ ends at the last one: the host is what follows it, and no part of the password is shown")
    func passwordWithAnAt() throws {
        let uri = try FetchURI("https://deploy:p@ss@w0rd@downloads.example.com/a.jar")
        #expect(uri.host == "downloads.example.com")
        #expect(uri.userinfo == "deploy:p@ss@w0rd")
        #expect(uri.redacted == "https://downloads.example.com/a.jar")
        #expect(uri.original == "https://deploy:p@ss@w0rd@downloads.example.com/a.jar")
    }

    @Test("Details is a GET of /rest/3/artifacts/{artifactId}")
    func details() async throws {
        try await withFaultServer(always: .respond(status: 200, body: SampleAnswers.artifactJSON(id: "abc-123"))) { server, client in
            let response = try await client.artifact(id: "abc-123")
            #expect(response.status == 200)
            #expect(response.value.artifactId == "abc-123")
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.uri == "/marketplace/rest/3/artifacts/abc-123")
            #expect(request.header("User-Agent") == ["marketplace-assets/\(MarketplaceAPIVersion.tool)"])
            #expect(request.body.isEmpty)
        }
    }

    @Test("An artifact ID is percent-encoded as one path segment", arguments: [
        ("a b", "/marketplace/rest/3/artifacts/a%20b"),
        ("50%", "/marketplace/rest/3/artifacts/50%25"),
        ("x?y#z", "/marketplace/rest/3/artifacts/x%3Fy%23z"),
        ("a..b", "/marketplace/rest/3/artifacts/a..b"),
        ("ä", "/marketplace/rest/3/artifacts/%C3%A4"),
    ])
    func artifactIDEncoding(id: String, expectedURI: String) async throws {
        try await withFaultServer(always: .respond(status: 200, body: SampleAnswers.artifactJSON())) { server, client in
            _ = try await client.artifact(id: id)
            #expect(server.requests.first?.uri == expectedURI)
        }
    }

    @Test("An artifact ID that would change the path is refused before anything is sent", arguments: ["", ".", "..", "../../admin", "a/b", "a\\b", "a\u{0}b"])
    func artifactIDRefused(id: String) async throws {
        try await withFaultServer(always: .respond(status: 200, body: SampleAnswers.artifactJSON())) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: id) })
            guard case .invalidArgument = error else { Issue.record("expected invalidArgument, got \(error)"); return }
            #expect(server.requests.isEmpty)
        }
    }

    @Test("A base URL with a trailing slash gives the same paths")
    func trailingSlash() async throws {
        let server = try await FaultServer.start { _ in .respond(status: 200, body: SampleAnswers.artifactJSON()) }
        let client = try MarketplaceClient(configuration: TestClients.configuration(baseURL: server.baseURL + "/"))
        let result = await apiError { try await client.artifact(id: "abc") }
        try await client.shutdown()
        await server.stop()
        #expect(result == nil)
        #expect(server.requests.first?.uri == "/marketplace/rest/3/artifacts/abc")
    }

    @Test("An empty fetch URI is refused before anything is sent")
    func emptyFetchURI() async throws {
        try await withFaultServer(always: .respond(status: 200, body: SampleAnswers.artifactJSON())) { server, client in
            let error = try #require(await apiError { try await client.fetchArtifact(uri: "  ") })
            guard case .invalidArgument = error else { Issue.record("expected invalidArgument, got \(error)"); return }
            #expect(server.requests.isEmpty)
        }
    }
}
