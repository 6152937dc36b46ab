import Testing
@testable import AssetCore

@Suite struct ServerURLTests {
    @Test("one spelling per server: no surrounding spaces or trailing slashes, the scheme and host in lower case, the path as it is")
    func normalized() {
        let cases = [
            ("https://api.atlassian.com/marketplace", "https://api.atlassian.com/marketplace"),
            (" https://api.atlassian.com/marketplace//\t", "https://api.atlassian.com/marketplace"),
            ("HTTP://LocalHost:8080/Marketplace/", "http://localhost:8080/Marketplace"),
            ("HTTPS://API.example.com", "https://api.example.com"),
            ("https://example.com/A?Q=1", "https://example.com/A?Q=1"),
            ("demo", "demo"),
            ("https://Äpi.Example.com/x", "https://Äpi.example.com/x"),
            ("https://User:PassWord@Host.Example.com/mp/", "https://User:PassWord@host.example.com/mp"),
            // The default port names the same server; another port, or 443 over http, another.
            ("https://api.atlassian.com:443/marketplace", "https://api.atlassian.com/marketplace"),
            ("HTTP://127.0.0.1:80", "http://127.0.0.1"),
            ("http://[::1]:80/marketplace/", "http://[::1]/marketplace"),
            ("http://example.com:443/mp", "http://example.com:443/mp"),
            ("https://example.com:4430/mp", "https://example.com:4430/mp"),
            ("https://example.com:8443", "https://example.com:8443"),
            // A port with leading zeros is that port.
            ("http://127.0.0.1:047100/marketplace", "http://127.0.0.1:47100/marketplace"),
            ("https://api.atlassian.com:0443/marketplace", "https://api.atlassian.com/marketplace"),
            ("http://[fe80:0000::1]:08080/mp", "http://[fe80:0000::1]:8080/mp"),
            ("http://u:0123@example.com/mp", "http://u:0123@example.com/mp"),
        ]
        for (url, expected) in cases {
            #expect(ServerURL.normalized(url) == expected, "\(url)")
            #expect(ServerURL.normalized(expected) == expected, "normalizing twice changes nothing: \(expected)")
        }
    }

    @Test("a server's origin: the scheme and authority, normalized; the reference writes links with and without /marketplace")
    func origin() {
        #expect(ServerURL.origin("https://api.atlassian.com/marketplace") == "https://api.atlassian.com")
        #expect(ServerURL.origin("HTTPS://API.atlassian.com:443") == "https://api.atlassian.com")
        #expect(ServerURL.origin("http://[::1]:8080/marketplace/rest/3?x=/y") == "http://[::1]:8080")
        #expect(ServerURL.origin("https://staging.example.com#/marketplace") == "https://staging.example.com")
        #expect(ServerURL.origin("http://example.com:443/mp") != ServerURL.origin("https://example.com/mp"))
        #expect(ServerURL.origin("demo") == "demo")
    }
}
