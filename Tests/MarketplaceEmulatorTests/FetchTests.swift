import Foundation
import Testing
@testable import MarketplaceEmulator

/// POST /rest/3/artifacts/fetch: http(s) only, no private addresses (also after redirects and
/// DNS), a size cap and a timeout; fetched artifacts carry `_links.remote`.
@Suite("Fetch downloads safely")
struct FetchTests {
    @Test("Schemes other than http and https, and malformed URIs, are 400", arguments: [
        "file:///etc/passwd", "ftp://example.com/app.jar", "data:application/java-archive;base64,UEsDBA==",
        "javascript:alert(1)", "gopher://example.com/", "not a url", "", "http://", "https:///app.jar",
        "//example.com/app.jar", "http://exa mple.com/app.jar", "http://b\u{00FC}cher.example/app.jar",
        "https://example.com/" + String(repeating: "a", count: 10_000),
    ])
    func refusedURIs(uri: String) async throws {
        try await EmulatorHarness.with { emulator in
            let reply = try await emulator.fetch(uri)
            #expect(reply.status == 400)
            let code = try #require(reply.json?["code"] as? String)
            #expect(["invalid_uri", "unsupported_uri_scheme"].contains(code))
        }
    }

    @Test("Loopback, private and link-local hosts are refused, named or numeric", arguments: [
        "127.0.0.1", "localhost", "[::1]", "0.0.0.0", "2130706433", "0x7f.1", "127.1", "[::ffff:127.0.0.1]",
        "169.254.169.254", "10.1.2.3", "192.168.1.1", "172.16.0.1", "100.64.0.1", "[fe80::1]", "[fd00::1]",
    ])
    func privateHostsRefused(host: String) async throws {
        try await EmulatorHarness.with { emulator in
            let reply = try await emulator.fetch("http://\(host):9/app.jar")
            #expect(reply.status == 400)
            #expect(reply.json?["code"] as? String == "private_address")
        }
    }

    @Test("A redirect to a private address is refused, even when the first host is allowed", arguments: [
        "http://127.0.0.2:9/app.jar", "http://[::1]:9/app.jar", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/app.jar",
    ])
    func redirectToPrivateRefused(target: String) async throws {
        try await RemoteFileServer.with(jar: Fixtures.pluginJar()) { remote in
            try await EmulatorHarness.with(configure: { $0.fetchAddressPolicy = FetchAddressPolicy(treatedAsPublic: ["127.0.0.1"]) }) { emulator in
                // The same host, without a redirect, is allowed by the test's policy ...
                let direct = try await emulator.fetch(remote.url("/app.jar"))
                #expect(direct.status == 200)
                // ... but where it redirects to is checked again.
                let target = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let reply = try await emulator.fetch(remote.url("/redirect?to=\(target)"))
                #expect(reply.status == 400)
                #expect(reply.json?["code"] as? String == "private_address")
            }
        }
    }

