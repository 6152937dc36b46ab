import Foundation
import MarketplaceAPI
import Testing

/// Uploads over real loopback HTTP: what goes over the wire, byte for byte.
@Suite("Uploads")
struct UploadTests {
    @Test("An artifact upload sends auth, Accept, User-Agent, an exact Content-Length and the file as the multipart part")
    func artifactUploadOnTheWire() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let bytes = TestBytes.pattern(300_000)
        let path = try directory.write("my-app.jar", bytes)
        let answer = SampleAnswers.artifactJSON(checksum: TestBytes.sha512Hex(bytes))
        let log = ProgressLog()

        let result = try await withFaultServer([.respond(status: 201, headers: SampleAnswers.jsonHeaders, body: answer)]) { server, client in
            let file = UploadFile(path: path, fileName: "my-app.jar", contentType: "application/java-archive", size: Int64(bytes.count))
            let result = try await client.uploadArtifact(file, computeSHA512: true, progress: { log.record($0) })

            let requests = server.requests
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/marketplace/rest/3/artifacts")
            #expect(request.header("Authorization") == [TestClients.expectedAuthorization])
            #expect(request.header("Accept") == ["application/json"])
            #expect(request.header("User-Agent") == ["marketplace-assets/\(MarketplaceAPIVersion.tool)"])
            #expect(request.header("Content-Length") == [String(request.body.count)])
            #expect(request.header("Transfer-Encoding").isEmpty)
            let contentType = try #require(request.header("Content-Type").first)
            let part = try #require(ParsedMultipart(body: request.body, contentType: contentType))
            #expect(part.content == bytes)
            #expect(part.header("Content-Disposition") == #"form-data; name="file"; filename="my-app.jar""#)
            #expect(part.header("Content-Type") == "application/java-archive")
            return result
        }

        #expect(result.sentSHA512 == TestBytes.sha512Hex(bytes))
        #expect(result.response.status == 201)
        #expect(result.response.body == answer)
        #expect(result.response.value.artifactId == "337c40d8-c903-4e28-8498-7cbc372ba578")
        #expect(result.response.value.fileInfo.sha512Hex == TestBytes.sha512Hex(bytes))

        let events = log.all
        #expect(events.first == UploadProgress(sentBytes: 0, totalBytes: Int64(bytes.count)))
        #expect(events.last == UploadProgress(sentBytes: Int64(bytes.count), totalBytes: Int64(bytes.count)))
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.sentBytes <= $1.sentBytes })
        // Throttled: about one report per 64 KiB, not one per write.
        #expect(events.count <= bytes.count / 65_536 + 3)
    }

    @Test("Without computeSHA512 no hash is returned")
    func noHashUnlessAsked() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let bytes = TestBytes.pattern(1000)
        let path = try directory.write("a.jar", bytes)
        let result = try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { _, client in
            try await client.uploadArtifact(
                UploadFile(path: path, fileName: "a.jar", contentType: "application/java-archive", size: 1000), computeSHA512: false, progress: nil
            )
        }
        #expect(result.sentSHA512 == nil)
    }

    @Test("An image goes to /rest/3/assets/images/{imageType} with its MIME type, the image type percent-encoded")
    func imageUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let bytes = TestBytes.pattern(5000)
        let path = try directory.write("icon.png", bytes)
        try await withFaultServer([.respond(status: 201, headers: SampleAnswers.jsonHeaders, body: SampleAnswers.imageJSON)]) { server, client in
            let file = UploadFile(path: path, fileName: "icon.png", contentType: "image/png", size: 5000)
            let result = try await client.uploadImage(file, imageType: "title-logo", progress: nil)
            #expect(result.response.value.id == "img-12345-abcdef-67890-ghijkl")
            #expect(result.response.value.mimeType == "image/png")
            _ = try await client.uploadImage(file, imageType: "hero image?#", progress: nil)

            let requests = server.requests
            #expect(requests.map(\.uri) == ["/marketplace/rest/3/assets/images/title-logo", "/marketplace/rest/3/assets/images/hero%20image%3F%23"])
            let request = try #require(requests.first)
            let part = try #require(ParsedMultipart(body: request.body, contentType: request.header("Content-Type").first ?? ""))
            #expect(part.header("Content-Type") == "image/png")
            #expect(part.content == bytes)
        }
    }

    @Test("An image type that is not one path segment is refused before anything is sent", arguments: ["", ".", "..", "icon/../../x", "a\\b", "a\nb"])
    func imageTypeMustBeOneSegment(imageType: String) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("icon.png", [1, 2, 3])
        try await withFaultServer([.respond(status: 201, body: SampleAnswers.imageJSON)]) { server, client in
            let error = await apiError {
                try await client.uploadImage(UploadFile(path: path, fileName: "icon.png", contentType: "image/png", size: 3), imageType: imageType, progress: nil)
            }
            guard case .invalidArgument = try #require(error) else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                return
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test(
        "File names are escaped in Content-Disposition as browsers do, UTF-8 as it is, never filename* (RFC 7578)",
        arguments: [
            ("plain.jar", #"form-data; name="file"; filename="plain.jar""#),
            ("say \"hi\".jar", #"form-data; name="file"; filename="say %22hi%22.jar""#),
            ("two\r\nlines.jar", #"form-data; name="file"; filename="two%0D%0Alines.jar""#),
            ("back\\slash;semi=colon.jar", #"form-data; name="file"; filename="back\slash;semi=colon.jar""#),
            ("Bild äöü 画像.png", #"form-data; name="file"; filename="Bild äöü 画像.png""#),
        ]
    )
    func fileNameEscaping(fileName: String, expectedDisposition: String) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let bytes = TestBytes.pattern(777)
        let path = try directory.write("file.bin", bytes)
        try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { server, client in
            _ = try await client.uploadArtifact(
                UploadFile(path: path, fileName: fileName, contentType: "application/octet-stream", size: 777), computeSHA512: false, progress: nil
            )
            let request = try #require(server.requests.first)
            let part = try #require(ParsedMultipart(body: request.body, contentType: request.header("Content-Type").first ?? ""))
            #expect(part.headerLines.count == 2)
            #expect(part.header("Content-Disposition") == expectedDisposition)
            #expect(part.content == bytes)
        }
    }

    @Test("An empty file is sent as an empty part, progress ends at 0 of 0")
    func emptyFile() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("empty.jar", [])
        let log = ProgressLog()
        try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { server, client in
            let result = try await client.uploadArtifact(
                UploadFile(path: path, fileName: "empty.jar", contentType: "application/java-archive", size: 0), computeSHA512: true, progress: { log.record($0) }
            )
            #expect(result.sentSHA512 == TestBytes.sha512Hex([]))
            let request = try #require(server.requests.first)
            let part = try #require(ParsedMultipart(body: request.body, contentType: request.header("Content-Type").first ?? ""))
            #expect(part.content.isEmpty)
        }
        #expect(log.all.last == UploadProgress(sentBytes: 0, totalBytes: 0))
    }

    @Test("Each upload uses a fresh random boundary")
    func randomBoundary() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("a.jar", [1, 2, 3])
        try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { server, client in
            let file = UploadFile(path: path, fileName: "a.jar", contentType: "application/java-archive", size: 3)
            _ = try await client.uploadArtifact(file, computeSHA512: false, progress: nil)
            _ = try await client.uploadArtifact(file, computeSHA512: false, progress: nil)
            let types = server.requests.compactMap { $0.header("Content-Type").first }
            #expect(types.count == 2)
            #expect(Set(types).count == 2)
            #expect(types.allSatisfy { $0.hasPrefix("multipart/form-data; boundary=") })
        }
    }
}
