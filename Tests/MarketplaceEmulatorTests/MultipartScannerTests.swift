import Testing
import TestSupport
@testable import MarketplaceEmulator

/// The boundary scanner, fed the same bodies in many random chunkings: the parts it reports
/// must not depend on where the chunks were cut.
@Suite("Multipart boundary scanner", .ownThreads)
struct MultipartScannerTests {
    /// A part as the scanner reported it.
    struct ScannedPart: Equatable {
        var headers: MultipartPartHeaders
        var content: [UInt8]
    }

    /// Feeds `body` cut at `cuts` (sorted offsets) and collects the parts.
    static func scan(_ body: [UInt8], boundary: String, cuts: [Int]) throws -> [ScannedPart] {
        var scanner = MultipartScanner(boundary: Array(boundary.utf8))
        var parts: [ScannedPart] = []
        var open = false
        var start = 0
        for end in cuts + [body.count] where end >= start {
            try body[start..<end].withUnsafeBytes { chunk in
                try scanner.feed(chunk) { event in
                    switch event {
                    case .partHeaders(let headers):
                        #expect(!open)
                        parts.append(ScannedPart(headers: headers, content: []))
                        open = true
                    case .content(let bytes):
                        #expect(open)
                        parts[parts.count - 1].content += bytes
                    case .partEnd:
                        #expect(open)
                        open = false
                    }
                }
            }
            start = end
        }
        try scanner.finish()
        #expect(!open)
        return parts
    }

    /// A deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Content that tempts the scanner: CR, LF, dashes and near-copies of the delimiter.
    static func temptingContent(boundary: String, using generator: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [
            [13], [10], [13, 10], Array("--".utf8), Array("\r\n--".utf8),
            Array("\r\n--\(boundary.dropLast())".utf8), Array("\r\n-\(boundary)".utf8), Array("\r\r\n--".utf8),
            Array(boundary.utf8), [0], [0xFF], Array("plain text ".utf8),
        ]
        var content: [UInt8] = []
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            if Bool.random(using: &generator) {
                content += pieces.randomElement(using: &generator)!
            } else {
                content += (0..<Int.random(in: 1...50, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
        }
        // A real delimiter inside content would end the part there, as it should; keep
        // only near-misses by breaking up any whole one.
        let delimiter = Array("\r\n--\(boundary)".utf8)
        while let range = content.firstRange(of: delimiter) {
            content.remove(at: range.lowerBound)
        }
        return content
    }

    @Test("Random bodies in random chunkings give the same parts", arguments: 0..<200)
    func randomChunkings(seed: UInt64) throws {
        var generator = SeededGenerator(state: seed)
        var body = MultipartBody()
        body.boundary = ["b", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "x-" + String(repeating: "z", count: 68), "with space"]
            .randomElement(using: &generator)!
        if Bool.random(using: &generator) {
            body.preamble = Array("preamble\r\n-- not the boundary\r\n".utf8)
        }
        for index in 0..<Int.random(in: 1...4, using: &generator) {
            body.parts.append(.init(
                disposition: "form-data; name=\"field\(index)\"; filename=\"f\(index).bin\"",
                contentType: Bool.random(using: &generator) ? "application/octet-stream" : nil,
                content: Self.temptingContent(boundary: body.boundary, using: &generator)
            ))
        }
        let bytes = body.bytes
        let expected = body.parts.map { part in
            ScannedPart(
                headers: MultipartPartHeaders(name: part.disposition.firstMatch(of: /name="([^"]*)"/).map { String($0.1) },
                                              fileName: part.disposition.firstMatch(of: /filename="([^"]*)"/).map { String($0.1) },
                                              contentType: part.contentType),
                content: part.content
            )
        }
        // Whole, byte by byte, and three random chunkings.
        var chunkings: [[Int]] = [[], Array(0..<bytes.count)]
        for _ in 0..<3 {
            let count = Int.random(in: 1...max(1, bytes.count / 3), using: &generator)
            chunkings.append((0..<count).map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted())
        }
        for cuts in chunkings {
            let parts = try Self.scan(bytes, boundary: body.boundary, cuts: cuts)
            #expect(parts == expected, "seed \(seed), cuts \(cuts)")
        }
    }

