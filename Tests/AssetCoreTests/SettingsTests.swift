import AssetInspection
import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

@Suite("Settings and paths")
struct SettingsTests {
    static let token = "ATATT-secret-token-\(UUID().uuidString)"

    @Test("credentials and base URL from the environment")
    func fromEnvironment() throws {
        let settings = try Settings.load(environment: [
            "MARKETPLACE_EMAIL": "me@example.com", "MARKETPLACE_API_TOKEN": Self.token,
            "MARKETPLACE_BASE_URL": "http://127.0.0.1:9/marketplace", "HOME": "/nonexistent-home",
        ])
        #expect(settings.credentials == Credentials(email: "me@example.com", apiToken: Self.token))
        #expect(settings.baseURL == "http://127.0.0.1:9/marketplace")
        #expect(!settings.description.contains(Self.token))
        #expect(!"\(settings)".contains(Self.token))
        // Read with $(cat file) or from a secret store, a value keeps its newline: not sent.
        let padded = try Settings.load(environment: [
            "MARKETPLACE_EMAIL": " me@example.com\n", "MARKETPLACE_API_TOKEN": Self.token + "\n",
            "MARKETPLACE_BASE_URL": "http://127.0.0.1:9/marketplace\r\n", "HOME": "/nonexistent-home",
        ])
        #expect(padded.credentials == settings.credentials)
        #expect(padded.baseURL == settings.baseURL)
        #expect(ServerURL.normalized("http://127.0.0.1:9/marketplace/\n") == settings.baseURL)
    }

