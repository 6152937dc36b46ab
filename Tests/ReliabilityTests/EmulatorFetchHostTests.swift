import Testing
@testable import MarketplaceEmulator

/// Non-ASCII hosts in fetch URIs: the emulator asks for punycode, so punycode must pass.
@Suite("Emulator: non-ASCII fetch hosts")
struct EmulatorFetchHostTests {
    @Test("a non-ASCII host is refused with a message asking for punycode")
    func unicodeHostRefused() {
        #expect(throws: EmulatorError.self) { try FetchTarget.parse("http://bücher.example/app.jar") }
        do {
            _ = try FetchTarget.parse("https://例え.テスト/app.jar")
            Issue.record("a non-ASCII host was accepted")
        } catch {
            #expect(error.message.contains("punycode"))
        }
    }

    @Test("the same host in punycode is accepted as written")
    func punycodeHostAccepted() throws {
        let uri = try FetchTarget.parse("http://xn--bcher-kva.example/app.jar")
        #expect(uri.host == "xn--bcher-kva.example")
        #expect(uri.redacted == "http://xn--bcher-kva.example/app.jar")
    }
}
