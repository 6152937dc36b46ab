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
        ]
        for (url, expected) in cases {
            #expect(ServerURL.normalized(url) == expected, "\(url)")
            #expect(ServerURL.normalized(expected) == expected, "normalizing twice changes nothing: \(expected)")
        }
    }
}
