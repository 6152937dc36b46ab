import Foundation
import MarketplaceAPI
import PropertyBased
import Testing

/// The wire format of file names, checked through the client over loopback is in UploadTests;
/// these check the escaping for any name.
@Suite("Multipart file names")
struct MultipartFormTests {
    @Test("Any file name is sent so that the quoted value has no quote, CR or LF, ends the header, and its escapes undone give the name")
    func anyFileName() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("f.bin", [0x41])
        let names = Gen<Character>.character(in: "\u{1}"..."\u{4FF}").string(of: 1...20)
        try await withFaultServer(always: .respond(status: 200, body: SampleAnswers.artifactJSON())) { server, client in
            await propertyCheck(count: 40, input: names) { name in
                let before = server.requests.count
                let result = await apiError {
                    try await client.uploadArtifact(
                        UploadFile(path: path, fileName: name, contentType: "application/octet-stream", size: 1), computeSHA512: false, progress: nil
                    )
                }
                #expect(result == nil)
                guard let request = server.requests.dropFirst(before).first,
                    let part = ParsedMultipart(body: request.body, contentType: request.header("Content-Type").first ?? "")
                else {
                    Issue.record("no parsable request for \(name.debugDescription)")
                    return
                }
                #expect(part.headerLines.count == 2)
                #expect(part.content == [0x41])
                let disposition = part.header("Content-Disposition") ?? ""
                // Compared as UTF-8 bytes, as a server parses it: a combining mark after the
                // quote would merge with it into one Swift Character.
                let bytes = Array(disposition.utf8)
                let prefix = Array(#"form-data; name="file"; filename=""#.utf8)
                #expect(bytes.starts(with: prefix))
                // The quoted value ends at the first quote after it, and nothing follows (no filename*, RFC 7578).
                let afterOpening = bytes.dropFirst(prefix.count)
                guard let closing = afterOpening.firstIndex(of: UInt8(ascii: "\"")) else {
                    Issue.record("unterminated filename in \(disposition.debugDescription)")
                    return
                }
                #expect(closing == bytes.count - 1)
                let value = Array(afterOpening[..<closing])
                #expect(!value.contains(0x0D) && !value.contains(0x0A))
                // `%XX` stands for a quote, a control or DEL; a name with its own `%` is ambiguous, as in a browser's form.
                guard !name.contains("%") else { return }
                var decoded: [UInt8] = []
                var index = 0
                while index < value.count {
                    if value[index] == UInt8(ascii: "%"), index + 2 < value.count,
                       let byte = UInt8(String(decoding: value[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                        decoded.append(byte)
                        index += 3
                    } else {
                        decoded.append(value[index])
                        index += 1
                    }
                }
                #expect(decoded == Array(name.utf8))
            }
        }
    }
}
