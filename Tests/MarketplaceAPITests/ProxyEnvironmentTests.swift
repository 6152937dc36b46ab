import Testing
@testable import MarketplaceAPI

/// Which proxy the environment names, read as curl and Go read it. The wiring (a CONNECT
/// tunnel with Proxy-Authorization, a refusal in words) is checked by scripts/e2e/cli.sh
/// against a proxy of its own.
@Suite("Proxy variables")
struct ProxyEnvironmentTests {
    static let api = try! ServerAddress("https://api.atlassian.com/marketplace")

    @Test("https_proxy, else HTTPS_PROXY, else all_proxy; the scheme is optional, the port 1080 by default; userinfo decoded")
    func choosing() throws {
        let proxy = try #require(try ProxyEnvironment.proxy(for: Self.api, environment: [
            "HTTPS_PROXY": "http://other:1", "https_proxy": "http://me%40corp:p%3Ass@proxy.corp:3128",
        ]))
        #expect(proxy == ProxyEnvironment(host: "proxy.corp", port: 3128, username: "me@corp", password: "p:ss", isSocks: false, variable: "https_proxy"))
        #expect(proxy.address == "proxy.corp:3128")
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["ALL_PROXY": "proxy.corp"])?.port == 1080)
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["HTTPS_PROXY": "socks5://[::1]:9050"])
            == ProxyEnvironment(host: "::1", port: 9050, username: nil, password: nil, isSocks: true, variable: "HTTPS_PROXY"))
        // A `%` that is no escape is kept as it is, not dropped with the credentials.
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["HTTPS_PROXY": "http://me:100%@p:1"])?.password == "100%")
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["https_proxy": "  "]) == nil)
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: [:]) == nil)
    }

    @Test("a loopback base URL (the emulator, the demo, a local server on https) never goes through a proxy",
          arguments: ["http://127.0.0.1:8080/marketplace", "https://127.0.0.1:9/marketplace", "https://localhost/m", "https://[::1]:443/m"])
    func loopback(url: String) throws {
        let address = try ServerAddress(url)
        #expect(try ProxyEnvironment.proxy(for: address, environment: ["https_proxy": "http://p:1", "http_proxy": "http://p:1", "ALL_PROXY": "http://p:1"]) == nil)
    }

    @Test("no_proxy: *, a host, a domain with or without its dot, a port ignored; a longer name is not a match", arguments: [
        ("*", true), ("api.atlassian.com", true), (".atlassian.com", true), ("atlassian.com", true), ("ATLASSIAN.COM:443", true),
        ("example.com, atlassian.com", true), ("lassian.com", false), ("api.atlassian.com.evil", false), ("", false), (",,", false),
        ("[api.atlassian.com]:443", true),
    ])
    func noProxy(list: String, bypassed: Bool) throws {
        let proxy = try ProxyEnvironment.proxy(for: Self.api, environment: ["https_proxy": "http://p:1", "no_proxy": list])
        #expect((proxy == nil) == bypassed)
    }

    @Test("an empty no_proxy does not hide NO_PROXY, as an empty https_proxy does not hide HTTPS_PROXY")
    func emptyLowerCase() throws {
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["https_proxy": "http://p:1", "no_proxy": "", "NO_PROXY": "*"]) == nil)
        #expect(try ProxyEnvironment.proxy(for: Self.api, environment: ["https_proxy": "", "HTTPS_PROXY": "http://p:2"])?.port == 2)
    }

    @Test("a proxy that cannot be used is one line naming the variable", arguments: [
        ("https://proxy.corp:443", "HTTPS_PROXY is a https:// URL"), ("socks5://u:p@h:1", "SOCKS proxy with a user name"),
        ("http://", "HTTPS_PROXY is not a proxy URL"),
        // A password in a value that does not parse is not echoed.
        ("http://puser:PPASS99@127.0.0.1:notaport", "not a proxy URL (http://host:port): http://***@127.0.0.1:notaport."),
        ("puser:PPASS99@bad host", "not a proxy URL (http://host:port): ***@bad host."),
        ("http://puser:PPASS99@127.0.0.1:99999", "names port 99999; a port is from 1 to 65535: http://***@127.0.0.1:99999."),
        ("127.0.0.1:99999999999999999999", "names port 99999999999999999999; a port is from 1 to 65535"),
    ])
    func refused(value: String, says: String) {
        #expect(throws: APIError.self) { try ProxyEnvironment.proxy(for: Self.api, environment: ["HTTPS_PROXY": value]) }
        do {
            _ = try ProxyEnvironment.proxy(for: Self.api, environment: ["HTTPS_PROXY": value])
        } catch {
            #expect(error.message.contains(says), "\(error.message)")
        }
    }
}
