import Foundation
import TestSupport
import Testing
@testable import MarketplaceEmulator

/// What the emulator refuses, and the multipart edge cases it must get right.
@Suite("Uploads are judged like the real service judges them")
struct UploadValidationTests {
    @Test("An image whose bytes are not PNG/JPEG/GIF/BMP is 415, whatever its name")
    func wrongMagicBytes() async throws {
        try await EmulatorHarness.with { emulator in
            for content in [Array("just some text, named .png".utf8), Fixtures.pluginJar(), [0x00, 0x01, 0x02]] {
                let reply = try await emulator.upload("/rest/3/assets/images/icon", .file(content, contentType: "image/png"))
                #expect(reply.status == 415)
                #expect(reply.json?["code"] as? String == "unsupported_image_format")
            }
            #expect(emulator.storedFiles().filter { $0.hasPrefix("images/") }.isEmpty)
        }
    }

    @Test("A truncated image header is 400")
    func truncatedHeader() async throws {
        try await EmulatorHarness.with { emulator in
            let reply = try await emulator.upload("/rest/3/assets/images/icon", .file(Array(Fixtures.png().prefix(14))))
            #expect(reply.status == 400)
            #expect(reply.json?["code"] as? String == "invalid_image")
            let message = try #require(reply.json?["message"] as? String)
            #expect(message.contains("app-icon.png"))
            #expect(!message.contains(emulator.dataDirectory), "the emulator's own paths stay out of messages")
        }
    }

    @Test("An empty file is 400")
    func emptyFile() async throws {
        try await EmulatorHarness.with { emulator in
            let image = try await emulator.upload("/rest/3/assets/images/icon", .file([]))
            #expect(image.status == 400)
            let artifact = try await emulator.upload("/rest/3/artifacts", .file([], fileNameParameter: "filename=\"a.jar\""))
            #expect(artifact.status == 400)
        }
    }

    @Test("A jar without atlassian-plugin.xml is 400; so is a jar that is not a ZIP")
    func unreadableArtifacts() async throws {
        try await EmulatorHarness.with { emulator in
            let noDescriptor = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.jarWithoutDescriptor(), fileNameParameter: "filename=\"plain.jar\""))
            #expect(noDescriptor.status == 400)
            #expect(noDescriptor.json?["code"] as? String == "missing_plugin_descriptor")
            #expect((noDescriptor.json?["message"] as? String)?.contains("atlassian-plugin.xml") == true)

