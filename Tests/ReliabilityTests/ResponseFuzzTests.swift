import Foundation
import NIOHTTP1
import PropertyBased
import Testing
import TestSupport
@testable import MarketplaceAPI

/// Every answer a server can send is read without a crash or a hang: a model, or an
/// `invalidResponse` / status error whose message is one safe line.
@Suite("Fuzz: JSON responses and server error text", .ownThreads, .timeLimit(.minutes(FuzzMaterial.timeLimitMinutes)))
struct ResponseFuzzTests {
    static let samples: [[UInt8]] = [
        #"{"fileInfo": {"logicalFileName": "a.jar", "size": 12, "checksum": "sha512:00ff"}, "details": {"key": "k", "name": "n", "version": "1"}, "_links": {"self": {"href": "/rest/3/artifacts/abc"}, "binary": {"href": "/b"}, "remote": {"href": "https://x/a.jar"}}}"#,
        #"{"id": "img-1", "mediaType": "image", "mimeType": "image/png", "name": "i.png", "size": 3}"#,
        #"{"message": "bad", "errors": [{"message": "one"}, "two"], "error": {"message": "nested"}}"#,
    ].map { Array($0.utf8) }

    static let jsonTokens = ["{", "}", "[", "]", ",", ":", "\"", "\"fileInfo\"", "\"_links\"", "\"self\"", "\"href\"", "\"id\"",
                             "\"size\"", "\"checksum\"", "\"details\"", "\"message\"", "null", "true", "1e999", "-0", "12345678901234567890",
                             "\"\\u0000\"", "\"\\ud800\"", "\"/rest/3/artifacts/x\"", " ", "\u{1B}[2J", "\u{9B}"]

    /// Decodes `body` as each model and as an error answer; checks only what must always hold.
    static func check(_ body: [UInt8]) {
        do {
            _ = try ResponseDecoding.artifact(body)
        } catch {
            checkInvalidResponse(error)
        }
        do {
            _ = try ResponseDecoding.image(body)
        } catch {
            checkInvalidResponse(error)
        }
        if let text = ServerErrorText.extract(from: body) {
            #expect(text.count <= ServerErrorText.maxLength + 1)
            checkMessage(text)
        }
        for status in [400, 429, 503] {
            let response = RawResponse(status: status, headers: HTTPHeaders([("Retry-After", String(decoding: body.prefix(40), as: UTF8.self))]),
                                       body: body, bodyTooLarge: false, receivedAt: Date())
            checkMessage(response.error().message)
        }
    }

    static func checkInvalidResponse(_ error: APIError) {
        guard case .invalidResponse = error else {
            Issue.record("a success body gave \(error), not invalidResponse")
            return
        }
        checkMessage(error.message)
    }

    static func checkMessage(_ message: String) {
        #expect(!message.isEmpty)
        #expect(!message.unicodeScalars.contains(where: FuzzMaterial.isControl), "unsafe message: \(message.debugDescription)")
    }

    @Test("random bytes")
    func randomBytes() async {
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.bytes()) { Self.check($0); await Task.yield() }
    }

    @Test("mutated real answers")
    func mutatedAnswers() async {
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.mutations(of: Self.samples)) { Self.check($0); await Task.yield() }
    }

    @Test("soups of JSON tokens")
    func jsonTokenSoup() async {
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.soup(Self.jsonTokens, count: 0...60)) { Self.check(Array($0.utf8)); await Task.yield() }
    }

    @Test("nesting 100,000 levels deep is an error, not a stack overflow")
    func deepNesting() {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let body = Array((String(repeating: open, count: 100_000) + String(repeating: close, count: 100_000)).utf8)
            Self.check(body)
            let wrapped = Array(#"{"fileInfo": {"logicalFileName": "a", "size": 1}, "x": "#.utf8) + body + Array(#", "_links": {"self": {"href": "/a/b"}}}"#.utf8)
            Self.check(wrapped)
        }
    }
}
