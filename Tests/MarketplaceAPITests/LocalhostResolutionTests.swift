import Testing
@testable import MarketplaceAPI

/// Plain http is allowed for loopback only, and `localhost` is loopback by where it leads here,
/// not by its name: a hosts file or resolver mapping it elsewhere would send the token in clear.
@Suite("localhost by where it resolves")
struct LocalhostResolutionTests {
    @Test("http://localhost that resolves off this machine is refused, naming the address")
    func localhostElsewhere() {
        #expect {
            try ServerAddress("http://localhost:8080/marketplace", resolve: { _ in ["127.0.0.1", "192.0.2.2"] })
        } throws: { error in
            (error as? APIError)?.message.contains("localhost resolves to 192.0.2.2 here, not to a loopback address") == true
        }
    }

    @Test("http://localhost that resolves to loopback only, or not at all (the connection then says so), is accepted")
    func localhostHere() throws {
        _ = try ServerAddress("http://localhost:8080/marketplace", resolve: { _ in ["127.0.0.1", "::1"] })
        _ = try ServerAddress("http://localhost:8080/marketplace", resolve: { _ in [] })
        _ = try ServerAddress("http://LOCALHOST:8080/marketplace")  // this machine's own resolver
        // An address is no name: nothing to resolve.
        _ = try ServerAddress("http://127.0.0.1:8080/marketplace", resolve: { _ in ["192.0.2.2"] })
        #expect(ServerAddress.addresses("localhost").allSatisfy { ServerAddress.isLoopback(host: $0) })
    }
}