    @Test("A part without headers, and an epilogue after the end")
    func headerlessPartAndEpilogue() throws {
        let body = Array("--b\r\n\r\nbare\r\n--b--\r\nepilogue\r\n--b\r\nignored".utf8)
        let parts = try Self.scan(body, boundary: "b", cuts: [5, 6])
        #expect(parts == [ScannedPart(headers: MultipartPartHeaders(), content: Array("bare".utf8))])
    }

    @Test("Transport padding after a boundary is allowed")
    func padding() throws {
        let body = Array("--b  \t\r\nContent-Disposition: form-data; name=file\r\n\r\nx\r\n--b-- \r\n".utf8)
        let parts = try Self.scan(body, boundary: "b", cuts: [])
        #expect(parts.map(\.headers.name) == ["file"])
    }

    @Test("Malformed bodies are errors, not crashes", arguments: [
        "",                                                   // nothing
        "no boundary at all",                                 // never starts
        "--b\r\nContent-Disposition: form-data\r\n\r\nabc",   // no closing boundary
        "--b\r\nContent-Disposition: form-data\r\n",          // headers never end
        "--bX\r\n\r\nabc\r\n--b--",                           // boundary followed by garbage
        "--b\r\nno colon here\r\n\r\nabc\r\n--b--",           // header line without a colon
        "--b-",                                               // half a closing boundary
    ])
    func malformed(text: String) {
        #expect(throws: (any Error).self) {
            _ = try Self.scan(Array(text.utf8), boundary: "b", cuts: [])
        }
    }

    @Test("Huge part headers are refused")
    func hugeHeaders() {
        let body = Array(("--b\r\nX-Filler: " + String(repeating: "a", count: 20_000) + "\r\n\r\nabc\r\n--b--").utf8)
        #expect(throws: MultipartError.self) {
            _ = try Self.scan(body, boundary: "b", cuts: [100, 9000])
        }
    }

    @Test("Boundaries from Content-Type")
    func boundaries() throws {
        #expect(try MultipartBoundary.parse(contentType: "multipart/form-data; boundary=abc").get() == Array("abc".utf8))
        #expect(try MultipartBoundary.parse(contentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\"").get() == Array("a b;c".utf8))
        for refused in [nil, "", "multipart/form-data", "multipart/mixed; boundary=a", "multipart/form-data; boundary=",
                        "multipart/form-data; boundary=" + String(repeating: "a", count: 71), "multipart/form-data; boundary=\"a\rb\""] {
            #expect((try? MultipartBoundary.parse(contentType: refused).get()) == nil, "\(String(describing: refused))")
        }
    }

    @Test("Content-Disposition file names")
    func dispositionFileNames() throws {
        func fileName(_ disposition: String) throws -> String? {
            try MultipartPartHeaders.parse(ArraySlice(Array("Content-Disposition: \(disposition)".utf8))).fileName
        }
        #expect(try fileName("form-data; name=\"file\"; filename=\"a;b.png\"") == "a;b.png")
        #expect(try fileName("form-data; name=file; filename=plain.png") == "plain.png")
        #expect(try fileName("form-data; name=\"file\"; filename=\"q%22uote.png\"") == "q\"uote.png")
        #expect(try fileName("form-data; name=\"file\"; filename=\"100%.png\"") == "100%.png")
        #expect(try fileName("form-data; name=\"file\"; filename*=UTF-8''%E2%82%AC.png; filename=\"EUR.png\"") == "\u{20AC}.png")
        #expect(try fileName("form-data; name=\"file\"; filename*=iso-8859-1'en'%E4.png") == "\u{00E4}.png")
        // An extended value that cannot be decoded falls back to the plain one.
        #expect(try fileName("form-data; name=\"file\"; filename=\"ok.png\"; filename*=UTF-8''%FF%ZZ") == "ok.png")
        #expect(try fileName("form-data; name=\"file\"") == nil)
        // A backslash escapes only a quote or a backslash: a Windows path as a browser sends it stays whole.
        #expect(try fileName(#"form-data; name="file"; filename="C:\Users\me\icon.png""#) == #"C:\Users\me\icon.png"#)
        #expect(try fileName(#"form-data; name="file"; filename="a\"b\\c.png""#) == #"a"b\c.png"#)
    }
}