    @Test("nothing configured: no credentials, the default base URL, no error")
    func nothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let settings = try Settings.load(environment: ["HOME": folder.path])
        #expect(settings.credentials == nil)
        #expect(settings.baseURL == ClientConfiguration.defaultBaseURL)
        #expect(settings.configFile == folder.file(".config/marketplace-assets/config.json"))
    }

    @Test("only one of the two variables set is an error naming the other")
    func halfEnvironment() {
        let error = #expect(throws: AssetError.self) {
            try Settings.load(environment: ["MARKETPLACE_API_TOKEN": Self.token, "HOME": "/x"])
        }
        #expect(error?.message.contains("MARKETPLACE_EMAIL") == true)
        #expect(error?.message.contains(Self.token) == false)
        // What reads only the server's name (history, inspect's check, login) goes on.
        let server = try? Settings.server(environment: ["MARKETPLACE_API_TOKEN": Self.token, "HOME": "/x"])
        #expect(server?.credentials == nil && server?.baseURL == ClientConfiguration.defaultBaseURL)
    }

    @Test("credentials and base URL from $XDG_CONFIG_HOME/marketplace-assets/config.json (mode 0600)")
    func fromConfigFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("marketplace-assets"), withIntermediateDirectories: true)
        let path = try folder.write("marketplace-assets/config.json",
                                    "{\"email\": \"cfg@example.com\", \"apiToken\": \"\(Self.token)\", \"baseURL\": \"https://example.test/mp\", \"extra\": 1}")
        let settings = try Settings.load(environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(settings.credentials == Credentials(email: "cfg@example.com", apiToken: Self.token))
        #expect(settings.credentialsSource == path)
        #expect(settings.baseURL == "https://example.test/mp")

        // The environment wins over the file, for each value separately.
        let mixed = try Settings.load(environment: ["XDG_CONFIG_HOME": folder.path, "MARKETPLACE_BASE_URL": "https://env.test"])
        #expect(mixed.baseURL == "https://env.test")
        #expect(mixed.email == "cfg@example.com")
        // ... but the file's token is for the file's server, and does not go to that one.
        #expect(mixed.credentials == nil)
    }

    @Test("a config file others can read (0644) is refused in one line naming the file and chmod 600")
    func permissiveConfigRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("config.json", "{\"email\": \"a@b.c\", \"apiToken\": \"\(Self.token)\"}", mode: 0o644)
        let error = try #require(throws: AssetError.self) { try Settings.load(environment: ["HOME": folder.path], configFile: path) }
        #expect(error.message.contains(path))
        #expect(error.message.contains("chmod 600"))
        #expect(!error.message.contains("\n"))
        #expect(!error.message.contains(Self.token))
        for mode in [0o640, 0o604, 0o660, 0o602] {
            chmod(path, mode_t(mode))
            #expect(throws: AssetError.self) { try Settings.load(environment: ["HOME": folder.path], configFile: path) }
        }
        for mode in [0o400, 0o701] {
            chmod(path, mode_t(mode))
            #expect(try Settings.load(environment: ["HOME": folder.path], configFile: path).credentials?.apiToken == Self.token)
        }
    }

    @Test("a config file without a token may be read by others (nothing in it is secret), not changed by them")
    func configWithoutTokenReadableByOthers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("config.json", "{\"email\": \"a@b.c\", \"baseURL\": \"https://example.com/marketplace\"}", mode: 0o644)
        let environment = ["HOME": folder.path, "MARKETPLACE_EMAIL": "env@b.c", "MARKETPLACE_API_TOKEN": Self.token]
        let settings = try Settings.load(environment: environment, configFile: path)
        #expect(settings.baseURL == "https://example.com/marketplace" && settings.credentials?.apiToken == Self.token)
        // One that does not read may hold a token: the exposure comes first.
        for broken in ["{\"email\": \"a@b.c\" \"apiToken\": \"\(Self.token)\"}", "{\"timeout\": \"x\"}"] {
            try Data(broken.utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: AssetError.self) { try Settings.load(environment: environment, configFile: path) }
            #expect(error.message.contains("other users can read it (mode 644)") && error.message.contains("chmod 600"), "\(error.message)")
            #expect(!error.message.contains(Self.token))
        }
        for mode in [0o664, 0o646, 0o666] {
            chmod(path, mode_t(mode))
            let error = try #require(throws: AssetError.self) { try Settings.load(environment: environment, configFile: path) }
            #expect(error.message.contains("other users can change it") && error.message.contains("chmod 600"), "\(error.message)")
        }
    }

    @Test("a broken config file is a clear error that never shows the token")
    func brokenConfig() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cases = [
            "{\"email\": \"a@b.c\", \"apiToken\": \"\(Self.token)\"",
            "{\"email\": \"a@b.c\", \"apiToken\": [\"\(Self.token)\"]}",
            "{\"apiToken\": \"\(Self.token)\"}",
            "{\"email\": 5, \"apiToken\": \"\(Self.token)\"}",
        ]
        for text in cases {
            let path = try folder.write("config.json", text)
            let error = try #require(throws: AssetError.self) { try Settings.load(environment: [:], configFile: path) }
            #expect(error.message.contains(path))
            #expect(!error.message.contains(Self.token), "\(error.message)")
        }
        // JSON of another shape: said to be no object, not that a member named "" must be a string.
        for text in ["[]", "\"x\"", "5"] {
            let path = try folder.write("config.json", text)
            let error = try #require(throws: AssetError.self) { try Settings.load(environment: [:], configFile: path) }
            #expect(error.message == "The config file \(path) is not valid JSON: expected {\"email\": …, \"apiToken\": …, \"baseURL\": …}.", "\(text)")
        }
    }

    @Test("a slip of a known member (baseUrl) is refused, naming the member meant: ignored, the token would go to another server; other members are ignored")
    func misspeltMember() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (member, meant) in [("baseUrl", "baseURL"), ("apitoken", "apiToken"), ("emial", "email"), ("timout", "timeout"), ("email ", "email")] {
            let path = try folder.write("config.json", "{\"email\": \"a@b.c\", \"\(member)\": \"https://staging.example.test\"}")
            let error = try #require(throws: AssetError.self) { try Settings.load(environment: [:], configFile: path) }
            #expect(error.message.hasSuffix("\"\(member)\" is no member of it; did you mean \"\(meant)\"?"), "\(error.message)")
        }
        let path = try folder.write("config.json", "{\"email\": \"a@b.c\", \"comment\": \"mine\", \"$schema\": \"x\"}")
        #expect(try Settings.load(environment: [:], configFile: path).email == "a@b.c")
    }

    @Test("a token read with a byte order mark before it (a file saved by Notepad) is the token")
    func tokenWithByteOrderMark() throws {
        #expect(try SignInInput.token("\u{FEFF}ATATT-abc\r\n") == "ATATT-abc")
    }

    @Test("a token is at most 4096 bytes, not characters: the keyring helper and standard input take bytes")
    func tokenLengthInBytes() throws {
        #expect(try SignInInput.token(String(repeating: "a", count: 4096)).utf8.count == 4096)
        let error = #expect(throws: AssetError.self) { try SignInInput.token(String(repeating: "é", count: 2049)) }
        #expect(error?.message == "That is not an API token: it is longer than 4096 bytes.")
    }

    @Test("an email that cannot be one (the token, in the wrong place) is refused unrepeated, from the variable or the config file")
    func tokenAsEmail() throws {
        let error = #expect(throws: AssetError.self) {
            try Settings.load(environment: ["MARKETPLACE_EMAIL": Self.token, "MARKETPLACE_API_TOKEN": "x", "HOME": "/x"])
        }
        #expect(error?.message.hasPrefix("MARKETPLACE_EMAIL is not an email address") == true)
        #expect(error?.message.contains(Self.token) == false)
        // What needs no account (history, login --email) goes on without one.
        let server = try Settings.server(environment: ["MARKETPLACE_EMAIL": Self.token, "HOME": "/x"])
        #expect(server.email == nil && server.emailProblem?.contains(Self.token) == false)
        #expect(Settings.environmentEmail(["MARKETPLACE_EMAIL": Self.token]) == nil)
        #expect(Settings.environmentEmail(["MARKETPLACE_EMAIL": " a@example.com\n"]) == "a@example.com")

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("config.json", "{\"email\": \"\(Self.token)\", \"apiToken\": \"\(Self.token)\"}")
        let fromFile = #expect(throws: AssetError.self) { try Settings.load(environment: ["HOME": "/x"], configFile: path) }
        #expect(fromFile?.message.contains("\"email\" is not an email address") == true)
        #expect(fromFile?.message.contains(Self.token) == false)
    }

    @Test("a config file's empty or padded apiToken (and email) reads as the variables do: none, or trimmed")
    func configTokenTrimmed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let empty = try folder.write("empty.json", "{\"email\": \"a@example.com\", \"apiToken\": \" \", \"baseURL\": \"https://example.test/mp\"}")
        let padded = try folder.write("padded.json", "{\"email\": \"a@example.com \", \"apiToken\": \"  tokA\\n\", \"baseURL\": \"https://example.test/mp\"}")
        #expect(try Settings.load(environment: ["HOME": "/x"], configFile: empty).credentials == nil)
        #expect(try Settings.load(environment: ["HOME": "/x"], configFile: padded).credentials == Credentials(email: "a@example.com", apiToken: "tokA"))
    }

    @Test("history location: --history, then MARKETPLACE_ASSETS_HISTORY, then XDG_STATE_HOME, then ~/.local/state")
    func historyLocation() throws {
        let home = ["HOME": "/home/u"]
        #expect(try HistoryLocation.resolve(explicit: nil, environment: home) == "/home/u/.local/state/marketplace-assets/history.json")
        #expect(try HistoryLocation.resolve(explicit: nil, environment: home.merging(["XDG_STATE_HOME": "/state"]) { $1 })
                == "/state/marketplace-assets/history.json")
        // A relative XDG path is ignored, as the spec says.
        #expect(try HistoryLocation.resolve(explicit: nil, environment: home.merging(["XDG_STATE_HOME": "state"]) { $1 })
                == "/home/u/.local/state/marketplace-assets/history.json")
        let withVariable = home.merging(["XDG_STATE_HOME": "/state", "MARKETPLACE_ASSETS_HISTORY": "~/h.json"]) { $1 }
        #expect(try HistoryLocation.resolve(explicit: nil, environment: withVariable) == "/home/u/h.json")
        #expect(try HistoryLocation.resolve(explicit: "/tmp/x.json", environment: withVariable) == "/tmp/x.json")
        #expect(try HistoryLocation.resolve(explicit: "rel.json", environment: home)
                == (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("rel.json"))
        #expect(throws: AssetError.self) { try HistoryLocation.resolve(explicit: "", environment: home) }
        // A path ending in '/' names a folder: refused at once, from either source.
        let folder = #expect(throws: AssetError.self) { try HistoryLocation.resolve(explicit: "/tmp/w/h.json/", environment: home) }
        #expect(folder?.message == "--history /tmp/w/h.json/ names a folder: give the history file's path (it need not exist yet).")
        for path in ["/tmp/w/", "/tmp/new/.", "/tmp/new/..", "."] {
            #expect(throws: AssetError.self, "\(path)") {
                try HistoryLocation.resolve(explicit: nil, environment: home.merging(["MARKETPLACE_ASSETS_HISTORY": path]) { $1 })
            }
        }
        // White space around the path (`$(cat file)`, a secret saved with its newline) is dropped,
        // as around the other variables; a control character within it is refused.
        #expect(try HistoryLocation.resolve(explicit: nil, environment: home.merging(["MARKETPLACE_ASSETS_HISTORY": "/tmp/h.json\n"]) { $1 }) == "/tmp/h.json")
        #expect(try HistoryLocation.resolve(explicit: "\r\n/tmp/h.json\r\n", environment: home) == "/tmp/h.json")
        for blank in ["\n", " ", " \t "] {
            #expect(try HistoryLocation.resolve(explicit: nil, environment: home.merging(["MARKETPLACE_ASSETS_HISTORY": blank]) { $1 })
                    == "/home/u/.local/state/marketplace-assets/history.json")
        }
        #expect(try HistoryLocation.resolve(explicit: " /tmp/h.json ", environment: home) == "/tmp/h.json")
        #expect(throws: AssetError.self) { try HistoryLocation.resolve(explicit: "/tmp/h\u{2028}1.json", environment: home) }
        let control = #expect(throws: AssetError.self) { try HistoryLocation.resolve(explicit: "/tmp/h\t1.json", environment: home) }
        #expect(control?.message.hasPrefix("--history /tmp/h") == true && control?.message.contains("holds a control character") == true, "\(control?.message ?? "")")
        #expect(try AssetPaths.configFile(environment: home.merging(["XDG_CONFIG_HOME": "/cfg"]) { $1 }) == "/cfg/marketplace-assets/config.json")
    }
}

