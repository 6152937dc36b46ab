import Foundation
import MarketplaceAPI
import Testing

/// Credentials never travel in clear: plain http only to a host that is loopback for sure.
@Suite("Plain http off loopback")
struct TransportSecurityTests {
    static let credentials = Credentials(email: "me@example.com", apiToken: "transport-token-0c4b")

    @Test("refused for names the resolver may send anywhere, and for addresses that only look like loopback", arguments: [
        "http://marketplace.localhost:8080/marketplace",  // *.localhost goes to DNS with glibc's "files dns"
        "http://localhost.:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "http://127.0.0.1.:8080",
        "http://2130706433",
        "http://0177.0.0.1",
        "http://[::ffff:127.0.0.1]",
        "http://[::]",
        "http://0.0.0.0:8080",
    ])
    func refused(url: String) {
        #expect(throws: APIError.insecureBaseURL(url)) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: Self.credentials))
        }
    }

    @Test("accepted for loopback literals and localhost", arguments: ["http://localhost:8080", "http://127.0.0.1", "http://127.255.0.9", "http://[::1]"])
    func accepted(url: String) async throws {
        let client = try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: Self.credentials))
        try await client.shutdown()
    }
}

/// A server that echoes the credentials in its error text: the message keeps its words,
/// never the token nor the Basic auth value that encodes it.
@Suite("Credentials echoed by a server")
struct EchoedCredentialsTests {
    @Test("the token and the Basic auth value are blanked out of the server's message")
    func echoedCredentialsRedacted() async throws {
        let server = try await DripServer.start(.echoAuthorization)
        let credentials = Credentials(email: "me@example.com", apiToken: "echoed-token-7d3a91")
        let client = try MarketplaceClient(configuration: ClientConfiguration(baseURL: server.baseURL, credentials: credentials))
        let error = await #expect(throws: APIError.self) { try await client.artifact(id: "abc") }
        try await client.shutdown()
        await server.stop()
        let message = try #require(error?.message)
        let basic = Data("me@example.com:echoed-token-7d3a91".utf8).base64EncodedString()
        #expect(message.contains("no account for me@example.com:<redacted>"), "\(message)")
        #expect(!message.contains("echoed-token-7d3a91"))
        #expect(!message.contains(basic))
        #expect(!message.contains(String(basic.prefix(12))))
    }
}
