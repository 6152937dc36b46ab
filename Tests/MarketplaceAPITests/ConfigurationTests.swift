import Foundation
import MarketplaceAPI
import Testing

/// Client set-up: which base URLs are accepted, and what never leaks the token.
@Suite("Configuration")
struct ConfigurationTests {
    @Test("Plain http off loopback is refused: credentials would travel in clear", arguments: [
        "http://api.atlassian.com/marketplace",
        "http://example.com",
        "http://10.0.0.1:8080",
        "http://127.0.0.1.nip.io",
        "http://0x7f.0.0.1",
        "http://[::2]:8080",
        "HTTP://Example.com/",
    ])
    func insecureRefused(url: String) throws {
        #expect(throws: APIError.insecureBaseURL(url)) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: TestClients.credentials))
        }
    }

    @Test("https anywhere and http on loopback are accepted", arguments: [
        ClientConfiguration.defaultBaseURL,
        "https://api.atlassian.com/marketplace/",
        "https://example.com:8443",
        "https://gateway.example/rest-api/marketplace",
        "http://127.0.0.1:8080",
        "http://127.1.2.3",
        "http://localhost:9000/marketplace",
        "http://LOCALHOST",
        "http://[::1]:8080",
        "http://[0:0:0:0:0:0:0:1]",
        // A gateway's prefix that holds a `rest` of its own, not the API's `rest/3`.
        "https://gw.corp.example/services/rest/atlassian-marketplace",
    ])
    func accepted(url: String) async throws {
        let client = try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: TestClients.credentials))
        try await client.shutdown()
        try await client.shutdown()  // a second shutdown is harmless
    }

    @Test("Base URLs that cannot work are refused with a reason", arguments: [
        "api.atlassian.com/marketplace",
        "ftp://example.com",
        "https://",
        "https://user:pass@example.com",
        // Too malformed to parse, a password in them all the same: never shown either.
        "https://user:pass@/m",
        "http:/user:pass@127.0.0.1:1/m",
        "https://user:pass@exa mple.com/m",
        "https://example.com/?q=1",
        "https://example.com/#top",
        "",
        // Pasted from the reference's full URLs: the client adds /rest/3/… itself.
        "https://api.atlassian.com/marketplace/rest/3", "https://api.atlassian.com/rest/3/", "http://127.0.0.1:8080/marketplace/REST", "https://gw.example/rest/marketplace/rest/2/x",
        "https://h.example/rest/./3", "https://h.example/rest/x/../3", "https://h.example/rest;v=1/3",
        // No port a server listens on (past 65535, an IP address's connection trapped in SwiftNIO).
        "http://127.0.0.1:99999/marketplace", "https://127.0.0.1:65536/m", "http://[::1]:99999/m", "https://example.com:0/m",
        // Too long to be a number: Foundation gives no port, and the default one was used unseen.
        "http://127.0.0.1:99999999999999999999/m", "https://user:pass@example.com:99999999999999999999/m",
    ])
    func invalid(url: String) throws {
        let error = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: TestClients.credentials))
        }
        guard case .invalidBaseURL = error else {
            Issue.record("expected invalidBaseURL, got \(String(describing: error))")
            return
        }
        #expect(error?.message.contains("user:pass") == false, "a password in the URL (the token, maybe) is never shown")
        #expect(error?.message.contains("  ") == false, "an empty URL is named as such: \(error?.message ?? "")")
    }

    @Test("a refused base URL that mends into one suggests that one: what it holds marked, the API's own path left out", arguments: [
        ("https://user:pass@api.example.com/marketplace", "The base URL https://…@api.example.com/marketplace cannot be used", "Use e.g. https://api.example.com/marketplace."),
        ("http://127.0.0.1:47100/marketplace/rest/3", "", "Use e.g. http://127.0.0.1:47100/marketplace."),
        ("https://gw.example/rest/marketplace/rest/2/x?y=1", "", "Use e.g. https://gw.example/rest/marketplace."),
        ("ftp://example.com", "", "Use e.g. https://api.atlassian.com/marketplace."),
    ])
    func refusalSuggestsTheMendedURL(url: String, shown: String, suggestion: String) {
        let error = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: url, credentials: TestClients.credentials))
        }
        let message = error?.message ?? ""
        #expect((shown.isEmpty || message.contains(shown)) && message.hasSuffix(suggestion) && !message.contains("user:pass"), "\(message)")
    }

    @Test("a token pasted as the base URL (one word, no scheme, host or path) is not repeated; a host without its scheme is")
    func aTokenGivenAsTheBaseURLIsNotRepeated() {
        let token = "ATATT3xFfGF0" + String(repeating: "k", count: 40)
        let error = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: token, credentials: TestClients.credentials))
        }
        #expect(error?.message.contains(token) == false && error?.message.contains("it may be a token") == true, "\(error?.message ?? "")")
        let host = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: "api.atlassian.com/marketplace", credentials: TestClients.credentials))
        }
        #expect(host?.message.contains("api.atlassian.com/marketplace cannot be used: it is not an absolute URL") == true, "\(host?.message ?? "")")
        let short = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: "localhost", credentials: TestClients.credentials))
        }
        #expect(short?.message.contains("localhost cannot be used") == true, "a word too short for a token is repeated: \(short?.message ?? "")")
    }

    @Test("A password holding a / in a URL too malformed to parse is not shown in part either")
    func passwordWithASlash() {
        let error = #expect(throws: APIError.self) {
            try MarketplaceClient(configuration: ClientConfiguration(baseURL: "https://user:pa/ss@example.com/m", credentials: TestClients.credentials))
        }
        #expect(error?.message.contains("pa/") == false && error?.message.contains("/ss") == false, "\(String(describing: error?.message))")
    }

    @Test("The insecure-URL message says what to do")
    func insecureMessage() {
        let message = APIError.insecureBaseURL("http://example.com").message
        #expect(message.contains("https"))
        #expect(message.contains("127.0.0.0/8"))
    }

    @Test("Credentials never show the token: description, interpolation, dump, configuration")
    func tokenNeverShown() {
        let credentials = TestClients.credentials
        let configuration = ClientConfiguration(credentials: credentials)
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        for text in [credentials.description, "\(credentials)", String(reflecting: credentials), dumped, dumpedConfiguration, "\(configuration)"] {
            #expect(!text.contains(credentials.apiToken), "\(text)")
        }
        #expect(credentials.description.contains(credentials.email))
    }

    @Test("The default User-Agent names the tool and its version")
    func userAgent() {
        let configuration = ClientConfiguration(credentials: TestClients.credentials)
        #expect(configuration.userAgent == "marketplace-assets/\(MarketplaceAPIVersion.tool)")
        #expect(configuration.baseURL == "https://api.atlassian.com/marketplace")
        #expect(configuration.retry == .default)
        #expect(RetryPolicy.default.maxAttempts == 3)
    }

    @Test("Backoff grows exponentially, is capped, and jitter keeps it within d/2 ... d")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300), maxTotalWait: .seconds(10))
        #expect(policy.backoff(afterAttempt: 1, jitter: 1) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 1, jitter: 0) == .milliseconds(50))
        #expect(policy.backoff(afterAttempt: 2, jitter: 1) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 3, jitter: 1) == .milliseconds(300))
        #expect(policy.backoff(afterAttempt: 60, jitter: 1) == .milliseconds(300))
        for attempt in 1...10 {
            let delay = policy.randomBackoff(afterAttempt: attempt)
            #expect(delay >= .milliseconds(50) && delay <= .milliseconds(300))
        }
        #expect(RetryPolicy.none.maxAttempts == 1)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test("Each status has its own error with a message that says what to do", arguments: [
        (400, "server words."),
        (401, "`marketplace-assets auth status` says where they come from"),
        (403, "may manage this app"),
        (404, "Check the artifact ID or image type"),
        (413, "Upload a smaller file"),
        (415, "PNG, JPEG, GIF or BMP"),
        (429, "Wait a minute"),
        (500, "Try again later"),
        (503, "Try again later"),
        (302, "check the base URL"),
    ])
    func statusMessages(status: Int, advice: String) {
        let error = APIError.forStatus(ServerErrorDetails(status: status, serverMessage: "server words"))
        #expect(error.status == status)
        #expect(error.message.contains("HTTP \(status)"))
        #expect(error.message.contains("server words"))
        #expect(error.message.contains(advice), "\(error.message)")
        #expect(error.description == error.message)
    }

    @Test("A 404's advice names what the request named: the artifact ID, the image type, else the base URL alone", arguments: [
        ("GET /rest/3/artifacts/337c40d8", "Check the artifact ID and the base URL."),
        ("GET /rest/3/artifacts/fetch", "Check the artifact ID and the base URL."),
        ("POST /prefix/rest/3/assets/images/logo", "Check the image type and the base URL."),
        ("POST /rest/3/artifacts", "Check the base URL."),
        ("POST /rest/3/artifacts/fetch", "Check the base URL."),
    ])
    func notFoundAdvice(request: String, advice: String) {
        let error = APIError.forStatus(ServerErrorDetails(status: 404, request: request))
        #expect(error.message == "Marketplace found nothing there (HTTP 404 Not Found). \(advice)")
    }

    @Test("A status is named with its reason phrase where it has one (the emulator's 507 too), by its number alone where not")
    func reasonPhrases() {
        #expect(APIError.forStatus(ServerErrorDetails(status: 507, request: "POST /rest/3/artifacts")).message.contains("HTTP 507 Insufficient Storage"))
        let unknown = APIError.forStatus(ServerErrorDetails(status: 599, request: "POST /rest/3/artifacts")).message
        #expect(unknown.contains("HTTP 599") && !unknown.contains("HTTP 599 "), "\(unknown)")
    }

    @Test("A 413 for a fetch names the file at the URL, not an upload, as what is too large")
    func fetchTooLarge() {
        let fetch = APIError.forStatus(ServerErrorDetails(status: 413, request: "POST /marketplace/rest/3/artifacts/fetch"))
        #expect(fetch.message == "The file at the URL is too large for Marketplace (HTTP 413 Payload Too Large). Check that the URL is the app's .jar or .obr.")
        let upload = APIError.forStatus(ServerErrorDetails(status: 413, request: "POST /marketplace/rest/3/artifacts"))
        #expect(upload.message == "The file is too large for Marketplace (HTTP 413 Payload Too Large). Upload a smaller file.")
    }

    @Test("A 400 with the server's reason gets no generic advice; one without gets it")
    func badRequestAdvice() {
        let explained = APIError.forStatus(ServerErrorDetails(status: 400, serverMessage: "The URI's host does not resolve"))
        #expect(!explained.message.contains("Check the file"))
        let bare = APIError.forStatus(ServerErrorDetails(status: 400, serverMessage: nil))
        #expect(bare.message.contains("Check the file and the parameters (imageType, URI)."))
    }

    @Test("A redirect names where it points and why it is not followed; another 4xx with the server's words gets no base URL advice")
    func redirectsAndOtherRefusals() {
        let moved = APIError.forStatus(ServerErrorDetails(status: 301, location: "https://id.atlassian.com/login\u{1B}[2J"))
        #expect(moved.message.hasPrefix("The server redirected the request to https://id.atlassian.com/login"))
        #expect(moved.message.contains("Redirects are not followed") && !moved.message.contains("\u{1B}"))
        let conflict = APIError.forStatus(ServerErrorDetails(status: 409, serverMessage: "This version already exists", isJSON: true))
        #expect(conflict.message == "Marketplace refused the request (HTTP 409 Conflict): This version already exists.")
        let bare = APIError.forStatus(ServerErrorDetails(status: 422))
        #expect(bare.message.contains("Check the base URL points at the Marketplace API."))
        // Words that are not the API's (a proxy's plain text, a web page) keep the advice.
        let notJSON = APIError.forStatus(ServerErrorDetails(status: 405, serverMessage: "a web page titled \"405 Not Allowed\"", isWebPage: true))
        #expect(notJSON.message.hasSuffix("Check the base URL points at the Marketplace API."))
    }
}