@Suite("Image types and fetch URIs")
struct ImageTypeAndURITests {
    @Test("the suggestions are the reference's kinds, with Marketplace's published sizes")
    func suggestions() {
        #expect(ImageType.suggestions.map(\.name) == ["icon", "logo", "banner", "hero", "screenshot", "thumbnail", "title-logo"])
        #expect(ImageType.suggestions.allSatisfy { !$0.summary.isEmpty })
        #expect(ImageType.named("LOGO")?.recommendedSize.map { [$0.width, $0.height] } == [144, 144])
        #expect(ImageType.named("banner")?.recommendedSize.map { [$0.width, $0.height] } == [1120, 548])
        #expect(ImageType.named("banner")?.listingSizes == [ListingSize(1120, 548), ListingSize(560, 274, standardResolution: true)])
        #expect(ImageType.named("screenshot")?.listingSizes.map(\.text) == ["1840×900", "920×450"])
        #expect(ImageType.named("thumbnail")?.listingSizes.map(\.text) == ["580×330"])
        #expect(ImageType.named("avatar") == nil)
    }

    @Test("a slip for a known imageType is named: one edit, two in a longer name; - and _ alike; a known one or a far one, none")
    func likelyMeant() {
        let slips = ["screenshots": "screenshot", "banenr": "banner", "title_logo": "title-logo", "titlelogo": "title-logo",
                     "logos": "logo", "ico": "icon", "thumbnial": "thumbnail", "Screenshot-": "screenshot", "lgoo": "logo", "olgo": "logo", "bnaner": "banner"]
        for (typed, meant) in slips { #expect(ImageType.likelyMeant(typed) == meant, "\(typed)") }
        for typed in ["icon", "LOGO", "Title-Logo", "hero", "foo", "bann", "avatar", "a", "my-own-type"] {
            #expect(ImageType.likelyMeant(typed) == nil, "\(typed)")
        }
        // Spaces around a known one (`--type "icon "`), which the upload trims, are no slip.
        #expect(ImageType.slipWarning("icon ") == nil && ImageType.slipWarning("\tbanner") == nil)
        #expect(ImageType.slipWarning(" banenr")?.hasPrefix("did you mean banner? imageType banenr is not") == true)
    }

    @Test("a relative path is taken from the working folder, as getcwd names it, without its . components")
    func fromWorkingFolder() throws {
        let folder = try #require(AssetPaths.workingFolder())
        #expect(folder == FileManager.default.currentDirectoryPath, "a short working folder, as Foundation names it")
        #expect(AssetPaths.fromWorkingFolder("./-icon.png") == folder + "/-icon.png")
        #expect(AssetPaths.fromWorkingFolder("shots/./a.png") == folder + "/shots/a.png")
        #expect(AssetPaths.fromWorkingFolder("/abs/./kept.png") == "/abs/./kept.png", "an absolute path as given")
    }

    @Test("an imageType is trimmed and checked; a suggestion in another case is sent as the suggestion is spelt")
    func validatedName() throws {
        #expect(try ImageType.validatedName(" ICON ") == "icon")
        #expect(try ImageType.validatedName("icon\r\n") == "icon")  // read from a file with Windows line ends
        #expect(try ImageType.validatedName("Title-Logo") == "title-logo")
        #expect(try ImageType.validatedName("My_Own-2") == "My_Own-2", "a name of the user's own, as given")
        for refused in ["", "a b", "ic.on", String(repeating: "a", count: 65)] {
            #expect(throws: AssetError.self, "\(refused)") { try ImageType.validatedName(refused) }
        }
    }

    @Test("a warning only for a kind with documented sizes, at another size or in another format")
    func recommendationWarning() {
        #expect(ImageType.recommendationWarning(imageType: "banner", info: ImageInfo(format: .png, width: 800, height: 400))
                == "banner is 800×400; a banner on Marketplace is 1120×548, or 560×274 at standard resolution")
        #expect(ImageType.recommendationWarning(imageType: "banner", info: ImageInfo(format: .png, width: 1120, height: 548)) == nil)
        #expect(ImageType.recommendationWarning(imageType: "banner", info: ImageInfo(format: .jpeg, width: 560, height: 274)) == nil)
        #expect(ImageType.recommendationWarning(imageType: "hero", info: ImageInfo(format: .png, width: 3, height: 3)) == nil)
        #expect(ImageType.recommendationWarning(imageType: "logo", info: ImageInfo(format: .gif, width: 144, height: 144))
                == "logo is a GIF; an app logo on Marketplace is PNG or JPG")
        #expect(ImageType.recommendationWarning(imageType: "logo", info: ImageInfo(format: .bmp, width: 72, height: 72))
                == "logo is a 72×72 BMP; an app logo on Marketplace is 144×144, PNG or JPG")
        #expect(ImageType.recommendationWarning(imageType: "custom-kind", info: ImageInfo(format: .gif, width: 1, height: 1)) == nil)
        // An icon goes into the listing's iconFileId as a logo does: the logo's rule.
        #expect(ImageType.recommendationWarning(imageType: "icon", info: ImageInfo(format: .jpeg, width: 1120, height: 548))
                == "icon is 1120×548; an app logo on Marketplace is 144×144")
        #expect(ImageType.recommendationWarning(imageType: "icon", info: ImageInfo(format: .png, width: 144, height: 144)) == nil)
    }

    @Test("fetch URIs: http(s) with a host only, at most 8 KiB, userinfo and secret query values kept out of what is shown")
    func fetchURIs() throws {
        let plain = try FetchURI("https://example.com/releases/app-1.0.jar?x=1#f")
        #expect(plain.redacted == plain.original)
        #expect(plain.fileName == "app-1.0.jar")
        #expect(plain.host == "example.com")

        let secret = try FetchURI("HTTPS://deploy:s3cr3t-pass@example.com:8443/app.jar")
        #expect(secret.original.contains("s3cr3t-pass"))
        #expect(secret.redacted == "HTTPS://example.com:8443/app.jar")
        #expect(secret.scrub("could not fetch https://deploy:s3cr3t-pass@example.com:8443/app.jar (s3cr3t-pass)")
                == "could not fetch https://example.com:8443/app.jar (<redacted>)")
        // A password outside ASCII is sent percent-encoded: echoed so, as typed or whole, it is hidden.
        let accented = try FetchURI("https://déploy:pässwort@example.com/app.jar")
        #expect(accented.original == "https://d%C3%A9ploy:p%C3%A4sswort@example.com/app.jar")
        #expect(accented.scrub("denied: p%C3%A4sswort, pässwort, https://d%C3%A9ploy:p%C3%A4sswort@example.com/app.jar")
                == "denied: <redacted>, <redacted>, https://example.com/app.jar")
        // ... and in the case or the encoding a server gives it: lower-case escapes, every byte escaped.
        #expect(accented.scrub("denied: p%c3%a4sswort; d%c3%a9ploy:p%c3%a4sswort@example.com; %70%C3%A4%73%73%77%6F%72%74")
                == "denied: <redacted>; <redacted>@example.com; <redacted>")
        let typedEscaped = try FetchURI("https://bob:p%c3%a4ssUpper@example.com/app.jar")
        #expect(typedEscaped.scrub("bad: p%C3%A4ssUpper") == "bad: <redacted>")
        // A pre-signed link's signature, a token: secret query values are hidden, the rest kept.
        let signed = try FetchURI("https://bucket.s3.amazonaws.com/app.jar?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=5ec7e7&build=12&token=&api_key=QSECRET123#top")
        #expect(signed.redacted == "https://bucket.s3.amazonaws.com/app.jar?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>&build=12&token=&api_key=<redacted>#top")
        #expect(signed.fileName == "app.jar")
        #expect(signed.scrub("403 for app.jar?api_key=QSECRET123 (signature 5ec7e7)") == "403 for app.jar?api_key=<redacted> (signature <redacted>)")

        // An answer that echoes the URI: only its strings are scrubbed, so it stays the same JSON.
        let short = try FetchURI("https://ci@example.com/app.jar?key=100")
        let answer = #"{"fileInfo":{"logicalFileName":"app.jar","size":1002},"details":{"licensingEnabled":true},"_links":{"remote":{"href":"https:\/\/ci@example.com\/app.jar?key=100"}}}"#
        let scrubbed = try #require(try JSONSerialization.jsonObject(with: Data(short.scrub(json: Array(answer.utf8)))) as? [String: Any])
        #expect((scrubbed["fileInfo"] as? [String: Any])?["size"] as? Int == 1002)
        #expect((scrubbed["details"] as? [String: Any])?["licensingEnabled"] as? Bool == true)
        #expect(((scrubbed["_links"] as? [String: Any])?["remote"] as? [String: Any])?["href"] as? String == "https://example.com/app.jar?key=<redacted>")
        #expect(short.scrub("specified https://ci@example.com/app.jar?key=100") == "specified https://example.com/app.jar?key=<redacted>")
        #expect(secret.scrub(json: Array(#"{"message":"s3cr3t-pass refused"}"#.utf8)) == Array(#"{"message":"<redacted> refused"}"#.utf8))
        // Echoed percent-decoded, in an answer's name, or under a query name JFrog or OAuth use: hidden too.
        let encodedPassword = try FetchURI("https://bob:p%40ss%2Fw0rd@files.example/app.jar?jwt=eyJhbGci&X-JFrog-Art-Api=AKCp8&code=4-abc")
        #expect(encodedPassword.redacted == "https://files.example/app.jar?jwt=<redacted>&X-JFrog-Art-Api=<redacted>&code=<redacted>")
        #expect(encodedPassword.scrub("400: cannot fetch https://bob:p@ss/w0rd@files.example/app.jar (p@ss/w0rd)")
                == "400: cannot fetch https://<redacted>@files.example/app.jar (<redacted>)")
        let named = encodedPassword.scrub(json: Array(#"{"fileInfo":{"logicalFileName":"https://bob:p%40ss%2Fw0rd@files.example/app.jar?jwt=eyJhbGci&X-JFrog-Art-Api=AKCp8&code=4-abc"}}"#.utf8))
        #expect(!String(decoding: named, as: UTF8.self).contains("w0rd") && !String(decoding: named, as: UTF8.self).contains("eyJhbGci"))
        // A short secret is hidden in the URI echoed; one inside another leaves no part shown;
        // `<redacted>` itself is not taken apart by a secret inside it.
        #expect(try FetchURI("https://example.com/app.jar?token=ab").scrub("could not fetch https://example.com/app.jar?token=ab")
                == "could not fetch https://example.com/app.jar?token=<redacted>")
        #expect(try FetchURI("https://deploy:s3cr3t-pass@example.com/app.jar?token=s3cr3t").scrub("user deploy:s3cr3t-pass refused")
                == "user <redacted> refused")
        #expect(try FetchURI("https://example.com/a.jar?token=red").scrub("https://example.com/a.jar?token=red: red alert")
                == "https://example.com/a.jar?token=<redacted>: <redacted> alert")
        #expect(try FetchURI("https://example.com/a.jar?token=red").scrub("a.jar?token=red… (cut short): red alert")
                == "a.jar?token=<redacted> (cut short): <redacted> alert")
        #expect(try FetchURI("https://u:pw-9@example.com/a.jar").scrub("404 for https://example.com/a.jar")
                == "404 for https://example.com/a.jar")
        // An echo of what was sent keeps the host as sent.
        #expect(try FetchURI("https://bücher.example/app.jar?token=abc").scrub("\"https://xn--bcher-kva.example/app.jar?token=abc\" could not be resolved")
                == "\"https://xn--bcher-kva.example/app.jar?token=<redacted>\" could not be resolved")
        // A long URI a server cut short: part of its signature, which no exact match finds.
        #expect(signed.scrub("\"https://bucket.s3.amazonaws.com/app.jar?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=5ec…\" answered 404")
                == "\"https://bucket.s3.amazonaws.com/app.jar?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>\" answered 404")
        #expect(secret.scrub(json: Array("no json: deploy:s3cr3t-pass@".utf8)) == Array("no json: ".utf8))
        // A fragment of name=value pairs (an OAuth redirect's) is redacted as a query is.
        #expect(try FetchURI("https://example.com/a.jar#access_token=FRAG9&state=ok").redacted == "https://example.com/a.jar#access_token=<redacted>&state=ok")
        #expect(try FetchURI("https://example.com/a.jar?v=1#access_token=FRAG9").scrub("got https://example.com/a.jar?v=1#access_token=FRAG9")
                == "got https://example.com/a.jar?v=1#access_token=<redacted>")
        // Another URL's secrets, a redirect's target echoed in a failure, are hidden too.
        #expect(try FetchURI("https://example.com/a.jar").scrub(
            "The server of \"http://127.0.0.1:8/m.jar?X-Amz-Signature=REDIR404&v=2\" (from https://u:p@cdn.test/x) answered 404")
                == "The server of \"http://127.0.0.1:8/m.jar?X-Amz-Signature=<redacted>&v=2\" (from https://cdn.test/x) answered 404")
        for name in ["X-Amz-Signature", "X-Amz-Security-Token", "access_token", "accessToken", "apiKey", "APIKEY", "sig", "Password", "client.secret",
                     "apitoken", "accesstoken", "authtoken", "sessiontoken", "clientsecret", "secretkey", "authorization", "key"] {
            #expect(FetchURI.isSecretQueryName(name), "\(name)")
        }
        for name in ["monkey", "author", "design", "build", "file", "version", "keyboard", "signal", "passage"] {
            #expect(!FetchURI.isSecretQueryName(name), "\(name)")
        }
        // What the TUI shows of a URI read back: redacted as stored, and anything else as it is.
        #expect(FetchURI.redacted("https://user:secret@example.com/a.jar") == "https://example.com/a.jar")
        #expect(FetchURI.redacted("https://example.com/a@b.jar") == "https://example.com/a@b.jar")
        #expect(FetchURI.redacted("http://u@host:8080?x=@") == "http://host:8080?x=@")
        #expect(FetchURI.redacted("not a url") == "not a url")
        #expect(try FetchURI("http://[::1]:8080/a.jar").host == "[::1]")
        #expect(try FetchURI("https://bücher.example/a.jar").host == "bücher.example")

        let refused = ["", "file:///etc/passwd", "ftp://example.com/a.jar", "javascript:alert(1)", "data:text/plain,hi",
                       "https:///a.jar", "https://user@/a.jar", "https://example.com:99999/a.jar", "https://exa mple.com/a.jar",
                       "https://example.com/\u{1B}]0;title\u{7}", "example.com/a.jar",
                       "https://example.com/" + String(repeating: "a", count: 10_000),
                       "http://::1/a.jar", "http://:hunter2pass:", "http://a:b:80/a.jar"]
        for text in refused {
            #expect(throws: APIError.self, "\(text.prefix(40))") { try FetchURI(text) }
        }
    }
}
