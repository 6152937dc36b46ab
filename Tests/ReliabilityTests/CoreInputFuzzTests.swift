import AssetCore
import Foundation
import MarketplaceAPI
import PropertyBased
import Testing
import TestSupport

/// AssetCore's parsers of what a user types or a file holds: fetch URIs and the config file.
@Suite("Fuzz: fetch URIs and config files", .ownThreads, .timeLimit(.minutes(FuzzMaterial.timeLimitMinutes)))
struct CoreInputFuzzTests {
    static let uriTokens = ["http", "https", "HTTP", "file", "data", "javascript", ":", "//", "/", "@", "user", ":hunter2pass", "[", "]",
                            "::1", "127.0.0.1", "example.com", "bücher.example", "例え.テスト", ".", ":80", ":99999", ":", "?", "#", "%",
                            "%2F", " ", "\u{0}", "\u{1B}[2J", "\u{9B}", "\\", "a.jar", String(repeating: "a", count: 1000)]

    /// `scheme://…:hunter2pass…@`: the fuzzed text holds the password where a URL's userinfo goes.
    nonisolated(unsafe) static let passwordInUserinfo = try! Regex("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*:hunter2pass[^/?#]*@")

    @Test("fetch URIs: never a crash; what is stored and shown has no userinfo and no control character")
    func fetchURIs() async {
        await propertyCheck(count: FuzzMaterial.cases(5000), input: FuzzMaterial.soup(Self.uriTokens, count: 0...20)) { text in
            await Task.yield()
            do {
                let uri = try FetchURI(text)
                // What is sent is the text as given, in ASCII as browsers send it: a host in another
                // script in its IDNA form, any other letter outside ASCII percent-encoded.
                guard let sent = try? FetchURI(uri.original) else { Issue.record("\(uri.original) does not read back"); return }
                #expect(sent.original == uri.original && uri.original.allSatisfy(\.isASCII))
                let asciiOnly = CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127))
                func encoded(_ text: String) -> String? { text.addingPercentEncoding(withAllowedCharacters: asciiOnly) }
                #expect(encoded(uri.host).map { uri.original.replacingOccurrences(of: sent.host, with: $0) } == encoded(text))
                let afterScheme = uri.redacted.split(separator: "://", maxSplits: 1).last ?? ""
                let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                #expect(!authority.contains("@"), "userinfo left in \(uri.redacted)")
                #expect(!authority.contains("hunter2pass"), "a password left in \(uri.redacted)")
                #expect(!uri.redacted.unicodeScalars.contains(where: FuzzMaterial.isControl))
            } catch let error as APIError {
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
                // A password in the userinfo of a URL with a scheme is never echoed. (A text
                // without a scheme is echoed whole: see schemelessURIWithPassword. The same
                // words elsewhere, in a path or as a port, are no password and may be.)
                if text.contains(Self.passwordInUserinfo), text.ranges(of: "hunter2pass").count == 1 {
                    #expect(!error.message.contains("hunter2pass"), "a password in a message: \(error.message)")
                }
                #expect(!error.message.unicodeScalars.contains(where: FuzzMaterial.isControl))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("a URL typed without its scheme is not echoed with its password")
    func schemelessURIWithPassword() {
        for text in ["deploy:hunter2pass@example.com/app.jar", "http//deploy:hunter2pass@example.com/app.jar"] {
            #expect(throws: APIError.self) { try FetchURI(text) }
            do {
                _ = try FetchURI(text)
            } catch {
                #expect(!error.message.contains("hunter2pass"), "\(error.message)")
            }
        }
    }

    static let configTokens = ["{", "}", "[", "]", ",", ":", "\"", "\"email\"", "\"apiToken\"", "\"baseURL\"", "\"me@example.com\"",
                               "\"apiToken\": \"cfg-token-8d2f71\"", "null", "1", "true", " ", "\n", "\u{FEFF}", "\"\\u0000\"", "\u{0}"]

    @Test("config files of any content: settings or a one-line error that never holds the token")
    func configFiles() async throws {
        let folder = try TemporaryFolder("config-fuzz")
        defer { folder.remove() }
        let path = folder.file("config.json")
        let environment = ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path]
        await propertyCheck(count: FuzzMaterial.cases(1500), input: Gen<Bool>.bool(), FuzzMaterial.soup(Self.configTokens, count: 0...30), FuzzMaterial.bytes(upTo: 80)) { useBytes, text, bytes in
            await Task.yield()
            let content = useBytes ? bytes + Array("cfg-token-8d2f71".utf8) : Array(text.utf8)
            do {
                try Data(content).write(to: URL(fileURLWithPath: path))
                chmod(path, 0o600)
                let settings = try Settings.load(environment: environment, configFile: path)
                #expect(!settings.description.contains("cfg-token-8d2f71"))
            } catch let error as AssetError {
                #expect(!error.message.contains("cfg-token-8d2f71"), "the token in a message: \(error.message)")
                #expect(!error.message.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
