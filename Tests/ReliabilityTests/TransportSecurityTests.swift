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
