import MarketplaceAPI
import Testing

/// How a link's `href` becomes what a person pastes.
@Suite("Links")
struct LinkTests {
    @Test("A path is taken relative to the API base; a full URL, or a base that is not a URL (the demo's), leaves it as it is", arguments: [
        ("/rest/3/artifacts/a-1", "https://api.atlassian.com/marketplace", "https://api.atlassian.com/marketplace/rest/3/artifacts/a-1"),
        ("/rest/3/artifacts/a-1", "https://api.atlassian.com/marketplace//", "https://api.atlassian.com/marketplace/rest/3/artifacts/a-1"),
        ("/rest/3/artifacts/a-1", "http://127.0.0.1:8080", "http://127.0.0.1:8080/rest/3/artifacts/a-1"),
        ("https://cdn.example.com/a-1.jar", "https://api.atlassian.com/marketplace", "https://cdn.example.com/a-1.jar"),
        ("/rest/3/artifacts/a-1", "demo", "/rest/3/artifacts/a-1"),
        // A server that gives the path from its host, the base's path in it: not doubled.
        ("/marketplace/rest/3/artifacts/a-1", "https://api.atlassian.com/marketplace/", "https://api.atlassian.com/marketplace/rest/3/artifacts/a-1"),
        ("/marketplace-x/rest/3/a-1", "https://api.atlassian.com/marketplace", "https://api.atlassian.com/marketplace/marketplace-x/rest/3/a-1"),
    ])
    func absolute(href: String, baseURL: String, expected: String) {
        #expect(Link(href: href).absolute(baseURL: baseURL) == expected)
    }
}
