import AsyncHTTPClient
import Foundation
import NIOHTTP1
import TestSupport
import Testing
@testable import MarketplaceEmulator

/// Each endpoint's happy path, with the response shapes of the reference.
@Suite("Endpoints answer with the reference's shapes")
struct EndpointShapeTests {
    @Test("Image upload answers id, mediaType, mimeType, name, size", arguments: ["/marketplace", ""])
    func imageUpload(prefix: String) async throws {
        try await EmulatorHarness.with { emulator in
            let png = Fixtures.png()
            let reply = try await emulator.upload(prefix + "/rest/3/assets/images/icon", .file(png, contentType: "image/png"))
            #expect(reply.status == 200)
            #expect(reply.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            let json = try #require(reply.json)
            #expect(Set(json.keys) == ["id", "mediaType", "mimeType", "name", "size"])
            let id = try #require(json["id"] as? String)
            #expect(id.wholeMatch(of: /img-[0-9]{5}-[a-z]{6}-[0-9]{5}-[a-z]{6}/) != nil)
            #expect(json["mediaType"] as? String == "image")
            #expect(json["mimeType"] as? String == "image/png")
            #expect(json["name"] as? String == "app-icon.png")
            #expect((json["size"] as? NSNumber)?.int64Value == Int64(png.count))
            #expect(emulator.storedFiles().contains("images/\(id)"))
        }
    }

    @Test("Image IDs differ between uploads, and a GIF is image/gif")
    func imageIDsAreRandom() async throws {
        try await EmulatorHarness.with { emulator in
            let first = try await emulator.upload("/rest/3/assets/images/screenshot", .file(Fixtures.gif(), fileNameParameter: "filename=\"shot.gif\""))
            // A path part percent-encoded is the same imageType, as servers decode a path.
            let second = try await emulator.upload("/rest/3/assets/images/screensh%6Ft", .file(Fixtures.gif(), fileNameParameter: "filename=\"shot.gif\""))
            #expect(second.status == 200)
            let firstJSON = try #require(first.json)
            let secondJSON = try #require(second.json)
            #expect(firstJSON["mimeType"] as? String == "image/gif")
            #expect(firstJSON["id"] as? String != secondJSON["id"] as? String)
        }
    }

