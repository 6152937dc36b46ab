import Foundation
@testable import MarketplaceAPI
import Testing

/// Broken answers, dropped connections, silent servers and cancellation.
@Suite("Server faults")
struct ServerFaultTests {
    @Test(
        "A success body that is not the documented shape is invalidResponse, naming what is wrong",
        arguments: [
            ("{not json", "not JSON"),
            ("[1, 2, 3]", "not a JSON object"),
            (#"{"_links": {"self": {"href": "/rest/3/artifacts/x"}}}"#, "fileInfo"),
            (#"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "_links": {}}"#, "_links.self"),
            (#"{"fileInfo": {"logicalFileName": "a.jar", "size": "big"}, "_links": {"self": {"href": "/x/y"}}}"#, "fileInfo.size"),
            (#"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "_links": {"self": {"href": "/"}}}"#, "artifact ID"),
            // Marketplace made it, but its answer lacks what the client needs: its ID is said all the same.
            (#"{"fileInfo": {"logicalFileName": "a.jar"}, "_links": {"self": {"href": "/rest/3/artifacts/made-9"}}}"#,
             "the key fileInfo.size is missing (its self link names artifact made-9)"),
            ("", "empty"),
        ]
    )
    func malformedArtifact(body: String, words: String) async throws {
        try await withFaultServer(always: .respond(status: 200, body: Array(body.utf8))) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "x") })
            #expect(server.requests.count == 1)
            guard case .invalidResponse(let detail) = error else { Issue.record("expected invalidResponse, got \(error)"); return }
            #expect(detail.contains(words), "\(detail)")
        }
    }

