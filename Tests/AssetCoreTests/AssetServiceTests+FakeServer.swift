import AssetInspection
import Foundation
import MarketplaceAPI
import MarketplaceEmulator
import Testing
import TestSupport
@testable import AssetCore

/// The upload service against a fake server, for answers the emulator never gives, and its
/// refusals before anything is sent.
extension AssetServiceTests {
    @Test("a checksum that disagrees with the bytes sent is an error, recorded with verified=false, and the file's warnings come with it")
    func checksumMismatch() async throws {
        let wrong = "sha512:" + String(repeating: "ab", count: 64)
        let body = Array("""
        {"fileInfo": {"logicalFileName": "sample-plugin-1.0.0.jar", "size": 1553, "checksum": "\(wrong)"},
         "_links": {"self": {"href": "/rest/3/artifacts/1234-abcd"}, "binary": {"href": "/rest/3/artifacts/1234-abcd/download"}}}
        """.utf8)
        try await Self.withFakeServer({ _ in .respond(status: 200, body: body) }) { server, service, folder in
            // Named .zip: the check of the file warns (Marketplace expects .jar or .obr).
            try FileManager.default.copyItem(atPath: folder.file("samples/sample-plugin-1.0.0.jar"), toPath: folder.file("plugin.zip"))
            let error = await #expect(throws: AssetError.self) {
                try await service.uploadArtifact(path: folder.file("plugin.zip")) { _ in }
            }
            #expect(error?.message.contains("Checksum mismatch") == true)
            #expect(error?.warnings.contains { $0.contains(".jar or .obr") } == true, "\(error?.warnings ?? [])")
            let entry = try #require(try service.entries().first)
            #expect(entry.verified == false)
            #expect(entry.failure == error?.message)
            #expect(entry.id == "1234-abcd")
            #expect(entry.checksum != wrong)
            #expect(server.requests.count == 1)
        }
    }

    /// A server whose every answer is artifact 1234-abcd with the checksum `checksum` holds then.
    static func artifact1234(checksum: LockedValue<String>) -> @Sendable (FakeServer.Request) -> FakeServer.Reply {
        { _ in
            .respond(status: 200, body: Array("""
            {"fileInfo": {"logicalFileName": "sample-plugin-1.0.0.jar", "size": 1553, "checksum": "\(checksum.withLock { $0 })"},
             "_links": {"self": {"href": "/rest/3/artifacts/1234-abcd"}}}
            """.utf8))
        }
    }

    @Test("a checksum mismatch stands through a refresh whose checksum cannot be compared (base64), and goes once one matches")
    func aMismatchStandsUntilComparedAgain() async throws {
        let checksum = LockedValue("sha512:" + String(repeating: "ab", count: 64))
        try await Self.withFakeServer(Self.artifact1234(checksum: checksum)) { _, service, folder in
            _ = await #expect(throws: AssetError.self) {
                try await service.uploadArtifact(path: folder.file("samples/sample-plugin-1.0.0.jar")) { _ in }
            }
            let sent = try #require(try service.entries().first?.checksum)
            checksum.withLock { $0 = "sha512:" + Data(repeating: 0xAB, count: 64).base64EncodedString() }
            let uncompared = try await service.refreshArtifact(id: "1234-abcd").entry
            #expect(uncompared.verified == false && uncompared.failure?.hasPrefix("Checksum mismatch") == true, "\(uncompared)")
            #expect(uncompared.failure?.hasSuffix("Last refresh failed: Marketplace reported \"\(checksum.withLock { $0 })\", not sha512:<hex>, which cannot be compared.") == true,
                    "the mismatch quotes no checksum Marketplace no longer reports unsaid: \(uncompared.failure ?? "")")
            // `artifact ID`'s error says the upload's message once: the file, the artifact and the advice not twice.
            let said = try #require(AssetService.mismatchError(uncompared, artifactId: "1234-abcd"))
            #expect(said.hasPrefix("Checksum mismatch for sample-plugin-1.0.0.jar: ") && said.components(separatedBy: "1234-abcd").count == 2
                && said.components(separatedBy: "Upload it again.").count == 2, "\(said)")
            // A mismatch a refresh found (Marketplace's checksum changed since) is named and advised on.
            var refreshed = uncompared
            refreshed.failure = "Checksum mismatch: sent sha512:abab…, Marketplace stores sha512:cdcd…."
            #expect(AssetService.mismatchError(refreshed, artifactId: "1234-abcd")
                == "sample-plugin-1.0.0.jar (artifact 1234-abcd): Checksum mismatch: sent sha512:abab…, Marketplace stores sha512:cdcd…. Upload it again.")
            checksum.withLock { $0 = sent }
            let matched = try await service.refreshArtifact(id: "1234-abcd").entry
            #expect(matched.verified == true && matched.failure == nil && matched.checksum == sent, "\(matched)")
        }
    }

    @Test("an upload whose path was not recorded (not UTF-8) is checked on a refresh against what was sent, as any upload")
    func anUploadWithoutItsPathIsStillChecked() async throws {
        let checksum = LockedValue("")
        try await Self.withFakeServer(Self.artifact1234(checksum: checksum)) { _, service, folder in
            let sent = try "sha512:" + FileHasher.sha512Hex(path: folder.file("samples/sample-plugin-1.0.0.jar"))
            checksum.withLock { $0 = sent }
            let outcome = try await service.uploadArtifact(path: folder.file("samples/sample-plugin-1.0.0.jar"), recordsLocalPath: false) { _ in }
            #expect(outcome.entry.localPath == nil && outcome.entry.verified == true)
            checksum.withLock { $0 = "sha512:" + String(repeating: "ab", count: 64) }
            let mismatched = try await service.refreshArtifact(id: "1234-abcd").entry
            #expect(mismatched.verified == false && mismatched.checksum == sent && mismatched.failure?.hasPrefix("Checksum mismatch") == true, "\(mismatched)")
        }
    }

    @Test("an artifact looked up, then refreshed after Marketplace's checksum changed: the entry's checksum is the new one, no mismatch")
    func aLookedUpChecksumFollowsTheServer() async throws {
        let checksum = LockedValue("sha512:" + String(repeating: "ab", count: 64))
        try await Self.withFakeServer(Self.artifact1234(checksum: checksum)) { _, service, _ in
            _ = try await service.refreshArtifact(id: "1234-abcd")
            checksum.withLock { $0 = "sha512:" + String(repeating: "00", count: 64) }
            let refreshed = try await service.refreshArtifact(id: "1234-abcd").entry
            #expect(refreshed.checksum == checksum.withLock { $0 } && refreshed.verified == nil && refreshed.failure == nil, "\(refreshed)")
            #expect(try service.entries().map(\.checksum) == [checksum.withLock { $0 }])
        }
    }

    @Test("a checksum in another form than sha512:<hex> leaves the upload unverified, and the warning quotes it rather than saying there was none")
    func checksumInAnotherForm() async throws {
        let bare = String(repeating: "ab", count: 64)
        // The digest in base64, as some services give it: no hex one, so no mismatch either.
        let base64 = "sha512:" + Data(repeating: 0xAB, count: 64).base64EncodedString()
        for (checksum, warning) in [
            ("\"\(bare)\"", "Marketplace reported its checksum as \"\(bare)\", not as sha512:<hex>, so the upload could not be verified."),
            ("\"\(base64)\"", "Marketplace reported its checksum as \"\(base64)\", not as sha512:<hex>, so the upload could not be verified."),
            ("null", "Marketplace did not report a SHA-512 checksum, so the upload could not be verified."),
        ] {
            let body = Array("""
            {"fileInfo": {"logicalFileName": "sample-plugin-1.0.0.jar", "size": 1553, "checksum": \(checksum)},
             "_links": {"self": {"href": "/rest/3/artifacts/1234-abcd"}}}
            """.utf8)
            try await Self.withFakeServer({ _ in .respond(status: 200, body: body) }) { _, service, folder in
                let outcome = try await service.uploadArtifact(path: folder.file("samples/sample-plugin-1.0.0.jar")) { _ in }
                #expect(outcome.warnings.contains(warning), "\(outcome.warnings)")
                #expect(outcome.entry.verified == nil)
                #expect(outcome.entry.id == "1234-abcd")
            }
        }
    }

    @Test("an upload Marketplace made that the history cannot record says so with its ID, and how to record it, not to try again")
    func madeButNotRecorded() async throws {
        let history = LockedValue<String?>(nil)
        let body = Array("""
        {"fileInfo": {"logicalFileName": "sample-plugin-1.0.0.jar", "size": 1553},
         "_links": {"self": {"href": "/rest/3/artifacts/1234-abcd"}}}
        """.utf8)
        // The history's path becomes a folder while the server has the upload (another program's doing).
        try await Self.withFakeServer({ _ in
            if let path = history.withLock({ $0 }) {
                unlink(path)
                mkdir(path, 0o700)
            }
            return .respond(status: 200, body: body)
        }) { _, service, folder in
            history.withLock { $0 = service.history.path }
            let outcome = try await service.uploadArtifact(path: folder.file("samples/sample-plugin-1.0.0.jar")) { _ in }
            let reason = try #require(outcome.unrecordedReason)
            #expect(reason.hasPrefix("Done (ID 1234-abcd), but the history could not be saved: "), "\(reason)")
            #expect(reason.hasSuffix(" `marketplace-assets artifact 1234-abcd` records it once the history can be written; uploading it again would make a second copy."), "\(reason)")
        }
    }

    @Test("a fetch answer that echoes the URI in its names hides its secrets there, in the history and in the output; the key and version stay as read")
    func fetchAnswerEchoingTheURI() async throws {
        let uri = "https://bob:PASSW0RDX@files.example/app.jar?key=com.acme.plugin&X-Amz-Signature=SIGSECRET99"
        let body = Array("""
        {"fileInfo": {"logicalFileName": "\(uri)", "size": 3},
         "details": {"key": "com.acme.plugin", "name": "from \(uri)", "version": "1.0.0"},
         "_links": {"self": {"href": "/rest/3/artifacts/a-1"}, "remote": {"href": "\(uri)"}}}
        """.utf8)
        try await Self.withFakeServer({ _ in .respond(status: 200, body: body) }) { _, service, folder in
            let outcome = try await service.fetchArtifact(uri: uri)
            let shown = [outcome.entry.name, outcome.entry.artifact?.details?.name ?? "", outcome.entry.artifact?.links.remote?.href ?? "",
                         String(decoding: outcome.responseBody, as: UTF8.self), try String(contentsOfFile: folder.file("history.json"), encoding: .utf8)]
            for text in shown {
                #expect(!text.contains("PASSW0RDX") && !text.contains("SIGSECRET99"), "\(text)")
            }
            #expect(outcome.entry.name.hasPrefix("https://files.example/app.jar?key=<redacted>"))
            #expect(outcome.entry.artifact?.details?.key == "com.acme.plugin" && outcome.entry.artifact?.details?.version == "1.0.0",
                    "read from the jar, not the URI: a duplicate check needs them")
            // A refresh (`artifact a-1`, R) gets the same echoes back: hidden the same way.
            let refreshed = try await service.refreshArtifact(id: "a-1")
            for text in [refreshed.entry.artifact?.fileInfo.logicalFileName ?? "", refreshed.entry.artifact?.details?.name ?? "",
                         String(decoding: refreshed.responseBody, as: UTF8.self), try String(contentsOfFile: folder.file("history.json"), encoding: .utf8)] {
                #expect(!text.contains("PASSW0RDX") && !text.contains("SIGSECRET99"), "\(text)")
            }
            #expect(refreshed.entry.artifact?.fileInfo.logicalFileName.hasPrefix("https://files.example/app.jar?key=<redacted>") == true)
        }
    }

    @Test("a damaged history moved aside before an upload is said in the outcome's historyWarnings, apart from the file's warnings")
    func historyMovedAsideIsReported() async throws {
        let body = Array("{\"id\": \"img-1\", \"mediaType\": \"image\", \"_links\": {\"self\": {\"href\": \"/rest/3/assets/img-1\"}}}".utf8)
        try await Self.withFakeServer({ _ in .respond(status: 200, body: body) }) { _, service, folder in
            _ = try folder.write("history.json", "{\"schemaVersion\": 2, \"entries\": [ {\"kind\"")
            let outcome = try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "icon") { _ in }
            #expect(outcome.historyWarnings.count == 1)
            #expect(outcome.historyWarnings.first?.hasPrefix("History moved to history.json.corrupt-") == true)
            #expect(outcome.historyWarnings.first?.contains(" beside it (\(folder.file("history.json.corrupt-"))") == true)
            #expect(!outcome.warnings.contains { $0.contains("moved to") })
            #expect(service.history.warnings.isEmpty, "taken once, by the outcome")
            #expect(try service.entries().map(\.id) == ["img-1"])
        }
    }

    @Test("a server error is recorded as a failed entry and thrown as one line")
    func serverError() async throws {
        let reply = Array("{\"message\": \"storage \u{1B}[31mexploded\"}".utf8)
        try await Self.withFakeServer({ _ in .respond(status: 500, body: reply) }) { _, service, folder in
            let error = await #expect(throws: AssetError.self) {
                try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "icon") { _ in }
            }
            let message = try #require(error?.message)
            #expect(message.contains("500"))
            #expect(SafeText.isSafe(message))
            let entry = try #require(try service.entries().first)
            #expect(entry.failure == message)
            #expect(entry.id == nil)
            #expect(entry.imageType == "icon")
            #expect(error?.warnings == [], "app-icon.png is an icon's size")
            // A file the upload would have warned of carries the warning in its failure too.
            let banner = await #expect(throws: AssetError.self) {
                try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "banner") { _ in }
            }
            #expect(banner?.warnings.contains { $0.hasPrefix("banner is 144×144") } == true, "\(banner?.warnings ?? [])")
            #expect(message.contains(TransportErrorClassifier.uploadMayExist) == false, "a 500 is the server's own refusal")
        }
        // A gateway's 502 (or 504), or a proxy's bare 503, does not say the server behind it did
        // nothing: the entry says Marketplace may have the upload, which `history --remove-failed` keeps.
        for (status, body) in [(502, "bad gateway"), (503, "upstream connect error or disconnect/reset before headers")] {
            try await Self.withFakeServer({ _ in .respond(status: status, body: Array(body.utf8)) }) { _, service, folder in
                let error = await #expect(throws: AssetError.self) {
                    try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "icon") { _ in }
                }
                #expect(error?.message.hasSuffix(". \(TransportErrorClassifier.uploadMayExist): sending it again may make a second one.") == true,
                        "\(error?.message ?? "")")
                #expect(error?.message.contains("Try again later") == false, "\(error?.message ?? "")")
                let recorded = try service.entries().first?.failure
                #expect(recorded == error?.message)
            }
        }
        // A success answer that does not read (no _links): Marketplace said it made something.
        try await Self.withFakeServer({ _ in .respond(status: 200, body: Array("{\"fileInfo\": {}}".utf8)) }) { _, service, _ in
            let error = await #expect(throws: AssetError.self) { try await service.fetchArtifact(uri: "https://downloads.example.com/app-1.0.0.jar") }
            #expect(error?.message.hasSuffix("(\(TransportErrorClassifier.uploadMayExist))") == true, "\(error?.message ?? "")")
        }
    }

    @Test("the wrong kind of file or URI is refused before any byte is sent")
    func refusedBeforeSending() async throws {
        try await Self.withFakeServer({ _ in .respond(status: 200, body: Array("{}".utf8)) }) { server, service, folder in
            let jar = folder.file("samples/sample-plugin-1.0.0.jar")
            let png = folder.file("samples/app-icon.png")
            await #expect(throws: AssetError.self) { try await service.uploadImage(path: jar, imageType: "icon") { _ in } }
            await #expect(throws: AssetError.self) { try await service.uploadImage(path: png, imageType: " ") { _ in } }
            await #expect(throws: AssetError.self) { try await service.uploadArtifact(path: png) { _ in } }
            await #expect(throws: AssetError.self) { try await service.uploadArtifact(path: folder.path) { _ in } }
            await #expect(throws: AssetError.self) { try await service.uploadArtifact(path: folder.file("missing.jar")) { _ in } }
            await #expect(throws: AssetError.self) { try await service.fetchArtifact(uri: "file:///etc/passwd") }
            await #expect(throws: AssetError.self) { try await service.fetchArtifact(uri: "https://example.com/" + String(repeating: "x", count: 9000)) }
            await #expect(throws: AssetError.self) { try await service.refreshArtifact(id: "") }
            #expect(server.requests.isEmpty)
            let recorded = try service.entries()
            #expect(recorded.isEmpty)
        }
    }

    @Test("a history that could not record the upload (a folder, a named pipe, no history, a newer schema) stops it before any byte is sent")
    func unusableHistoryStopsTheUpload() async throws {
        let folder = try TemporaryFolder("service-history")
        defer { folder.remove() }
        let samples = try DemoSamples.materialize(into: folder.file("samples"))
        let readme = try folder.write("README.md", "# notes\n")
        let newer = try folder.write("newer.json", "{\"schemaVersion\": 99, \"entries\": []}")
        try FileManager.default.createDirectory(atPath: folder.file("a-folder"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.file("a-pipe"), 0o600) == 0)
        let server = try FakeServer { _ in .respond(status: 200, body: Array("{}".utf8)) }
        defer { server.stop() }
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL + "/marketplace", credentials: Self.credentials, retry: .none))
        for (path, says) in [(readme, "is not a marketplace-assets history"), (newer, "newer marketplace-assets"), (folder.file("a-folder"), "is not a file"),
                            (folder.file("a-pipe"), "is not a file")] {
            let service = AssetService(client: client, history: HistoryStore(path: path), serverURL: server.baseURL)
            let errors = [
                await #expect(throws: AssetError.self) {
                    try await service.uploadImage(path: samples + "/app-icon.png", imageType: "icon") { _ in }
                },
                await #expect(throws: AssetError.self) { try await service.uploadArtifact(path: samples + "/sample-plugin-1.0.0.jar") { _ in } },
                await #expect(throws: AssetError.self) { try await service.fetchArtifact(uri: "https://example.com/app.jar") },
            ]
            for error in errors { #expect(error?.message.contains(says) == true && error?.message.hasSuffix("Nothing was sent.") == true) }
        }
        #expect(server.requests.isEmpty)
        #expect(FileManager.default.contents(atPath: readme) == Data("# notes\n".utf8))
        try? await client.shutdown()
    }

    /// What a batch of several files checks for every file before the first upload.
    @Test("inspectImage and inspectArtifact make the upload's own checks, without sending or recording")
    func localChecks() async throws {
        try await Self.withFakeServer({ _ in .respond(status: 200, body: Array("{}".utf8)) }) { server, service, folder in
            let jar = folder.file("samples/sample-plugin-1.0.0.jar")
            let png = folder.file("samples/app-icon.png")
            let image = try service.inspectImage(path: png)
            let artifact = try service.inspectArtifact(path: jar)
            #expect(image.info.width == 144)
            #expect(artifact.isArtifact)
            let notImage = #expect(throws: AssetError.self) { try service.inspectImage(path: jar) }
            #expect(notImage?.message == "sample-plugin-1.0.0.jar is not an image: images must be PNG, JPEG, GIF or BMP.")
            let notArtifact = #expect(throws: AssetError.self) { try service.inspectArtifact(path: png) }
            #expect(notArtifact?.message.hasPrefix("app-icon.png is not an app artifact") == true)
            #expect(throws: AssetError.self) { try service.inspectImage(path: folder.file("missing.png")) }
            // The upload refuses with the same words.
            let upload = await #expect(throws: AssetError.self) { try await service.uploadImage(path: jar, imageType: "icon") { _ in } }
            #expect(upload?.message == notImage?.message)
            #expect(server.requests.isEmpty)
            let recorded = try service.entries()
            #expect(recorded.isEmpty)
        }
    }

    @Test("an artifact Marketplace refuses for its descriptor (none, no key, plugins-version 3) is refused before a byte is sent")
    func refusedArtifacts() async throws {
        try await Self.withFakeServer({ _ in .respond(status: 201, body: Array("{}".utf8)) }) { server, service, folder in
            func jar(_ name: String, _ descriptor: String?) throws -> String {
                var entries: [(name: String, data: [UInt8])] = [("META-INF/MANIFEST.MF", Array("Manifest-Version: 1.0\r\n\r\n".utf8))]
                if let descriptor { entries.append(("atlassian-plugin.xml", Array(descriptor.utf8))) }
                let path = folder.file(name)
                try Data(StoredZip.make(entries)).write(to: URL(fileURLWithPath: path))
                return path
            }
            let cases = [
                (try jar("none.jar", nil), "none.jar has no atlassian-plugin.xml, so it is not an app Marketplace can read."),
                (try jar("nokey.jar", #"<atlassian-plugin name="x" plugins-version="2"/>"#), "The atlassian-plugin.xml of nokey.jar names no plugin key."),
                (try jar("p3.jar", #"<atlassian-plugin key="k" plugins-version="3"/>"#),
                 "The atlassian-plugin.xml of p3.jar has plugins-version=\"3\": only 1 and 2 are plugin framework versions."),
            ]
            for (path, reason) in cases {
                let checked = #expect(throws: AssetError.self) { try service.inspectArtifact(path: path) }
                #expect(checked?.message == reason + " Marketplace refuses such an artifact, so it was not sent.")
                let upload = await #expect(throws: AssetError.self) { try await service.uploadArtifact(path: path) { _ in } }
                #expect(upload?.message == checked?.message)
            }
            #expect(server.requests.isEmpty)
            #expect(try service.entries().isEmpty)
        }
    }

    @Test("a fetch that gets no answer may be made all the same (Marketplace goes on downloading): its entry says so, as an upload's does")
    func aFetchWithoutAnAnswerMayBeMade() async throws {
        try await Self.withFakeServer({ _ in .stall }, idleTimeout: .seconds(1)) { server, service, _ in
            let error = await #expect(throws: AssetError.self) {
                try await service.fetchArtifact(uri: "https://downloads.example.com/app-1.0.0.jar")
            }
            #expect(error?.message.hasPrefix("No answer from 127.0.0.1 within 1 s after the request was sent (\(TransportErrorClassifier.uploadMayExist))") == true,
                    "\(error?.message ?? "")")
            let recorded = try service.entries().first?.failure
            #expect(recorded == error?.message, "what `history --remove-failed` keeps")
            #expect(server.requests.count == 1, "not sent again")
        }
    }

    @Test("cancelling an upload surfaces as a cancellation: before anything was sent it records nothing; once the whole file went, the attempt is kept")
    func cancellation() async throws {
        try await Self.withFakeServer({ _ in .stall }) { server, service, folder in
            let path = folder.file("samples/sample-plugin-1.0.0.jar")
            let task = Task { try await service.uploadArtifact(path: path) { _ in } }
            let deadline = ContinuousClock.now + .seconds(60)
            while server.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(server.requests.count == 1)
            task.cancel()
            let result = await task.result
            // The server took the whole (small) file: Marketplace may have made the upload, and
            // the history keeps the attempt, as after a timeout.
            switch result {
            case .success: Issue.record("the upload succeeded after cancel")
            case .failure(let error):
                #expect((error as? InterruptedUpload)?.unrecorded == nil, "\(error)")
                #expect(AssetService.isCancellation(error))
                #expect("\(error)".contains("The history keeps the attempt"))
            }
            let kept = try service.entries()
            #expect(kept.count == 1 && kept.first?.id == nil)
            #expect(kept.first?.failure?.contains(TransportErrorClassifier.uploadMayExist) == true, "\(kept)")
            try service.history.remove(entryIds: Set(kept.map(\.entryId)))

            // A history that can no longer take the attempt (its path became a folder meanwhile) is
            // said, not claimed kept.
            let again = Task { try await service.uploadArtifact(path: path) { _ in } }
            while server.requests.count < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            try FileManager.default.removeItem(atPath: service.history.path)
            try FileManager.default.createDirectory(atPath: service.history.path, withIntermediateDirectories: false)
            again.cancel()
            guard case .failure(let error) = await again.result, let interrupted = error as? InterruptedUpload else {
                Issue.record("expected InterruptedUpload")
                return
            }
            #expect(interrupted.unrecorded?.contains("is not a file") == true, "\(interrupted)")
            #expect("\(interrupted)".contains("The history could not keep the attempt"))
            try FileManager.default.removeItem(atPath: service.history.path)

            let cancelledBeforeStart = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "icon") { _ in }
            }
            await #expect(throws: CancellationError.self) { try await cancelledBeforeStart.value }
            #expect(server.requests.count == 2)
            #expect(try service.entries().isEmpty)
        }
    }
}
