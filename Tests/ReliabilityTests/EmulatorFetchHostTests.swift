import Testing
@testable import MarketplaceEmulator

/// Non-ASCII hosts in fetch URIs: the emulator asks for punycode, so punycode must pass.
@Suite("Emulator: non-ASCII fetch hosts")
struct EmulatorFetchHostTests {
    @Test("a non-ASCII host is refused with a message asking for punycode")
    func unicodeHostRefused() {
        #expect(throws: EmulatorError.self) { try FetchURI.parse("http://bücher.example/app.jar") }
        do {
            _ = try FetchURI.parse("https://例え.テスト/app.jar")
            Issue.record("a non-ASCII host was accepted")
        } catch {
            #expect(error.message.contains("punycode"))
        }
    }

    @Test("the same host in punycode is accepted as written")
    func punycodeHostAccepted() throws {
        let uri = try FetchURI.parse("http://xn--bcher-kva.example/app.jar")
        #expect(uri.host == "xn--bcher-kva.example")
        #expect(uri.redacted == "http://xn--bcher-kva.example/app.jar")
    }
}
