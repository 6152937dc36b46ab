import AssetInspection
import Foundation
import MarketplaceAPI
import MarketplaceEmulator
import Testing
import TestSupport
@testable import AssetCore

/// The upload service against the real emulator over loopback HTTP, and against a fake
/// server for answers the emulator never gives.
@Suite("Asset service")
struct AssetServiceTests {
    static let token = "service-token-\(UUID().uuidString)"
    static let credentials = Credentials(email: "tester@example.com", apiToken: token)

    /// A service on an emulator with a fresh data folder and history, and the sample files.
    struct Setup {
        var folder: TemporaryFolder
        var samples: String
        var emulator: RunningEmulator
        var client: MarketplaceClient
        var service: AssetService

        func sample(_ name: String) -> String { (samples as NSString).appendingPathComponent(name) }

        func close() async {
            try? await client.shutdown()
            await emulator.stop()
            folder.remove()
        }

        /// Everything on disk that holds history: document, journal, lock.
        func historyText() -> String {
            let directory = (service.history.path as NSString).deletingLastPathComponent
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.map { String(decoding: FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent($0)) ?? Data(), as: UTF8.self) }
                .joined(separator: "\n")
        }
    }

    static func withEmulator(clientToken: String = token, _ body: (Setup) async throws -> Void) async throws {
        let folder = try TemporaryFolder("service")
        var configuration = EmulatorConfiguration(dataDirectory: folder.file("emulator"))
        configuration.port = 0
        configuration.credentials = [credentials]
        configuration.allowPrivateFetch = true
        let emulator = try await MarketplaceEmulator(configuration: configuration).start()
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: emulator.baseURL, credentials: Credentials(email: credentials.email, apiToken: clientToken), retry: .none))
        let history = HistoryStore(path: folder.file("state/history.json"))
        let samples = try DemoSamples.materialize(into: folder.file("samples"))
        let setup = Setup(folder: folder, samples: samples, emulator: emulator, client: client,
                          service: AssetService(client: client, history: history, serverURL: emulator.baseURL + "/"))
        do {
            try await body(setup)
        } catch {
            await setup.close()
            throw error
        }
        await setup.close()
    }

    static func withFakeServer(_ reply: @escaping @Sendable (FakeServer.Request) -> FakeServer.Reply, idleTimeout: Duration = .seconds(30),
                               _ body: (FakeServer, AssetService, TemporaryFolder) async throws -> Void) async throws {
        let folder = try TemporaryFolder("service-fake")
        let server = try FakeServer(reply)
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server.baseURL + "/marketplace", credentials: credentials, idleTimeout: idleTimeout, retry: .none))
        let service = AssetService(client: client, history: HistoryStore(path: folder.file("history.json")), serverURL: server.baseURL)
        _ = try DemoSamples.materialize(into: folder.file("samples"))
        do {
            try await body(server, service, folder)
        } catch {
            try? await client.shutdown()
            server.stop()
            folder.remove()
            throw error
        }
        try? await client.shutdown()
        server.stop()
        folder.remove()
    }

    static func progressRecorder() -> (@Sendable (UploadProgress) -> Void, @Sendable () -> [UploadProgress]) {
        let box = LockedBox()
        return ({ box.append($0) }, { box.values })
    }

    final class LockedBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [UploadProgress] = []
        func append(_ value: UploadProgress) { lock.lock(); stored.append(value); lock.unlock() }
        var values: [UploadProgress] { lock.lock(); defer { lock.unlock() }; return stored }
    }

    // MARK: Against the emulator

    @Test("upload an image: progress, the server's answer, a history entry for this server")
    func uploadImage() async throws {
        try await Self.withEmulator { setup in
            let (report, reports) = Self.progressRecorder()
            let outcome = try await setup.service.uploadImage(path: setup.sample("app-icon.png"), imageType: "icon", progress: report)
            let entry = outcome.entry
            #expect(entry.kind == .image)
            #expect(entry.imageType == "icon")
            #expect(entry.id?.isEmpty == false)
            #expect(entry.image?.id == entry.id)
            #expect(entry.mimeType == "image/png")
            #expect(entry.failure == nil)
            #expect(entry.serverURL == setup.emulator.baseURL)
            #expect(entry.localPath == setup.sample("app-icon.png"))
            let json = try JSONSerialization.jsonObject(with: Data(outcome.responseBody)) as? [String: Any]
            #expect(json?["id"] as? String == entry.id)
            #expect(reports().last.map { $0.sentBytes == $0.totalBytes } == true)
            #expect(try setup.service.entries() == [entry])
        }
    }

    @Test("an image not at the recommended size uploads with a warning")
    func imageSizeWarning() async throws {
        try await Self.withEmulator { setup in
            let path = setup.sample("banner.jpg")
            let info = try #require(try setup.service.inspect(path: path).imageInfo)
            let outcome = try await setup.service.uploadImage(path: path, imageType: "banner") { _ in }
            let expected = ImageType.recommendationWarning(imageType: "banner", info: info)
            #expect(expected == nil || outcome.warnings.contains(expected!))
            let logo = try await setup.service.uploadImage(path: setup.sample("logo.bmp"), imageType: "logo") { _ in }
            let logoInfo = try #require(try setup.service.inspect(path: setup.sample("logo.bmp")).imageInfo)
            #expect((logoInfo.width == 144 && logoInfo.height == 144) == !logo.warnings.contains { $0.hasPrefix("logo is") })
        }
    }

    @Test("verify: false uploads without hashing: verified stays nil, the server's checksum is kept")
    func uploadWithoutVerifying() async throws {
        try await Self.withEmulator { setup in
            let path = setup.sample("sample-plugin-1.0.0.jar")
            let entry = try await setup.service.uploadArtifact(path: path, verify: false) { _ in }.entry
            #expect(entry.verified == nil)
            #expect(entry.failure == nil)
            #expect(entry.checksum == "sha512:" + (try FileHasher.sha512Hex(path: path)))
            #expect(try setup.service.entries().first?.verified == nil)
        }
    }

    @Test("approve sees the jar as it is sent; what it throws stops the upload: nothing sent, nothing recorded")
    func approveStopsAnUpload() async throws {
        try await Self.withEmulator { setup in
            let path = setup.sample("sample-plugin-1.0.0.jar")
            struct Refused: Error {}
            let seen = LockedValue<String?>(nil)
            await #expect(throws: Refused.self) {
                _ = try await setup.service.uploadArtifact(path: path, approve: { inspection in
                    seen.withLock { $0 = PreviousUpload.identity(of: inspection).map { "\($0.key) \($0.version)" } }
                    throw Refused()
                }, progress: { _ in })
            }
            #expect(seen.withLock { $0 } == "com.example.sample-plugin 1.0.0")
            let entries = try setup.service.entries()
            #expect(entries.isEmpty, "no attempt recorded")
            let stored = (try? FileManager.default.contentsOfDirectory(atPath: setup.folder.file("emulator/artifacts"))) ?? []
            #expect(stored.isEmpty, "nothing sent")
        }
    }

    @Test("upload an artifact: verified against the SHA-512 sent, details recorded, then refreshed in place")
    func uploadVerifyRefresh() async throws {
        try await Self.withEmulator { setup in
            let path = setup.sample("sample-plugin-1.0.0.jar")
            let outcome = try await setup.service.uploadArtifact(path: path) { _ in }
            let entry = outcome.entry
            #expect(entry.kind == .artifact)
            #expect(entry.verified == true)
            #expect(entry.checksum == "sha512:" + (try FileHasher.sha512Hex(path: path)))
            #expect(entry.artifact?.fileInfo.checksum?.lowercased() == entry.checksum)
            #expect(entry.artifact?.details?.key?.isEmpty == false)
            let artifactId = try #require(entry.id)
            #expect(artifactId == entry.artifact?.artifactId)

            let refreshed = try await setup.service.refreshArtifact(id: artifactId)
            #expect(refreshed.entry.entryId == entry.entryId)
            #expect(refreshed.entry.refreshedAt != nil)
            #expect(refreshed.entry.failure == nil)
            #expect(refreshed.entry.verified == true)
            #expect(!refreshed.entry.lookedUp, "an upload of ours")
            let all = try setup.service.entries()
            #expect(all.count == 1)
            #expect(all.first?.refreshedAt == refreshed.entry.refreshedAt)

            // A history that does not know the artifact yet gets a new entry, marked as looked up.
            let other = AssetService(client: setup.client, history: HistoryStore(path: setup.folder.file("other/history.json")),
                                     serverURL: setup.emulator.baseURL)
            let recorded = try await other.refreshArtifact(id: artifactId)
            #expect(recorded.entry.id == artifactId)
            #expect(recorded.entry.lookedUp && recorded.entry.localPath == nil && recorded.entry.remoteURI == nil)
            #expect(try other.entries().map(\.lookedUp) == [true])
            // Refreshed again, it stays a lookup, one entry, the ID given in capitals too.
            _ = try await other.refreshArtifact(id: artifactId)
            _ = try await other.refreshArtifact(id: artifactId.uppercased())
            #expect(try other.entries().map(\.lookedUp) == [true])

            // Unless the caller refreshes a row it shows (the TUI), which another process may have removed.
            let gone = AssetService(client: setup.client, history: HistoryStore(path: setup.folder.file("gone/history.json")),
                                    serverURL: setup.emulator.baseURL)
            let error = await #expect(throws: AssetError.self) { try await gone.refreshArtifact(id: artifactId, recordingNew: false) }
            #expect(error?.message.contains("is no longer in the history") == true)
            #expect(try gone.entries().isEmpty)
        }
    }

    @Test("refreshing an unknown artifact fails, marks the entries, and never adds one")
    func refreshFailure() async throws {
        try await Self.withEmulator { setup in
            let outcome = try await setup.service.uploadArtifact(path: setup.sample("sample-plugin-1.0.0.jar")) { _ in }
            let missing = "00000000-0000-0000-0000-000000000000"
            await #expect(throws: AssetError.self) { try await setup.service.refreshArtifact(id: missing) }
            #expect(try setup.service.entries().map(\.entryId) == [outcome.entry.entryId])

            // An entry whose artifact vanished on the server gets the failure.
            try setup.service.history.update(where: { $0.entryId == outcome.entry.entryId }) { $0.id = missing }
            let error = await #expect(throws: AssetError.self) { try await setup.service.refreshArtifact(id: missing) }
            let entry = try #require(try setup.service.entries().first)
            #expect(entry.failure == error?.message)
            // A checksum mismatch the upload recorded stands, the refresh's failure after it (the last one's only).
            let mismatch = "Checksum mismatch: sent sha512:abab…, Marketplace stores sha512:cdcd…."
            try setup.service.history.update(where: { $0.entryId == outcome.entry.entryId }) { ($0.verified, $0.failure) = (false, mismatch) }
            for _ in 1...2 { await #expect(throws: AssetError.self) { try await setup.service.refreshArtifact(id: missing) } }
            let mismatched = try #require(try setup.service.entries().first)
            #expect(mismatched.failure == mismatch + " Last refresh failed: " + (error?.message ?? ""), "\(mismatched.failure ?? "")")
            #expect(!mismatched.refreshFailed, "still the upload's own failure")

            // The ID of an artifact the history has from another server: the 404 says which.
            let elsewhere = "11111111-2222-3333-4444-555555555555"
            try setup.service.history.append(HistoryEntry(kind: .artifact, id: elsewhere, name: "b.jar", serverURL: "https://staging.example.com/marketplace"))
            let other = await #expect(throws: AssetError.self) { try await setup.service.refreshArtifact(id: elsewhere) }
            #expect(other?.message.hasSuffix("The history has it from https://staging.example.com/marketplace: --base-url https://staging.example.com/marketplace asks that server.") == true,
                    "\(other?.message ?? "")")
        }
    }

    @Test("artifact details are given even when the history cannot take them (newer schema), with a warning; the TUI's refresh fails")
    func refreshIntoAHistoryThatCannotBeWritten() async throws {
        try await Self.withEmulator { setup in
            let uploaded = try await setup.service.uploadArtifact(path: setup.sample("sample-plugin-1.0.0.jar")) { _ in }
            let id = try #require(uploaded.entry.id)
            let newer = setup.folder.file("newer.json")
            try Data(#"{"schemaVersion": 99, "entries": []}"#.utf8).write(to: URL(fileURLWithPath: newer))
            let service = AssetService(client: setup.client, history: HistoryStore(path: newer), serverURL: setup.service.serverURL)
            let outcome = try await service.refreshArtifact(id: id)
            #expect(outcome.entry.artifact?.artifactId == id)
            #expect(outcome.historyWarnings.contains { $0.hasPrefix("The details were not saved in the history: ") })
            #expect(try String(contentsOfFile: newer, encoding: .utf8) == #"{"schemaVersion": 99, "entries": []}"#, "left untouched")
            await #expect(throws: AssetError.self) { try await service.refreshArtifact(id: id, recordingNew: false) }
        }
    }

    @Test("an answer for another artifact (its self link names another ID) is refused, nothing recorded")
    func refreshAnsweredForAnotherArtifact() async throws {
        let other = "337c40d8-c903-4e28-8498-7cbc372ba578"
        let body = #"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "_links": {"self": {"href": "/rest/3/artifacts/\#(other)"}}}"#
        try await Self.withFakeServer({ _ in .respond(status: 200, body: Array(body.utf8)) }) { _, service, _ in
            let asked = "11111111-2222-3333-4444-555555555555"
            let error = await #expect(throws: AssetError.self) { try await service.refreshArtifact(id: asked) }
            #expect(error?.message.hasPrefix("Asked for artifact \(asked), the server answered with the details of \(other)") == true)
            #expect(try service.entries().isEmpty)
            // The same ID in another case is the same artifact.
            _ = try await service.refreshArtifact(id: other.uppercased())
        }
    }

    @Test("a 403 stops a batch as the account's, not the credentials': the token is good")
    func forbiddenIsTheAccount() async throws {
        try await Self.withFakeServer({ _ in .respond(status: 403, body: Array(#"{"message": "not your app"}"#.utf8)) }) { _, service, folder in
            let error = await #expect(throws: AssetError.self) {
                try await service.uploadImage(path: folder.file("samples/app-icon.png"), imageType: "icon") { _ in }
            }
            #expect(error?.stopsBatch == .accountRefused)
        }
    }

    @Test("a refresh whose answer has no details (the reference's GET example) keeps those the upload recorded")
    func refreshWithoutDetailsKeepsThem() async throws {
        var uploaded = SampleEntries.artifact("my-app-1.0.0.jar", server: "")
        let id = try #require(uploaded.id)
        // The reference's example answer for GET /rest/3/artifacts/{artifactId}, with this ID and a new size.
        let body = """
        {"fileInfo": {"logicalFileName": "my-app-1.0.0.jar", "size": 2097152, "checksum": "\(uploaded.checksum!)"},
         "_links": {"self": {"href": "/rest/3/artifacts/\(id)"}, "binary": {"href": "/rest/3/artifacts/\(id)/download"}}}
        """
        try await Self.withFakeServer({ _ in .respond(status: 200, body: Array(body.utf8)) }) { _, service, _ in
            uploaded.serverURL = service.serverURL
            try service.history.append(uploaded)
            let refreshed = try await service.refreshArtifact(id: id)
            #expect(refreshed.entry.artifact?.fileInfo.size == 2_097_152)
            #expect(refreshed.entry.artifact?.details == uploaded.artifact?.details)
            #expect(refreshed.entry.artifact?.links.remote == nil, "links are the answer's")
            #expect(try service.entries().first?.artifact?.details?.version == "1.0.0")
        }
    }

    @Test("a server that keeps uploads only while it runs (the demo's): an artifact recorded before it started is explained, its entry kept")
    func refreshOnAForgetfulServer() async throws {
        try await Self.withEmulator { setup in
            let outcome = try await setup.service.uploadArtifact(path: setup.sample("sample-plugin-1.0.0.jar")) { _ in }
            let gone = "11111111-2222-3333-4444-555555555555"
            try setup.service.history.update(where: { $0.entryId == outcome.entry.entryId }) { $0.id = gone }
            let recorded = try #require(try setup.service.entries().first)
            let demo = AssetService(client: setup.client, history: setup.service.history, serverURL: setup.emulator.baseURL,
                                    keepsUploadsSince: recorded.createdAt.addingTimeInterval(0.001))
            let error = await #expect(throws: AssetError.self) { try await demo.refreshArtifact(id: gone) }
            #expect(error?.message.contains("An earlier demo run uploaded this artifact") == true)
            #expect(try demo.entries() == [recorded], "the entry is kept as it was, without a failure")

            // An entry recorded since the server started is not excused: its 404 is a failure.
            let sinceBefore = AssetService(client: setup.client, history: setup.service.history, serverURL: setup.emulator.baseURL,
                                           keepsUploadsSince: recorded.createdAt)
            let failure = await #expect(throws: AssetError.self) { try await sinceBefore.refreshArtifact(id: gone) }
            #expect(failure?.message.contains("earlier demo run") == false)
            #expect(try demo.entries().first?.failure == failure?.message)
        }
    }

    @Test("fetch an artifact from a URL: the redacted URI recorded, the password nowhere on disk")
    func fetchArtifact() async throws {
        let jar = try #require(DemoSamples.bytes(of: "sample-plugin-1.0.0.jar"))
        let files = try FakeServer { request in
            request.path.hasPrefix("/releases/app.jar") ? .respond(status: 200, body: jar, contentType: "application/java-archive")
                : .respond(status: 404, body: Array("no".utf8), contentType: "text/plain")
        }
        defer { files.stop() }
        try await Self.withEmulator { setup in
            let outcome = try await setup.service.fetchArtifact(uri: "http://127.0.0.1:\(files.port)/releases/app.jar")
            #expect(outcome.entry.remoteURI == "http://127.0.0.1:\(files.port)/releases/app.jar")
            #expect(outcome.entry.id?.isEmpty == false)
            #expect(outcome.entry.artifact?.links.remote != nil)
            #expect(outcome.entry.failure == nil)

            let password = "hunter2-\(UUID().uuidString)"
            let secretURI = "http://deploy:\(password)@127.0.0.1:\(files.port)/missing.jar"
            let error = await #expect(throws: AssetError.self) { try await setup.service.fetchArtifact(uri: secretURI) }
            #expect(error?.message.contains(password) == false)
            let failed = try #require(try setup.service.entries().first)
            #expect(failed.failure != nil)
            #expect(failed.remoteURI == "http://127.0.0.1:\(files.port)/missing.jar")
            #expect(!setup.historyText().contains(password))
            #expect(try setup.service.entries(kind: .artifact).count == 2)
            #expect(try setup.service.entries(kind: .image).isEmpty)

            // A pre-signed link: the emulator keeps its signature in `_links.remote`, as a real
            // server may; neither the fetch's answer nor a refresh's (`artifact ID --json`) shows it.
            let signature = "5ec7e7-\(UUID().uuidString)"
            let signed = try await setup.service.fetchArtifact(uri: "http://127.0.0.1:\(files.port)/releases/app.jar?X-Amz-Signature=\(signature)")
            let refreshed = try await setup.service.refreshArtifact(id: try #require(signed.entry.id))
            for body in [signed.responseBody, refreshed.responseBody] {
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
                let remote = ((answer["_links"] as? [String: Any])?["remote"] as? [String: Any])?["href"] as? String
                #expect(remote == "http://127.0.0.1:\(files.port)/releases/app.jar?X-Amz-Signature=<redacted>")
                #expect(!String(decoding: body, as: UTF8.self).contains(signature))
            }
        }
    }

    @Test("wrong credentials: recorded as a failure, and the token is in no message and nowhere in the history")
    func tokenNeverLeaks() async throws {
        let wrongToken = "wrong-token-\(UUID().uuidString)"
        try await Self.withEmulator(clientToken: wrongToken) { setup in
            var messages: [String] = []
            for action in 0..<3 {
                do {
                    switch action {
                    case 0: _ = try await setup.service.uploadImage(path: setup.sample("app-icon.png"), imageType: "icon") { _ in }
                    case 1: _ = try await setup.service.uploadArtifact(path: setup.sample("sample-plugin-1.0.0.jar")) { _ in }
                    default: _ = try await setup.service.fetchArtifact(uri: "https://example.com/a.jar")
                    }
                    Issue.record("action \(action) succeeded with a wrong token")
                } catch let error as AssetError {
                    messages.append(error.message)
                    #expect(error.stopsBatch == .credentialsRefused, "a batch stops: each file would be refused the same way")
                }
            }
            #expect(messages.count == 3)
            #expect(messages.allSatisfy { $0.contains("401") })
            #expect(!messages.contains { $0.contains(wrongToken) || $0.contains(Self.token) })
            let entries = try setup.service.entries()
            #expect(entries.count == 3)
            #expect(entries.allSatisfy { $0.failure != nil && $0.id == nil })
            let onDisk = setup.historyText()
            #expect(!onDisk.contains(wrongToken))
            #expect(!onDisk.contains(Self.token))
            #expect(!"\(setup.client.configuration.credentials)".contains(wrongToken))
        }
    }

    @Test("a refresh refused for the token, or with the server out of reach, leaves a good upload's entry as it was")
    func refreshFailingForOtherReasons() async throws {
        try await Self.withEmulator { setup in
            let upload = try await setup.service.uploadArtifact(path: setup.sample("sample-plugin-1.0.0.jar")) { _ in }
            let id = try #require(upload.entry.id)
            let wrong = try MarketplaceClient(configuration: ClientConfiguration(
                baseURL: setup.emulator.baseURL, credentials: Credentials(email: Self.credentials.email, apiToken: "wrong"), retry: .none))
            let away = try MarketplaceClient(configuration: ClientConfiguration(
                baseURL: "http://127.0.0.1:1/marketplace", credentials: Self.credentials, retry: .none))
            for client in [wrong, away] {
                let service = AssetService(client: client, history: setup.service.history, serverURL: setup.emulator.baseURL + "/")
                await #expect(throws: AssetError.self) { try await service.refreshArtifact(id: id) }
                try? await client.shutdown()
            }
            #expect(try setup.service.entries() == [upload.entry])
        }
    }

    @Test("entries are newest first and of the current server unless all are asked for")
    func entriesView() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = HistoryStore(path: folder.file("history.json"))
        let old = SampleEntries.image("old.png", server: "http://demo", createdAt: Date(timeIntervalSince1970: 100))
        let newer = SampleEntries.artifact("new.jar", server: "http://demo/", createdAt: Date(timeIntervalSince1970: 200))
        let real = SampleEntries.image("real.png", server: "https://real", createdAt: Date(timeIntervalSince1970: 300))
        try history.append(contentsOf: [old, real, newer])
        let client = try MarketplaceClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:1", credentials: Self.credentials))
        defer { Task { try? await client.shutdown() } }
        let service = AssetService(client: client, history: history, serverURL: "http://demo")
        #expect(try service.entries().map(\.name) == ["new.jar", "old.png"])
        #expect(try service.entries(kind: .image).map(\.name) == ["old.png"])
        #expect(try service.entries(allServers: true).map(\.name) == ["real.png", "new.jar", "old.png"])
    }
}