    @Test("A web page answered for an error (a wrong base URL, a proxy) is named by its title, never quoted as markup")
    func webPageErrors() async throws {
        let page = "<!DOCTYPE html><html><head><TITLE>405 Not Allowed</TITLE></head><body><h1>nginx</h1></body></html>"
        try await withFaultServer(always: .respond(status: 405, body: Array(page.utf8))) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(error.message.contains("HTTP 405 Method Not Allowed): a web page titled \"405 Not Allowed\"."), "\(error.message)")
            #expect(!error.message.contains("<") && error.message.hasSuffix("Check the base URL points at the Marketplace API."))
            #expect(error.serverDetails?.isWebPage == true && error.serverDetails?.isJSON == false)
        }
    }

    @Test("A web page that echoes the Authorization header in its title shows neither the token nor its Basic form")
    func webPageEchoingTheCredentials() async throws {
        let basic = Data("dev@example.com:s3cret-token-value".utf8).base64EncodedString()
        let page = "<html><head><title>Denied s3cret-token-value Basic \(basic)</title></head></html>"
        try await withFaultServer(always: .respond(status: 401, body: Array(page.utf8))) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(!error.message.contains("s3cret-token-value") && !error.message.contains(basic), "\(error.message)")
            #expect(error.message.contains("<redacted>"), "\(error.message)")
        }
    }

    @Test("a token of 3 characters is no secret to blank out in any text, but its Basic form, always long, is")
    func theBasicFormOfAShortTokenIsRedacted() async throws {
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: "https://api.example.com/marketplace", credentials: Credentials(email: "you@example.com", apiToken: "abc")))
        let basic = Data("you@example.com:abc".utf8).base64EncodedString()
        #expect(client.secrets.contains(basic) && !client.secrets.contains("abc"), "\(client.secrets)")
        #expect(basic.hasSuffix("=") && client.secrets.contains(String(basic.prefix { $0 != "=" })), "and without its padding")
        try await client.shutdown()
    }

    @Test("A success that echoes the token (in a name) is kept with it blanked out")
    func successEchoingTheToken() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("i.png", [1, 2, 3])
        let answer = #"{"id": "img-1", "name": "s3cret-token-value.png"}"#
        try await withFaultServer(always: .respond(status: 201, body: Array(answer.utf8))) { _, client in
            let result = try await client.uploadImage(
                UploadFile(path: path, fileName: "i.png", contentType: "image/png", size: 3), imageType: "icon", progress: nil)
            #expect(result.response.value.name == "<redacted>.png")
            #expect(!String(decoding: result.response.body, as: UTF8.self).contains("s3cret-token-value"))
        }
    }

    @Test("A redirect whose Location echoes the credentials, plain or percent-encoded, names it with neither")
    func redirectEchoingTheCredentials() async throws {
        let basic = Data("dev@example.com:s3cret-token-value".utf8).base64EncodedString()
        let encoded = try #require(basic.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let lower = encoded.replacing(/%[0-9A-F]{2}/) { $0.output.lowercased() }
        #expect(lower != encoded, "the Basic value has bytes that are percent-encoded")
        let location = "https://sso.example/login?pass=s3cret-token-value&auth=Basic%20\(encoded)&lower=\(lower)"
        try await withFaultServer(always: .respond(status: 302, headers: [("Location", location)])) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "abc") })
            #expect(!error.message.contains("s3cret-token-value") && !error.message.contains(basic) && !error.message.contains(encoded)
                    && !error.message.contains(lower), "\(error.message)")
            #expect(error.message.contains("https://sso.example/login?pass=<redacted>"), "\(error.message)")
        }
    }

    @Test("A redirect is not followed, even to the same server: one request, the credentials sent once", arguments: [301, 302, 307, 308])
    func redirectsAreNotFollowed(status: Int) async throws {
        try await withFaultServer({ number in
            number == 0 ? .respond(status: status, headers: [("Location", "/marketplace/rest/3/artifacts/elsewhere")])
                : .respond(status: 200, body: SampleAnswers.artifactJSON(id: "elsewhere"))
        }) { server, client in
            let error = await apiError { try await client.artifact(id: "abc") }
            #expect(error != nil, "the redirect is an error, not the page it points at")
            #expect(server.requests.count == 1)
        }
    }

    @Test("A success that spells the token with JSON escapes is written anew with it blanked out; one without any secret comes as it was")
    func successEscapingTheToken() async throws {
        let escaped = #"{"fileInfo": {"logicalFileName": "echo s3cret\u002Dtoken\u002dvalue", "size": 1}, "_links": {"self": {"href": "\/rest\/3\/artifacts\/a-1"}}}"#
        try await withFaultServer(always: .respond(status: 200, body: Array(escaped.utf8))) { _, client in
            let response = try await client.artifact(id: "a-1")
            #expect(response.value.fileInfo.logicalFileName == "echo <redacted>")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("s3cret"))
        }
        let plain = #"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "_links": {"self": {"href": "\/rest\/3\/artifacts\/a-1"}}}"#
        try await withFaultServer(always: .respond(status: 200, body: Array(plain.utf8))) { _, client in
            let body = try await client.artifact(id: "a-1").body
            #expect(body == Array(plain.utf8), "the server's answer unchanged")
        }
    }

    @Test("An image answer without an id is invalidResponse")
    func imageWithoutID() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("i.png", [1, 2, 3])
        try await withFaultServer(always: .respond(status: 201, body: Array(#"{"name": "i.png"}"#.utf8))) { _, client in
            let error = try #require(await apiError {
                try await client.uploadImage(UploadFile(path: path, fileName: "i.png", contentType: "image/png", size: 3), imageType: "icon", progress: nil)
            })
            guard case .invalidResponse(let detail) = error else { Issue.record("expected invalidResponse, got \(error)"); return }
            #expect(detail.contains("id"))
        }
    }

    @Test("Decoding is lenient: unknown keys ignored, details and optional keys absent")
    func lenientDecoding() async throws {
        let answer = SampleAnswers.artifactJSON(id: "abc-123", checksum: nil, details: false, extraKey: true)
        try await withFaultServer(always: .respond(status: 200, body: answer)) { _, client in
            let response = try await client.artifact(id: "abc-123")
            #expect(response.value.details == nil)
            #expect(response.value.fileInfo.checksum == nil)
            #expect(response.value.artifactId == "abc-123")
            #expect(response.value.links.remote == nil)
            #expect(response.body == answer)
        }
    }

    @Test("An optional field of another type is absent: the upload it answers is not thrown away with its ID")
    func optionalFieldOfAnotherType() async throws {
        let artifact = #"{"fileInfo": {"logicalFileName": "a.jar", "size": "3", "checksum": 7}, "#
            + #""details": {"key": "com.example.app", "editionsEnabled": "false", "version": 2, "name": "App"}, "#
            + #""_links": {"self": {"href": "/rest/3/artifacts/abc-123"}, "binary": "nope"}}"#
        try await withFaultServer(always: .respond(status: 200, body: Array(artifact.utf8))) { _, client in
            let response = try await client.artifact(id: "abc-123")
            #expect(response.value.artifactId == "abc-123")
            #expect(response.value.details == ArtifactDetails(key: "com.example.app", name: "App"))
            #expect(response.value.fileInfo.checksum == nil && response.value.links.binary == nil)
            #expect(response.value.fileInfo.size == 3)  // written as a string
        }
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("i.png", [1, 2, 3])
        let image = #"{"id": "img-1", "size": "524288", "mimeType": ["image/png"], "name": "i.png"}"#
        try await withFaultServer(always: .respond(status: 201, body: Array(image.utf8))) { _, client in
            let result = try await client.uploadImage(
                UploadFile(path: path, fileName: "i.png", contentType: "image/png", size: 3), imageType: "icon", progress: nil)
            #expect(result.response.value == ImageAsset(id: "img-1", mediaType: nil, name: "i.png", size: 524_288))
        }
    }

    @Test("A 5 MB success answer is an error, not a memory blow-up")
    func hugeSuccessBody() async throws {
        var body = Array(#"{"fileInfo": {"logicalFileName": "a.jar", "size": 1}, "padding": ""#.utf8)
        body += [UInt8](repeating: UInt8(ascii: "x"), count: 5 << 20)
        body += Array(#""}"#.utf8)
        try await withFaultServer(always: .respond(status: 200, body: body)) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "x") })
            guard case .invalidResponse(let detail) = error else { Issue.record("expected invalidResponse, got \(error)"); return }
            #expect(detail.contains("larger than"))
        }
    }

    @Test("A 5 MB error answer still gives a short one-line message")
    func hugeErrorBody() async throws {
        let body = Array("line one\n\u{1B}]0;evil title\u{07}".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: 5 << 20)
        try await withFaultServer(always: .respond(status: 500, body: body)) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "x") })
            guard case .serverError(let details) = error else { Issue.record("expected serverError, got \(error)"); return }
            let text = try #require(details.serverMessage)
            #expect(text.count <= 201)
            #expect(text.hasPrefix("line one"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            #expect(!error.message.contains("\n"))
        }
    }

    @Test("A connection dropped mid-upload is an error at once, and not retried")
    func droppedMidUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 4 << 20
        let path = try directory.write("app.jar", TestBytes.pattern(size))
        try await withFaultServer(always: .dropAfterBodyBytes(256 * 1024)) { server, client in
            let error = try #require(await apiError {
                try await client.uploadArtifact(
                    UploadFile(path: path, fileName: "app.jar", contentType: "application/java-archive", size: Int64(size)), computeSHA512: true, progress: nil
                )
            })
            guard case .connectionFailed(let detail) = error else { Issue.record("expected connectionFailed, got \(error)"); return }
            #expect(detail.contains("127.0.0.1"))
            #expect(server.requests.count == 1)
        }
    }

    @Test("A server that never answers fails with a timeout after the idle timeout", .timeLimit(.minutes(1)))
    func neverAnswers() async throws {
        try await withFaultServer(always: .neverAnswer, idleTimeout: .seconds(1)) { server, client in
            let error = try #require(await apiError { try await client.artifact(id: "x") })
            guard case .silent(let detail) = error else { Issue.record("expected silent, got \(error)"); return }
            #expect(detail.contains("1 s"))
            #expect(error.message.contains("allow a longer timeout. --timeout SECONDS sets it"))
            #expect(server.requests.count == 1)
        }
        // After the whole file, "try again" would invite a second copy, as a closed connection's does not.
        let afterFile = APIError.silent("127.0.0.1 sent no answer for 1 s after the whole file was sent (\(TransportErrorClassifier.uploadMayExist))")
        #expect(afterFile.message.hasSuffix("Sending it again may make a second one; a longer timeout waits longer for the answer: --timeout SECONDS sets it (or \"timeout\" in the config file)."))
        #expect(!afterFile.message.contains("Try again"))
    }

    @Test("A server that stops reading the upload fails it with a timeout after the idle timeout", .timeLimit(.minutes(1)))
    func stopsReadingUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 64 << 20
        let path = try directory.write("big.jar", TestBytes.pattern(size))
        let log = ProgressLog()
        try await withFaultServer(always: .stopReading, idleTimeout: .seconds(1)) { server, client in
            let error = try #require(await apiError {
                try await client.uploadArtifact(
                    UploadFile(path: path, fileName: "big.jar", contentType: "application/java-archive", size: Int64(size)),
                    computeSHA512: false, progress: { log.record($0) }
                )
            })
            guard case .silent = error else { Issue.record("expected silent, got \(error)"); return }
            #expect(server.requests.count == 1)
            #expect((log.all.last?.sentBytes ?? 0) < Int64(size))
        }
    }

    @Test("Cancelling a slow upload stops it: .cancelled, and the server never gets the whole file", .timeLimit(.minutes(1)))
    func cancelSlowUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 32 << 20
        let path = try directory.write("big.jar", TestBytes.pattern(size))
        let log = ProgressLog()
        let slow = FaultServer.Behavior.readSlowly(bytesPerRead: 16_384, every: .milliseconds(5), then: .init(status: 201, body: SampleAnswers.artifactJSON()))
        try await withFaultServer(always: slow) { server, client in
            let upload = Task {
                await apiError {
                    try await client.uploadArtifact(
                        UploadFile(path: path, fileName: "big.jar", contentType: "application/java-archive", size: Int64(size)),
                        computeSHA512: true, progress: { log.record($0) }
                    )
                }
            }
            while (log.all.last?.sentBytes ?? 0) < 256 * 1024 { try await Task.sleep(for: .milliseconds(10)) }
            upload.cancel()
            let error = await upload.value
            #expect(error == .cancelled)
            await server.waitForRequestsToSettle()
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.closedEarly)
            #expect(request.body.count < size)
            #expect((log.all.last?.sentBytes ?? 0) < Int64(size))
        }
    }

    /// Marketplace may be fetching the file already: as an upload cancelled after its whole file,
    /// the attempt is one Marketplace may have made (the TUI's `x` said "Cancelled" of one it made).
    @Test("Cancelling a fetch once the server has its request is an interruption after the request, not a plain cancel", .timeLimit(.minutes(1)))
    func cancelAFetchTheServerTook() async throws {
        try await withFaultServer(always: .neverAnswer) { server, client in
            let fetch = Task { await apiError { try await client.fetchArtifact(uri: "https://example.com/app-1.0.0.jar") } }
            while !server.requests.contains(where: \.complete) { try await Task.sleep(for: .milliseconds(10)) }
            fetch.cancel()
            #expect(await fetch.value == .interruptedAfterSending("the request"))
            #expect(APIError.interruptedAfterSending("the request").message.hasPrefix("Interrupted after the request was sent, before the server answered"))
            #expect(String(decoding: try #require(server.requests.first).body, as: UTF8.self) == #"{"uri":"https://example.com/app-1.0.0.jar"}"#)
        }
    }

    /// Marketplace makes an upload whose whole file it took: its answer, a moment away, gives the
    /// ID an image could not be looked up by later (Ctrl-C in a batch of small files nearly always
    /// came while the answer was awaited).
    @Test("An upload cancelled once its whole file went gets its answer, if it comes within the grace", .timeLimit(.minutes(1)))
    func cancelledAfterTheWholeFileGetsItsAnswer() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("icon.png", TestBytes.pattern(5000))
        let answer = FaultServer.Response(status: 201, headers: SampleAnswers.jsonHeaders, body: SampleAnswers.imageJSON)
        try await withFaultServer(always: .respondAfter(.milliseconds(600), answer)) { server, client in
            let upload = Task {
                try await client.uploadImage(UploadFile(path: path, fileName: "icon.png", contentType: "image/png", size: 5000), imageType: "icon", progress: nil)
            }
            while !server.requests.contains(where: \.complete) { try await Task.sleep(for: .milliseconds(5)) }
            upload.cancel()
            #expect(CancellationGrace.waiting >= 1)  // (other tests' cancelled requests may wait too)
            let result = try await upload.value
            #expect(result.response.value.id == "img-12345-abcdef-67890-ghijkl")
        }
    }

    @Test("An upload cancelled once its whole file went, with no answer within the grace, is interrupted after sending, the grace later", .timeLimit(.minutes(1)))
    func cancelledAfterTheWholeFileWithoutAnAnswer() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("app.jar", TestBytes.pattern(5000))
        try await withFaultServer(always: .neverAnswer) { server, client in
            let upload = Task {
                await apiError {
                    try await client.uploadArtifact(UploadFile(path: path, fileName: "app.jar", contentType: "application/java-archive", size: 5000), computeSHA512: true, progress: nil)
                }
            }
            while !server.requests.contains(where: \.complete) { try await Task.sleep(for: .milliseconds(5)) }
            let cancelledAt = ContinuousClock.now
            upload.cancel()
            #expect(await upload.value == .interruptedAfterSending("the whole file"))
            #expect(ContinuousClock.now - cancelledAt >= CancellationGrace.duration)
        }
    }

    @Test("No answer at all within the answer timeout (shorter than the idle one, as login's check has it) is said as no answer, not as a slow one")
    func noAnswerWithinTheAnswerTimeout() async throws {
        try await withFaultServer(always: .neverAnswer, idleTimeout: .seconds(5), answerTimeout: .milliseconds(500)) { _, client in
            let error = await apiError { try await client.artifact(id: "x") }
            #expect(error?.message.hasPrefix("No answer from 127.0.0.1 within") == true, "\(String(describing: error?.message))")
        }
    }

    @Test("The answer timeout counts from the whole file sent, not from the request's start: a slow upload longer than it succeeds")
    func answerTimeoutStartsOnceTheFileIsSent() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 32 << 20
        let path = try directory.write("slow.jar", TestBytes.pattern(size))
        // 16 KiB every 10 ms for 2.5 s, against an answer timeout of 1.5 s: more than the sockets' buffers
        // take is still to send then, and the rest is read at once, so the answer comes soon after
        // the last byte is sent whatever those buffers hold (read slowly to the end, the data they
        // held took longer than the timeout to drain on a loaded machine).
        let slow = FaultServer.Behavior.readSlowly(
            bytesPerRead: 16_384, every: .milliseconds(10), for: .milliseconds(2500), then: .init(status: 201, body: SampleAnswers.artifactJSON()))
        try await withFaultServer(always: slow, idleTimeout: .seconds(5), answerTimeout: .milliseconds(1500)) { server, client in
            let started = ContinuousClock.now
            let response = try await client.uploadArtifact(
                UploadFile(path: path, fileName: "slow.jar", contentType: "application/java-archive", size: Int64(size)),
                computeSHA512: false, progress: { _ in })
            #expect(response.response.status == 201)
            #expect(ContinuousClock.now - started > .milliseconds(1500), "the upload outlasted the answer timeout")
        }
    }

    @Test("Server error text is taken from message, errorMessages, error (error_description), errors (a list, or an object by field), detail or the raw body, and sanitised", arguments: [
        (#"{"message": "Invalid token"}"#, "Invalid token"),
        (#"{"error": "expired"}"#, "expired"),
        (#"{"error": {"message": "nested"}}"#, "nested"),
        (#"{"errors": [{"message": "first"}, {"message": "second"}]}"#, "first; second"),
        (#"{"message": "Bad image type", "errors": [{"path": "imageType", "message": "must be one of icon, banner"}]}"#,
         "Bad image type (imageType: must be one of icon, banner)"),
        (#"{"errors": [{"key": "invalid.file", "message": null}]}"#, "invalid.file"),
        (#"{"errors": [{"code": "INVALID_IMAGE", "title": "Invalid", "detail": "Image dimensions must be 144x144"}]}"#,
         "Image dimensions must be 144x144"),
        (#"{"errorMessages": ["Image is too small"], "errors": {"file": "must be 144x144", "imageType": "unknown"}}"#,
         "Image is too small (file: must be 144x144; imageType: unknown)"),
        (#"{"errorMessages": [], "errors": {"file": "must be 144x144"}}"#, "file: must be 144x144"),
        (#"{"error": "invalid_request", "error_description": "The imageType foo is unknown"}"#, "The imageType foo is unknown"),
        ("plain \u{1B}[31mred\u{1B}[0m text", "plain \u{FFFD}[31mred\u{FFFD}[0m text"),
    ])
    func serverErrorText(body: String, expected: String) async throws {
        try await withFaultServer(always: .respond(status: 401, body: Array(body.utf8))) { _, client in
            let error = try #require(await apiError { try await client.artifact(id: "x") })
            guard case .unauthorized(let details) = error else { Issue.record("expected unauthorized, got \(error)"); return }
            #expect(details.serverMessage == expected)
            #expect(error.message.contains("marketplace-assets auth status"))
        }
    }
}