    @Test("With allowPrivateFetch a local jar is fetched, stored and linked as remote")
    func fetchWorks() async throws {
        let jar = Fixtures.pluginJar(key: "com.example.fetched", version: "3.1.4")
        try await RemoteFileServer.with(jar: jar) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true }) { emulator in
                for prefix in ["/marketplace", ""] {
                    let uri = remote.url("/app.jar")
                    let reply = try await emulator.fetch(uri, prefix: prefix)
                    #expect(reply.status == 200)
                    let json = try #require(reply.json)
                    #expect(Set(json.keys) == ["fileInfo", "details", "_links"])
                    let fileInfo = try #require(json["fileInfo"] as? [String: Any])
                    #expect(fileInfo["logicalFileName"] as? String == "app.jar")
                    #expect(fileInfo["checksum"] as? String == sha512Checksum(jar))
                    #expect((json["details"] as? [String: Any])?["version"] as? String == "3.1.4")
                    let links = try #require(json["_links"] as? [String: Any])
                    #expect(Set(links.keys) == ["self", "binary", "remote"])
                    #expect((links["remote"] as? [String: Any])?["href"] as? String == uri)
                    let selfHref = try #require((links["self"] as? [String: Any])?["href"] as? String)

                    let details = try await emulator.send(.GET, selfHref)
                    #expect(details.body == reply.body)
                    let download = try await emulator.send(.GET, selfHref + "/download")
                    #expect(download.body == jar)
                }
                // By a host name, as most fetches are (in any case: it reached the connection's address override).
                for host in ["localhost", "LocalHost"] {
                    let byName = try await emulator.fetch(remote.url("/app.jar", host: host))
                    #expect(byName.status == 200, "\(host): \(byName.text)")
                }
                // Redirects within the allowed space are followed.
                let redirected = try await emulator.fetch(remote.url("/redirect?to=/app.jar"))
                #expect(redirected.status == 200)
                #expect(((redirected.json?["_links"] as? [String: Any])?["remote"] as? [String: Any])?["href"] as? String == remote.url("/redirect?to=/app.jar"))
            }
        }
    }

    @Test("Userinfo is sent to the remote as Basic auth but never echoed")
    func userinfoStaysSecret() async throws {
        try await RemoteFileServer.with(jar: Fixtures.pluginJar()) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true }) { emulator in
                let reply = try await emulator.fetch("http://deploy:s3cret-pass@127.0.0.1:\(remote.port)/app.jar")
                #expect(reply.status == 200)
                #expect(!reply.text.contains("s3cret-pass"))
                #expect(!reply.text.contains("deploy"))
                let remoteHref = ((reply.json?["_links"] as? [String: Any])?["remote"] as? [String: Any])?["href"] as? String
                #expect(remoteHref == remote.url("/app.jar"))
                #expect(remote.receivedAuthorizations == ["Basic " + Data("deploy:s3cret-pass".utf8).base64EncodedString()])
                let index = try String(contentsOfFile: emulator.dataDirectory + "/index.json", encoding: .utf8)
                #expect(!index.contains("s3cret-pass"))

                // Refusals do not echo it either.
                let refused = try await EmulatorHarness.with { strict in
                    try await strict.fetch("http://deploy:s3cret-pass@127.0.0.1:\(remote.port)/app.jar")
                }
                #expect(refused.status == 400)
                #expect(!refused.text.contains("s3cret-pass"))
            }
        }
    }

    @Test("Remote errors, redirect loops, oversize bodies and non-plugins are refused")
    func remoteFailures() async throws {
        try await RemoteFileServer.with(jar: Fixtures.jarWithoutDescriptor(), bigSize: 5000) { remote in
            try await EmulatorHarness.with(configure: {
                $0.allowPrivateFetch = true
                $0.maxFetchBytes = 4096
                $0.fetchTimeout = .seconds(30)
            }) { emulator in
                let missing = try await emulator.fetch(remote.url("/missing"))
                #expect(missing.status == 400)
                #expect(missing.json?["code"] as? String == "fetch_failed")
                #expect((missing.json?["message"] as? String)?.contains("404") == true)

                let loop = try await emulator.fetch(remote.url("/loop"))
                #expect(loop.status == 400)
                #expect((loop.json?["message"] as? String)?.contains("more than 5") == true)

                let big = try await emulator.fetch(remote.url("/big.jar"))
                #expect(big.status == 413)

                let noDescriptor = try await emulator.fetch(remote.url("/app.jar"))
                #expect(noDescriptor.status == 400)
                #expect(noDescriptor.json?["code"] as? String == "missing_plugin_descriptor")

                #expect(emulator.storedFiles().filter { !$0.hasPrefix("index") }.isEmpty)
            }
        }
    }

    @Test("The upload size limit holds for a fetched artifact too")
    func uploadLimitHoldsForFetches() async throws {
        try await RemoteFileServer.with(jar: Fixtures.jarWithoutDescriptor(), bigSize: 5000) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true; $0.maxUploadBytes = 4096 }) { emulator in
                let big = try await emulator.fetch(remote.url("/big.jar"))
                #expect(big.status == 413)
            }
        }
    }

    @Test("A remote that does not answer in time is a timeout")
    func timeout() async throws {
        try await RemoteFileServer.with(jar: Fixtures.pluginJar()) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true; $0.fetchTimeout = .milliseconds(500) }) { emulator in
                let slow = try await emulator.fetch(remote.url("/slow"))
                #expect(slow.status == 400)
                #expect(slow.json?["code"] as? String == "fetch_timeout")
            }
        }
    }

    @Test("A host that refuses the connection, or does not speak TLS, is a failed fetch said in words")
    func connectionRefused() async throws {
        try await RemoteFileServer.with(jar: Fixtures.pluginJar()) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true; $0.fetchTimeout = .seconds(4) }) { emulator in
                let reply = try await emulator.fetch("http://127.0.0.1:9/app.jar")
                #expect(reply.status == 400)
                #expect(reply.json?["code"] as? String == "fetch_failed")
                #expect(reply.json?["message"] as? String == "Could not download \"http://127.0.0.1:9/app.jar\": could not connect to 127.0.0.1: Connection refused.")
                // https to a plain-HTTP port: what went wrong, not the TLS library's error and its build path.
                let plain = try await emulator.fetch(remote.url("/app.jar").replacingOccurrences(of: "http://", with: "https://"))
                let message = try #require(plain.json?["message"] as? String)
                #expect(message.hasSuffix("could not connect securely to 127.0.0.1: it did not answer in TLS (is the port or the URL's https:// right?)."))
                #expect(!message.contains("NIOSSL") && !message.contains("/.build/"))
            }
        }
    }

    @Test("In demo mode only the demo's samples on loopback are fetched, on any port (the demo's emulator takes a new one each run)")
    func demoFetchesItsSamplesOnly() async throws {
        let samples = FileManager.default.temporaryDirectory.appendingPathComponent("demo-samples-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: samples, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: samples) }
        let jar = Fixtures.pluginJar(key: "com.example.demo-sample", version: "1.0.0")
        try Data(jar).write(to: URL(fileURLWithPath: samples + "/sample.jar"))
        try await EmulatorHarness.with(configure: { $0.demoSamplesFolder = samples; $0.allowPrivateFetch = true }) { emulator in
            for uri in ["\(emulator.origin)/marketplace/samples/sample.jar", "http://127.0.0.1/marketplace/samples/sample.jar",
                        "http://localhost:1/marketplace/samples/sample.jar"] {
                let reply = try await emulator.fetch(uri)
                #expect(reply.status == 200, "\(uri)")
                let remote = ((reply.json?["_links"] as? [String: Any])?["remote"] as? [String: Any])?["href"] as? String
                #expect(remote == "\(emulator.origin)/marketplace/samples/sample.jar", "fetched from this emulator: \(uri)")
                #expect(reply.json.flatMap { ($0["fileInfo"] as? [String: Any])?["checksum"] as? String } == sha512Checksum(jar))
            }
            for uri in ["https://example.com/marketplace/samples/sample.jar", "http://10.0.0.1:\(emulator.running.port)/marketplace/samples/sample.jar",
                        "\(emulator.origin)/rest/3/artifacts/x", "https://127.0.0.1/marketplace/samples/sample.jar"] {
                let reply = try await emulator.fetch(uri)
                #expect(reply.status == 400, "\(uri)")
                #expect(reply.json?["code"] as? String == "demo_fetch_offline", "\(uri)")
            }
        }
    }

    @Test("A fetch body that is not {\"uri\": …} is 400")
    func badRequestBodies() async throws {
        try await EmulatorHarness.with { emulator in
            for body in ["", "{}", "[]", "{\"uri\": 5}", "not json", "{\"url\": \"https://example.com/a.jar\"}"] {
                let reply = try await emulator.send(.POST, "/rest/3/artifacts/fetch", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
                #expect(reply.status == 400, "\(body)")
                #expect(reply.json?["code"] as? String == "invalid_request_body", "\(body)")
            }
            let huge = try await emulator.send(.POST, "/rest/3/artifacts/fetch", headers: [("Content-Type", "application/json")],
                                               body: Array("{\"uri\": \"\(String(repeating: "a", count: 100_000))\"}".utf8))
            #expect(huge.status == 413)
        }
    }

    @Test("A fetch whose body is not sent as JSON (a form's, none named) is 415, as the reference sends application/json")
    func bodyNotSentAsJSON() async throws {
        try await EmulatorHarness.with { emulator in
            let body = Array(#"{"uri": "https://example.com/a.jar"}"#.utf8)
            for headers in [[("Content-Type", "application/x-www-form-urlencoded")], [("Content-Type", "text/plain")], []] {
                let reply = try await emulator.send(.POST, "/rest/3/artifacts/fetch", headers: headers, body: body)
                #expect(reply.status == 415, "\(headers)")
                #expect(reply.json?["code"] as? String == "unsupported_media_type", "\(headers)")
            }
            // A charset after the type is still JSON.
            let withCharset = try await emulator.send(.POST, "/rest/3/artifacts/fetch", headers: [("Content-Type", "Application/JSON; charset=utf-8")],
                                                      body: Array("{}".utf8))
            #expect(withCharset.status == 400)
        }
    }
}