    @Test("Artifact upload answers fileInfo, details from the descriptor and _links", arguments: ["/marketplace", ""])
    func artifactUpload(prefix: String) async throws {
        try await EmulatorHarness.with { emulator in
            let jar = Fixtures.pluginJar()
            let reply = try await emulator.upload(prefix + "/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"my-app.jar\""))
            #expect(reply.status == 200)
            let json = try #require(reply.json)
            #expect(Set(json.keys) == ["fileInfo", "details", "_links"])
            let fileInfo = try #require(json["fileInfo"] as? [String: Any])
            #expect(fileInfo["logicalFileName"] as? String == "my-app.jar")
            #expect((fileInfo["size"] as? NSNumber)?.int64Value == Int64(jar.count))
            #expect(fileInfo["checksum"] as? String == sha512Checksum(jar))
            let details = try #require(json["details"] as? [String: Any])
            #expect(details["key"] as? String == "com.example.emulator-test")
            #expect(details["name"] as? String == "Emulator Test")
            #expect(details["version"] as? String == "1.2.3")
            let links = try #require(json["_links"] as? [String: Any])
            #expect(Set(links.keys) == ["self", "binary"])
            let selfHref = try #require((links["self"] as? [String: Any])?["href"] as? String)
            let binaryHref = try #require((links["binary"] as? [String: Any])?["href"] as? String)
            let id = try #require(selfHref.wholeMatch(of: /\/rest\/3\/artifacts\/([0-9a-f-]{36})/)?.1)
            #expect(AssetIdentifiers.isArtifactID(String(id)))
            #expect(binaryHref == selfHref + "/download")
            // The raw JSON writes hrefs with plain slashes, as the reference shows them.
            #expect(reply.text.contains("\"href\":\"/rest/3/artifacts/"))
        }
    }

    @Test("An .obr bundle is judged by the plugin jar inside it")
    func obrBundle() async throws {
        try await EmulatorHarness.with { emulator in
            let bundle = StoredZip.make([
                ("obr.xml", Array("<repository/>".utf8)),
                ("bundled-plugin.jar", Fixtures.pluginJar(key: "com.example.bundled", version: "4.5.6")),
            ])
            let reply = try await emulator.upload("/rest/3/artifacts", .file(bundle, fileNameParameter: "filename=\"bundle.obr\""))
            #expect(reply.status == 200)
            let details = try #require(reply.json?["details"] as? [String: Any])
            #expect(details["key"] as? String == "com.example.bundled")
            #expect(details["version"] as? String == "4.5.6")
            let selfHref = try #require(((reply.json?["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String)
            let download = try await emulator.send(.GET, selfHref + "/download")
            #expect(download.body == bundle)
            #expect(download.headers.first(name: "Content-Type") == "application/zip")

            // The same bytes named .jar have no descriptor at their top level.
            let asJar = try await emulator.upload("/rest/3/artifacts", .file(bundle, fileNameParameter: "filename=\"bundle.jar\""))
            #expect(asJar.status == 400)
        }
    }

    @Test("Details and download of an uploaded artifact, under both prefixes")
    func detailsAndDownload() async throws {
        try await EmulatorHarness.with { emulator in
            let jar = Fixtures.pluginJar(key: "org.example.download", version: "2.0.0")
            let uploaded = try await emulator.upload("/marketplace/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"dl.jar\""))
            let links = try #require(uploaded.json?["_links"] as? [String: Any])
            let selfHref = try #require((links["self"] as? [String: Any])?["href"] as? String)
            for prefix in ["", "/marketplace"] {
                let details = try await emulator.send(.GET, prefix + selfHref)
                #expect(details.status == 200)
                #expect(details.body == uploaded.body)
                // The ID in capitals or percent-encoded names it too, as a UUID path parameter would.
                let id = String(selfHref.split(separator: "/").last ?? "")
                let base = String(selfHref.dropLast(id.count))
                for spelling in [id.uppercased(), "%" + String(format: "%02X", id.utf8.first!) + id.dropFirst()] {
                    #expect(try await emulator.send(.GET, prefix + base + spelling).body == uploaded.body, "\(spelling)")
                }
                let download = try await emulator.send(.GET, prefix + selfHref + "/download")
                #expect(download.status == 200)
                #expect(download.body == jar)
                #expect(download.headers.first(name: "Content-Type") == "application/java-archive")
                #expect(download.headers.first(name: "Content-Disposition")?.contains("dl.jar") == true)
                // HEAD, which the 405's Allow names: GET's status and headers, no body.
                for (path, length) in [(selfHref, details.body.count), (selfHref + "/download", jar.count)] {
                    let head = try await emulator.send(.HEAD, prefix + path)
                    #expect(head.status == 200 && head.body.isEmpty, "HEAD \(path)")
                    #expect(head.headers.first(name: "Content-Length") == String(length), "HEAD \(path)")
                }
            }
        }
    }

    @Test("A method an endpoint does not take is 405 JSON naming the ones it takes")
    func methodNotAllowed() async throws {
        try await EmulatorHarness.with { emulator in
            for (method, path, allowed) in [(HTTPMethod.DELETE, "/rest/3/artifacts/abc", "GET, HEAD"), (.GET, "/marketplace/rest/3/artifacts", "POST"),
                                            (.POST, "/rest/3/artifacts/abc", "GET, HEAD"), (.PUT, "/rest/3/artifacts/fetch", "POST"),
                                            (.PUT, "/rest/3/assets/images/icon", "POST"), (.OPTIONS, "/rest/3/artifacts/fetch", "POST")] {
                let reply = try await emulator.send(method, path)
                #expect(reply.status == 405, "\(method) \(path)")
                #expect(reply.json?["code"] as? String == "method_not_allowed", "\(method) \(path)")
                #expect(reply.headers.first(name: "Allow") == allowed, "\(method) \(path)")
            }
        }
    }

    @Test("Unknown artifacts and unknown routes are 404 JSON")
    func notFound() async throws {
        try await EmulatorHarness.with { emulator in
            for path in ["/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578", "/rest/3/artifacts/not-an-id",
                         "/rest/3/artifacts/fetch",  // GET: an ID none has, as `FETCH` is
                         "/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578/download", "/rest/3/nothing", "/", "/marketplace/rest/2/assets"] {
                let reply = try await emulator.send(.GET, path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.json?["code"] as? String == "not_found", "\(path)")
                #expect((reply.json?["message"] as? String)?.isEmpty == false, "\(path)")
            }
        }
    }
}