            let notZip = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.png(), fileNameParameter: "filename=\"icon.jar\""))
            #expect(notZip.status == 400)
            #expect(notZip.json?["code"] as? String == "invalid_artifact")
            #expect((notZip.json?["message"] as? String)?.hasPrefix("\"icon.jar\" is not a ZIP archive") == true, "quoted as the other messages: \(notZip.json ?? [:])")
            #expect(emulator.storedFiles().filter { $0.hasPrefix("artifacts/") }.isEmpty)
        }
    }

    @Test("A large app's descriptor (3 MiB) is read, as the plugin framework reads it")
    func largeDescriptor() async throws {
        try await EmulatorHarness.with { emulator in
            let descriptor = Array("<atlassian-plugin key=\"big\" name=\"Big\"><!--".utf8) + Array(repeating: 0x20, count: 3 * 1024 * 1024) + Array("--></atlassian-plugin>".utf8)
            let reply = try await emulator.upload("/rest/3/artifacts", .file(StoredZip.make([("atlassian-plugin.xml", descriptor)]), fileNameParameter: "filename=\"big.jar\""))
            #expect(reply.status == 200)
            #expect((reply.json?["details"] as? [String: Any])?["name"] as? String == "Big")
        }
    }

    @Test("A jar whose descriptor is malformed or keyless is 400, and nothing is stored", arguments: [
        ("malformed", Array("<atlassian-plugin key=\"a\"><plugin-info>".utf8)),
        ("keyless", Array("<atlassian-plugin name=\"No key\"><plugin-info><version>1</version></plugin-info></atlassian-plugin>".utf8)),
    ])
    func badDescriptors(label: String, descriptor: [UInt8]) async throws {
        try await EmulatorHarness.with { emulator in
            let jar = StoredZip.make([("atlassian-plugin.xml", descriptor)])
            let reply = try await emulator.upload("/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"\(label).jar\""))
            #expect(reply.status == 400, "\(label)")
            #expect((reply.json?["message"] as? String)?.contains("\(label).jar") == true, "\(label): \(reply.text)")
            #expect(emulator.storedFiles().filter { !$0.hasPrefix("index") }.isEmpty)
        }
    }

    @Test("Over the size limit is 413 and leaves no partial file", arguments: [nil, 4096] as [Int?])
    func overLimit(chunkSize: Int?) async throws {
        try await EmulatorHarness.with(configure: { $0.maxImageBytes = 1024; $0.maxUploadBytes = 2048 }) { emulator in
            let bigImage = Fixtures.png() + Array(repeating: 0x41, count: 4000)
            let image = try await emulator.upload("/rest/3/assets/images/icon", .file(bigImage), chunkSize: chunkSize)
            #expect(image.status == 413)
            #expect(image.json?["code"] as? String == "payload_too_large")
            #expect((image.json?["message"] as? String)?.contains("1 KiB") == true)

            let bigJar = Fixtures.pluginJar() + Array(repeating: 0x41, count: 3000)
            let artifact = try await emulator.upload("/rest/3/artifacts", .file(bigJar, fileNameParameter: "filename=\"big.jar\""), chunkSize: chunkSize)
            #expect(artifact.status == 413)
            // Only the lock and index files may exist: nothing stored, nothing left in tmp.
            #expect(emulator.storedFiles().filter { !$0.hasPrefix("index") }.isEmpty)

            // Just under the limit still goes through.
            let small = try await emulator.upload("/rest/3/assets/images/icon", .file(Fixtures.png()))
            #expect(small.status == 200)
        }
    }

    @Test("A body far over the limit is refused from its Content-Length, before it is read")
    func declaredTooLarge() async throws {
        try await EmulatorHarness.with(configure: { $0.maxImageBytes = 1024 }) { emulator in
            let body = MultipartBody.file(Fixtures.png() + Array(repeating: 0, count: 2 * 1024 * 1024))
            let reply = try await emulator.upload("/rest/3/assets/images/icon", body)
            #expect(reply.status == 413)
        }
    }

    @Test("A chunked body far over the limit is refused while it streams")
    func chunkedTooLarge() async throws {
        try await EmulatorHarness.with(configure: { $0.maxImageBytes = 1024 }) { emulator in
            let body = MultipartBody.file(Fixtures.png() + Array(repeating: 0, count: 40 * 1024 * 1024))
            let reply = try await emulator.upload("/rest/3/assets/images/icon", body, chunkSize: 64 * 1024, declareLength: false)
            #expect(reply.status == 413)
            #expect(emulator.storedFiles().filter { !$0.hasPrefix("index") }.isEmpty)
        }
    }

    @Test("imageType: any 1-64 of [A-Za-z0-9_-] is accepted, anything else is 400")
    func imageTypes() async throws {
        try await EmulatorHarness.with { emulator in
            for accepted in ["icon", "title-logo", "Hero_2", String(repeating: "a", count: 64)] {
                let reply = try await emulator.upload("/rest/3/assets/images/\(accepted)", .file(Fixtures.png()))
                #expect(reply.status == 200, "\(accepted)")
            }
            for refused in [String(repeating: "a", count: 65), "bad.type", "caf%C3%A9", "a%20b", "%2E%2E"] {
                let reply = try await emulator.upload("/rest/3/assets/images/\(refused)", .file(Fixtures.png()))
                #expect(reply.status == 400, "\(refused)")
                #expect(reply.json?["code"] as? String == "invalid_image_type", "\(refused)")
            }
        }
    }

    @Test("No boundary or no part named file: 400; a body that is not multipart at all: 415")
    func malformedMultipart() async throws {
        try await EmulatorHarness.with { emulator in
            let body = MultipartBody.file(Fixtures.png())
            for contentType in ["multipart/form-data", "multipart/form-data; boundary=\"\""] {
                let reply = try await emulator.send(.POST, "/rest/3/assets/images/icon", headers: [("Content-Type", contentType)], body: body.bytes)
                #expect(reply.status == 400, "\(contentType)")
                #expect(reply.json?["code"] as? String == "invalid_multipart", "\(contentType)")
            }
            for path in ["/rest/3/assets/images/icon", "/rest/3/artifacts"] {
                for contentType in ["application/octet-stream", "application/java-archive", nil] {
                    let headers = contentType.map { [("Content-Type", $0)] } ?? []
                    let reply = try await emulator.send(.POST, path, headers: headers, body: body.bytes)
                    #expect(reply.status == 415, "\(path) \(contentType ?? "none")")
                    #expect(reply.json?["code"] as? String == "unsupported_media_type", "\(path) \(contentType ?? "none")")
                }
            }

            var otherName = body
            otherName.parts[0].disposition = "form-data; name=\"image\"; filename=\"a.png\""
            let missingFile = try await emulator.upload("/rest/3/assets/images/icon", otherName)
            #expect(missingFile.status == 400)
            #expect(missingFile.json?["code"] as? String == "missing_file")

            // `curl --form 'file=<path'`: the part has no filename, a form's text field.
            var textField = body
            textField.parts[0].disposition = "form-data; name=\"file\""
            let field = try await emulator.upload("/rest/3/assets/images/icon", textField)
            #expect(field.status == 400)
            #expect(field.json?["code"] as? String == "missing_file")
            #expect((field.json?["message"] as? String)?.contains("file=@path") == true)

            let truncated = Array(body.bytes.dropLast(10))
            let cut = try await emulator.send(.POST, "/rest/3/assets/images/icon", headers: [("Content-Type", body.contentType)], body: truncated)
            #expect(cut.status == 400)
            #expect(emulator.storedFiles().filter { !$0.hasPrefix("index") }.isEmpty)
        }
    }

    @Test("A body sent in 1-byte and 7-byte chunks arrives whole", arguments: [1, 7, 65_537])
    func chunkedBodies(chunkSize: Int) async throws {
        try await EmulatorHarness.with { emulator in
            // Content full of CR LF and boundary-like bytes, to tempt the scanner.
            var body = MultipartBody()
            let jar = Fixtures.pluginJar() + Array("\r\n--\(body.boundary.dropLast())\r\n\r\n--".utf8)
            body.preamble = Array("This is a preamble.\r\n".utf8)
            body.parts = [
                .init(disposition: "form-data; name=\"comment\"", contentType: nil, content: Array("\r\n--x\r\n".utf8)),
                .init(disposition: "form-data; name=\"file\"; filename=\"chunked.jar\"", contentType: "application/java-archive", content: jar),
                .init(disposition: "form-data; name=\"file\"; filename=\"second.jar\"", contentType: nil, content: [1, 2, 3]),
            ]
            let reply = try await emulator.upload("/rest/3/artifacts", body, chunkSize: chunkSize)
            #expect(reply.status == 200)
            let fileInfo = try #require(reply.json?["fileInfo"] as? [String: Any])
            #expect(fileInfo["logicalFileName"] as? String == "chunked.jar")
            #expect(fileInfo["checksum"] as? String == sha512Checksum(jar))
            #expect((fileInfo["size"] as? NSNumber)?.intValue == jar.count)
        }
    }

    @Test("File names: quotes, non-ASCII, path traversal, control characters", arguments: [
        ("filename=\"my %22quoted%22 icon.png\"", "my \"quoted\" icon.png"),
        ("filename=\"my \\\"quoted\\\" icon.png\"", "my \"quoted\" icon.png"),
        ("filename=\"ikon-\u{00E4}\u{00F6}-\u{56FE}\u{6807}.png\"", "ikon-\u{00E4}\u{00F6}-\u{56FE}\u{6807}.png"),
        ("filename=\"fallback.png\"; filename*=UTF-8''%C3%A4%20%E2%82%AC.png", "\u{00E4} \u{20AC}.png"),
        ("filename*=utf-8''na%C3%AFve.png", "na\u{00EF}ve.png"),
        ("filename=\"../../etc/passwd\"", "passwd"),
        ("filename=\"..\\\\..\\\\windows\\\\win.ini\"", "win.ini"),
        ("filename=\"/etc/shadow\"", "shadow"),
        ("filename=\"..\"", "image"),
        ("filename=\"evil%0D%0AX-Injected: 1.png\"", "evilX-Injected: 1.png"),
        ("filename=\"nul\u{0}byte.png\"", "nulbyte.png"),
        ("filename=\"\u{1B}]0;pwned\u{07}title.png\"", "]0;pwnedtitle.png"),
    ])
    func fileNames(parameter: String, expected: String) async throws {
        try await EmulatorHarness.with { emulator in
            let reply = try await emulator.upload("/rest/3/assets/images/icon", .file(Fixtures.png(), fileNameParameter: parameter))
            #expect(reply.status == 200)
            let json = try #require(reply.json)
            #expect(json["name"] as? String == expected)
            // Stored under the ID only: nothing named after the client's file anywhere.
            let id = try #require(json["id"] as? String)
            #expect(emulator.storedFiles() == ["images/\(id)", "index.json", "index.lock"])
            #expect(!FileManager.default.fileExists(atPath: emulator.dataDirectory + "/../etc/passwd"))
        }
    }
}
