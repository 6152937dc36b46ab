import Testing
import MarketplaceAPI
@testable import MarketplaceEmulator

/// The pieces of fetch's SSRF protection, without a network.
@Suite("Fetch URIs and address classes")
struct FetchURIAndAddressTests {
    @Test("Public addresses", arguments: ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:82b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])
    func publicAddresses(text: String) throws {
        let address = try #require(ResolvedAddress(literal: text))
        #expect(address.isPublic)
    }

    @Test("Non-public addresses", arguments: [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.255", "169.254.169.254",
        "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.0.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b:1::1",
        "2002:7f00:1::1", "2001::1", "2001:db8::1", "100::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
    ])
    func nonPublicAddresses(text: String) throws {
        let address = try #require(ResolvedAddress(literal: text))
        #expect(!address.isPublic)
        #expect(!FetchAddressPolicy.standard.allows(address, allowPrivate: false))
        #expect(FetchAddressPolicy.standard.allows(address, allowPrivate: true))
    }

    @Test("Edges of the private ranges are public")
    func rangeEdges() throws {
        for text in ["172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "11.0.0.0", "192.169.0.0", "223.255.255.255"] {
            #expect(try #require(ResolvedAddress(literal: text)).isPublic, "\(text)")
        }
    }

    @Test("Resolving a name returns all its addresses")
    func resolvesLocalhost() throws {
        let addresses = try HostResolver.resolveBlocking(host: "localhost", port: 80)
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { !$0.isPublic })
        #expect(try HostResolver.resolveBlocking(host: "2130706433", port: 80).map(\.description) == ["127.0.0.1"])
    }

    @Test("Userinfo is taken out of the URI, and the rest kept")
    func userinfo() throws {
        let uri = try FetchTarget.parse("HTTPS://user:p%40ss@Example.com:8443/releases/my%20app-1.0.jar?x=1#frag")
        #expect(uri.redacted == "https://Example.com:8443/releases/my%20app-1.0.jar?x=1")
        #expect(uri.user == "user")
        #expect(uri.password == "p@ss")
        #expect(uri.host == "Example.com")
        #expect(uri.port == 8443)
        #expect(uri.lastPathSegment == "my app-1.0.jar")
    }

    @Test("Default ports and IPv6 literals")
    func portsAndLiterals() throws {
        #expect(try FetchTarget.parse("http://example.com/a.jar").port == 80)
        #expect(try FetchTarget.parse("https://example.com/a.jar").port == 443)
        let literal = try FetchTarget.parse("http://[2001:db8::1]:8080/a.jar")
        #expect(literal.host == "2001:db8::1")
        #expect(literal.hostIsIPLiteral)
    }

    @Test("A URI without an authority has no host, even with `://` further on (found by the fuzz test)", arguments: [
        "http:-1@%00://https", "http:example.com/a.jar", "http:/example.com/a.jar", "https:a@b://c/d.jar",
    ])
    func noAuthority(text: String) {
        let error = #expect(throws: EmulatorError.self) { try FetchTarget.parse(text) }
        #expect(error?.code == "invalid_uri" && error?.message == "The uri has no host.", "\(String(describing: error))")
    }

    @Test("Redirect locations resolve against the current URI")
    func redirects() throws {
        let base = try FetchTarget.parse("https://example.com/releases/app.jar")
        #expect(try base.resolving(location: "/other.jar").redacted == "https://example.com/other.jar")
        #expect(try base.resolving(location: "v2/app.jar").redacted == "https://example.com/releases/v2/app.jar")
        #expect(try base.resolving(location: "https://cdn.example.net/app.jar").host == "cdn.example.net")
        #expect(throws: EmulatorError.self) { try base.resolving(location: "file:///etc/passwd") }
    }

    @Test("Image types the server accepts")
    func imageTypes() {
        #expect(EmulatorRoutes.isValidImageType("icon"))
        #expect(EmulatorRoutes.isValidImageType("title-logo"))
        #expect(!EmulatorRoutes.isValidImageType(""))
        #expect(!EmulatorRoutes.isValidImageType("a/b"))
        #expect(!EmulatorRoutes.isValidImageType("caf\u{00E9}"))
    }

    @Test("Byte limits read as people read them")
    func byteText() {
        #expect(ByteText.describe(10 * 1024 * 1024) == "10 MiB")
        #expect(ByteText.describe(2 * 1024 * 1024 * 1024) == "2 GiB")
        #expect(ByteText.describe(1536) == "1.5 KiB")
        #expect(ByteText.describe(.max) == "8589934592.0 GiB", "--max-upload-size 9223372036854775807: no overflow")
        #expect(ByteText.describe(2 * 1024 * 1024 * 1024 - 1) == "2.0 GiB")
        #expect(ByteText.describe(100) == "100 bytes")
    }
}
