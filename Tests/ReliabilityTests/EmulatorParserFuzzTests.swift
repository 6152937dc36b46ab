import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import MarketplaceEmulator

/// The emulator's parsers of outside input (multipart bodies and part headers, the
/// Content-Type boundary, fetch URIs) never crash or hang, whatever they are given.
@Suite("Fuzz: emulator multipart and fetch URI parsers", .ownThreads, .timeLimit(.minutes(FuzzMaterial.timeLimitMinutes)))
struct EmulatorParserFuzzTests {
    static let boundary = "fuzzBoundary42"

    static let bodyTokens = ["\r\n", "--", "--\(boundary)", "\r\n--\(boundary)", "\r\n--\(boundary)--", "\r\n\r\n", "\r", "\n",
                             "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"", "Content-Type: image/png",
                             "filename*=UTF-8''%C3%A4%ZZ", ": ", ";", "\"", "\u{0}", "\u{FF}", "x", String(repeating: "y", count: 300), " \t"]

    static let headerTokens = ["Content-Disposition", "content-type", ":", ";", " ", "form-data", "name=", "filename=", "filename*=",
                               "\"", "\\\"", "\\", "UTF-8''", "iso-8859-1''", "%", "%4", "%C3%A4", "%00", "%0D%0A", "../", "..\\",
                               "\r\n", "\u{1B}]0;x\u{07}", "é", "=", "''"]

    static let uriTokens = ["http", "https", "file", "ftp", "javascript", ":", "//", "/", "@", "user", ":pass", "[", "]", "::1",
                            "127.0.0.1", "10.0.0.1", "example.com", "xn--bcher-kva", "bücher", ".", ":80", ":99999", ":-1", "?", "#",
                            "%", "%2F", "%00", " ", "\u{0}", "\\", "a.jar", "0x7f.1", "2130706433"]

    /// Feeds `body` to a scanner in chunks cut at `cuts`; returns normally or with a MultipartError.
    static func scan(_ body: [UInt8], cuts: [Int]) {
        var scanner = MultipartScanner(boundary: Array(boundary.utf8))
        var open = false
        do {
            var start = 0
            for cut in (cuts.map { $0 % (body.count + 1) } + [body.count]).sorted() where cut >= start {
                try body[start..<cut].withUnsafeBytes { chunk in
                    try scanner.feed(chunk) { event in
                        switch event {
                        case .partHeaders: open = true
                        case .content: #expect(open, "content outside a part")
                        case .partEnd: open = false
                        }
                    }
                }
                start = cut
            }
            try scanner.finish()
            #expect(!open, "a finished scan left a part open")
        } catch let error as MultipartError {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("multipart bodies: random bytes in random chunkings")
    func randomBodies() async {
        await propertyCheck(count: FuzzMaterial.cases(2000), input: FuzzMaterial.bytes(upTo: 600), Gen.int(in: 0...10_000).array(of: 0...6)) { body, cuts in
            Self.scan(body, cuts: cuts)
            await Task.yield()
        }
    }

    @Test("multipart bodies: soups of delimiters, headers and noise in random chunkings")
    func tokenSoupBodies() async {
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.soup(Self.bodyTokens, count: 0...50), Gen.int(in: 0...10_000).array(of: 0...6)) { text, cuts in
            Self.scan(Array(text.utf8), cuts: cuts)
            await Task.yield()
        }
    }

    @Test("a 64 MiB body of near-delimiters streams through in 64 KiB chunks")
    func longBody() async throws {
        let (contentBytes, finished) = try await offThePool { Self.scanLongBody() }
        #expect(contentBytes == 0, "a preamble is never reported as content")
        #expect(!finished, "a body without a closing delimiter cannot finish")
    }

    /// Feeds 64 MiB of near-delimiters; returns the content bytes reported (none should be)
    /// and whether `finish()` accepted the end.
    static func scanLongBody() -> (Int, Bool) {
        let chunk = Array(String(repeating: "\r\n--\(Self.boundary.dropLast())x\r\r\n-", count: 64 * 1024 / 24).utf8)
        var scanner = MultipartScanner(boundary: Array(Self.boundary.utf8))
        var contentBytes = 0
        for _ in 0..<(64 << 20) / chunk.count {
            chunk.withUnsafeBytes { bytes in
                try? scanner.feed(bytes) { event in
                    if case .content(let slice) = event { contentBytes += slice.count }
                }
            }
        }
        return (contentBytes, (try? scanner.finish()) != nil)
    }

    @Test("part header blocks and Content-Disposition values")
    func partHeaders() async {
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.soup(Self.headerTokens, count: 0...40)) { text in
            await Task.yield()
            do {
                let headers = try MultipartPartHeaders.parse(Array(text.utf8)[...])
                if let name = headers.fileName {
                    // Whatever the client says, the stored name is one harmless path component.
                    let safe = SafeName.fileName(name, fallback: "file")
                    #expect(!safe.contains("/") && safe != "." && safe != ".." && !safe.isEmpty)
                    #expect(!safe.unicodeScalars.contains(where: FuzzMaterial.isControl))
                }
            } catch let error as MultipartError {
                #expect(!error.message.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("Content-Type boundaries")
    func boundaries() async {
        let tokens = ["multipart/form-data", "Multipart/Form-Data", "text/plain", ";", " ", "boundary=", "\"", "abc", "\r", "\u{7F}",
                      String(repeating: "b", count: 71), "charset=utf-8", "=", "\\"]
        await propertyCheck(count: FuzzMaterial.cases(3000), input: FuzzMaterial.soup(tokens, count: 0...12)) { text in
            await Task.yield()
            switch MultipartBoundary.parse(contentType: text) {
            case .success(let boundary):
                #expect((1...70).contains(boundary.count))
                #expect(!boundary.contains(where: { $0 < 32 || $0 == 127 }))
            case .failure(let error):
                #expect(!error.message.contains("\n"))
            }
        }
    }

    @Test("fetch URIs: never a crash, and a password never in what is echoed")
    func fetchURIs() async {
        await propertyCheck(count: FuzzMaterial.cases(5000), input: FuzzMaterial.soup(Self.uriTokens, count: 0...16)) { text in
            await Task.yield()
            do {
                let uri = try FetchTarget.parse(text)
                #expect(uri.scheme == "http" || uri.scheme == "https")
                #expect((1...65535).contains(uri.port))
                if let password = uri.password, password.count >= 3 {
                    #expect(!uri.redacted.contains(password + "@"))
                }
                let afterScheme = uri.redacted.split(separator: "://", maxSplits: 1).last ?? ""
                let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                #expect(!authority.contains("@"), "userinfo left in \(uri.redacted)")
            } catch let error as EmulatorError {
                #expect(!error.message.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
