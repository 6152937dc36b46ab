import Foundation
import MarketplaceAPI
import MarketplaceEmulator
import Testing

/// The client against the real emulator, in-process over loopback HTTP: every endpoint, and
/// the emulator's refusals arriving as typed errors.
@Suite("Client against the emulator")
struct ClientAgainstEmulatorTests {
    /// `Resources/samples` of the repository.
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/samples").path

    static func sample(_ name: String, contentType: String, as fileName: String? = nil) throws -> (UploadFile, [UInt8]) {
        let path = samples + "/" + name
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return (UploadFile(path: path, fileName: fileName ?? name, contentType: contentType, size: Int64(bytes.count)), bytes)
    }

    /// Runs `body` with a fresh emulator (own data folder) and a client for it.
    static func withEmulator<T>(
        credentials: Credentials = TestClients.credentials,
        configure: (inout EmulatorConfiguration) -> Void = { _ in },
        _ body: (RunningEmulator, MarketplaceClient) async throws -> T
    ) async throws -> T {
        let directory = try TestDirectory()
        defer { directory.remove() }
        var configuration = EmulatorConfiguration(host: "127.0.0.1", port: 0, dataDirectory: directory.path, credentials: [TestClients.credentials])
        configure(&configuration)
        let emulator = try await MarketplaceEmulator(configuration: configuration).start()
        let client: MarketplaceClient
        do {
            client = try MarketplaceClient(
                configuration: ClientConfiguration(baseURL: emulator.baseURL, credentials: credentials, retry: TestClients.fastRetry)
            )
        } catch {
            await emulator.stop()
            throw error
        }
        do {
            let result = try await body(emulator, client)
            try await client.shutdown()
            await emulator.stop()
            return result
        } catch {
            try? await client.shutdown()
            await emulator.stop()
            throw error
        }
    }

    @Test("Upload an image of each format; the answer names it and its MIME type", arguments: [
        ("app-icon.png", "image/png", "icon"),
        ("banner.jpg", "image/jpeg", "banner"),
        ("thumbnail.gif", "image/gif", "thumbnail"),
        ("logo.bmp", "image/bmp", "logo"),
    ])
    func uploadImage(name: String, mimeType: String, imageType: String) async throws {
        let (file, bytes) = try Self.sample(name, contentType: mimeType)
        let log = ProgressLog()
        let result = try await Self.withEmulator { _, client in
            try await client.uploadImage(file, imageType: imageType, progress: { log.record($0) })
        }
        let image = result.response.value
        #expect(!image.id.isEmpty)
        #expect(image.mimeType == mimeType)
        #expect(image.name == name)
        #expect(image.size == Int64(bytes.count))
        #expect(log.all.last == UploadProgress(sentBytes: Int64(bytes.count), totalBytes: Int64(bytes.count)))
    }

    @Test("A file name with quotes and non-ASCII letters arrives intact")
    func fileNameRoundTrip() async throws {
        let fileName = "Bild \"äöü\" 画像.png"
        let (file, _) = try Self.sample("app-icon.png", contentType: "image/png", as: fileName)
        let result = try await Self.withEmulator { _, client in
            try await client.uploadImage(file, imageType: "screenshot", progress: nil)
        }
        #expect(result.response.value.name == fileName)
    }

    @Test("Upload an artifact: the server's checksum equals the SHA-512 of the bytes sent; details read it back")
    func uploadArtifactThenDetails() async throws {
        let (file, bytes) = try Self.sample("sample-plugin-1.0.0.jar", contentType: "application/java-archive")
        try await Self.withEmulator { _, client in
            let result = try await client.uploadArtifact(file, computeSHA512: true, progress: nil)
            let artifact = result.response.value
            #expect(result.sentSHA512 == TestBytes.sha512Hex(bytes))
            #expect(artifact.fileInfo.sha512Hex == result.sentSHA512)
            #expect(artifact.fileInfo.size == Int64(bytes.count))
            #expect(artifact.fileInfo.logicalFileName == "sample-plugin-1.0.0.jar")
            #expect(artifact.details?.key != nil)
            #expect(artifact.links.remote == nil)
            #expect(artifact.links.binary != nil)

            let details = try await client.artifact(id: artifact.artifactId)
            #expect(details.status == 200)
            #expect(details.value.artifactId == artifact.artifactId)
            #expect(details.value.fileInfo == artifact.fileInfo)
            #expect(details.value.links.remote == nil)
        }
    }

    @Test("Fetch an artifact from a URL: a remote artifact, also on GET")
    func fetchArtifact() async throws {
        let (_, bytes) = try Self.sample("sample-plugin-1.0.0.jar", contentType: "application/java-archive")
        let origin = try await FaultServer.start { _ in
            .respond(status: 200, headers: [("Content-Type", "application/java-archive")], body: bytes)
        }
        let uri = "http://127.0.0.1:\(origin.port)/releases/sample-plugin-1.0.0.jar"
        do {
            try await Self.withEmulator(configure: { $0.allowPrivateFetch = true }) { _, client in
                let fetched = try await client.fetchArtifact(uri: uri)
                #expect(fetched.value.links.remote != nil)
                #expect(fetched.value.links.remote?.href == uri)
                #expect(fetched.value.fileInfo.sha512Hex == TestBytes.sha512Hex(bytes))

                let details = try await client.artifact(id: fetched.value.artifactId)
                #expect(details.value.links.remote != nil)
                #expect(details.value.artifactId == fetched.value.artifactId)
            }
            #expect(origin.requests.count == 1)
            #expect(origin.requests.first?.uri == "/releases/sample-plugin-1.0.0.jar")
        } catch {
            await origin.stop()
            throw error
        }
        await origin.stop()
    }

    @Test("Wrong credentials: unauthorized, with the emulator's words and what to check")
    func wrongCredentials() async throws {
        try await Self.withEmulator(credentials: Credentials(email: "dev@example.com", apiToken: "wrong")) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "337c40d8-c903-4e28-8498-7cbc372ba578") })
            guard case .unauthorized(let details) = error else { Issue.record("expected unauthorized, got \(error)"); return }
            #expect(details.serverMessage != nil)
            #expect(error.message.contains("marketplace-assets auth status"))
        }
    }

    @Test("An unknown artifact ID: notFound, whose advice names the artifact ID")
    func unknownArtifact() async throws {
        try await Self.withEmulator { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "337c40d8-c903-4e28-8498-7cbc372ba578") })
            guard case .notFound = error else { Issue.record("expected notFound, got \(error)"); return }
            #expect(error.message.hasSuffix("Check the artifact ID and the base URL."), "\(error.message)")
        }
    }

    @Test("Bytes that are not an image are refused as a client error")
    func notAnImage() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("fake.png", Array("just some text, not a PNG".utf8))
        try await Self.withEmulator { _, client in
            let error = try #require(await apiError {
                try await client.uploadImage(UploadFile(path: path, fileName: "fake.png", contentType: "image/png", size: 25), imageType: "icon", progress: nil)
            })
            #expect((400..<500).contains(error.status ?? 0), "\(error)")
            #expect(error.serverDetails?.serverMessage != nil)
        }
    }

    @Test("An image over the emulator's limit: payloadTooLarge")
    func imageTooLarge() async throws {
        let (file, _) = try Self.sample("banner.jpg", contentType: "image/jpeg")
        try await Self.withEmulator(configure: { $0.maxImageBytes = 64 }) { _, client in
            let error = try #require(await apiError { try await client.uploadImage(file, imageType: "banner", progress: nil) })
            guard case .payloadTooLarge = error else { Issue.record("expected payloadTooLarge, got \(error)"); return }
        }
    }

    @Test("A jar without a plugin descriptor is refused as a client error")
    func jarWithoutDescriptor() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("not-a-plugin.jar", TestBytes.pattern(4096))
        try await Self.withEmulator { _, client in
            let error = try #require(await apiError {
                try await client.uploadArtifact(
                    UploadFile(path: path, fileName: "not-a-plugin.jar", contentType: "application/java-archive", size: 4096), computeSHA512: true, progress: nil
                )
            })
            #expect((400..<500).contains(error.status ?? 0), "\(error)")
        }
    }
}
