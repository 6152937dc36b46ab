import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

@Suite("Credential sources: environment, then the config file, then the keyring")
struct CredentialSourcesTests {
    static let token = "ATATT-keyring-token-\(UUID().uuidString)"
    static let fileToken = "ATATT-file-token-\(UUID().uuidString)"
    static let server = "https://marketplace.example.test/marketplace"

    /// A config folder with `config.json` holding `members`.
    static func config(_ folder: TemporaryFolder, _ members: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: members)
        return try folder.write("config.json", String(decoding: data, as: UTF8.self))
    }

    @Test("the config file's token for its email and server comes before the keyring's (an older one, from before a login that reached no keyring)")
    func configFileBeforeKeyring() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.config(folder, ["email": "me@example.com", "apiToken": Self.fileToken, "baseURL": Self.server + "/"])
        let keyring = MemoryKeyring()
        try keyring.store(Self.token, for: KeyringEntry(email: "me@example.com", server: Self.server))

        let settings = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: keyring)
        #expect(settings.credentials == Credentials(email: "me@example.com", apiToken: Self.fileToken))
        #expect(settings.credentialsOrigin == .configFile(path))
        #expect(settings.baseURLOrigin == .configFile(path))
        // ... and then no keyring is asked (a locked or hung one must not hold it up).
        let failing = MemoryKeyring(failure: KeyringError("must not be asked", kind: .locked))
        let withoutKeyring = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: failing)
        #expect(withoutKeyring.credentials?.apiToken == Self.fileToken)

        // The environment comes first, and then no keyring is asked.
        let fromEnvironment = try Settings.load(
            environment: ["MARKETPLACE_EMAIL": "env@example.com", "MARKETPLACE_API_TOKEN": "env-token", "HOME": folder.path],
            configFile: path, keyring: failing)
        #expect(fromEnvironment.credentialsOrigin == .environment)
        #expect(fromEnvironment.credentials?.email == "env@example.com")

        // Without a token in the file (where login puts it when a keyring answers), the keyring's.
        let keyringOnly = try Self.config(folder, ["email": "me@example.com", "baseURL": Self.server])
        let fromKeyring = try Settings.load(environment: ["HOME": folder.path], configFile: keyringOnly, keyring: keyring)
        #expect(fromKeyring.credentialsOrigin == .keyring("the test keyring"))
        #expect(fromKeyring.credentials?.apiToken == Self.token)
        // ... and the file's token for another server does not hide the keyring's for this one.
        let staging = "https://staging.example.test/mp"
        try keyring.store("staging-token", for: KeyringEntry(email: "me@example.com", server: staging))
        let other = try Settings.load(environment: ["HOME": folder.path], configFile: path, baseURL: staging, keyring: keyring)
        #expect(other.credentials?.apiToken == "staging-token")
    }

    @Test("tokens are kept per account and per server")
    func perAccountAndServer() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.config(folder, ["email": "a@example.com", "baseURL": Self.server])
        let keyring = MemoryKeyring()
        try keyring.store("token-a-main", for: KeyringEntry(email: "a@example.com", server: Self.server))
        try keyring.store("token-a-staging", for: KeyringEntry(email: "a@example.com", server: "https://staging.example.test/mp"))
        try keyring.store("token-b-main", for: KeyringEntry(email: "b@example.com", server: Self.server))

        let main = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: keyring)
        #expect(main.credentials?.apiToken == "token-a-main")
        let staging = try Settings.load(environment: ["HOME": folder.path], configFile: path,
                                        baseURL: "https://staging.example.test/mp/", keyring: keyring)
        #expect(staging.credentials?.apiToken == "token-a-staging")
        #expect(staging.baseURLOrigin == .commandLine)
        // MARKETPLACE_EMAIL alone picks another account's token from the keyring.
        let accountB = try Settings.load(environment: ["HOME": folder.path, "MARKETPLACE_EMAIL": "b@example.com"],
                                         configFile: path, keyring: keyring)
        #expect(accountB.credentials == Credentials(email: "b@example.com", apiToken: "token-b-main"))
        // ... and without one it is an error that says what to do, never a token of another account.
        let error = #expect(throws: AssetError.self) {
            try Settings.load(environment: ["HOME": folder.path, "MARKETPLACE_EMAIL": "c@example.com"], configFile: path, keyring: keyring)
        }
        #expect(error?.message.contains("marketplace-assets login") == true)
        #expect(error?.message.contains("token-") == false)
    }

    @Test("an email in the config file without a token anywhere: no credentials, and the reason names the keyring's problem")
    func emailWithoutToken() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.config(folder, ["email": "me@example.com", "baseURL": Self.server])
        let broken = MemoryKeyring(failure: KeyringError("no Secret Service: Cannot autolaunch D-Bus"))
        let settings = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: broken)
        #expect(settings.credentials == nil)
        #expect(settings.email == "me@example.com")
        let reason = try #require(settings.missingTokenReason)
        #expect(reason.contains("me@example.com") && reason.contains(Self.server) && reason.contains("D-Bus"))
        #expect(reason.contains("(none in the config file; the test keyring could not be read"), "two places, each said apart: \(reason)")
        // The server as typed is said in the one spelling every other message uses.
        let typed = try Settings.load(environment: ["HOME": folder.path], configFile: path,
                                      baseURL: "HTTPS://Marketplace.Example.test:443/marketplace/", keyring: broken)
        #expect(typed.missingTokenReason?.contains("at \(Self.server) (") == true, "\(typed.missingTokenReason ?? "")")
        // A config file's token of another account is never used for this one.
        let other = try Self.config(folder, ["email": "other@example.com", "apiToken": Self.fileToken])
        let mismatch = #expect(throws: AssetError.self) {
            try Settings.load(environment: ["HOME": folder.path, "MARKETPLACE_EMAIL": "me@example.com"],
                              configFile: other, keyring: MemoryKeyring())
        }
        #expect(mismatch?.message.contains(Self.fileToken) == false)
    }

    @Test("the config file's token goes to the config file's server only, never to another --base-url or MARKETPLACE_BASE_URL")
    func configFileTokenStaysWithItsServer() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.config(folder, ["email": "me@example.com", "apiToken": Self.fileToken, "baseURL": Self.server])
        let same = try Settings.load(environment: ["HOME": folder.path], configFile: path, baseURL: Self.server + "/")
        #expect(same.credentials?.apiToken == Self.fileToken)
        for elsewhere in [
            try Settings.load(environment: ["HOME": folder.path], configFile: path, baseURL: "http://localhost:18494/other"),
            try Settings.load(environment: ["HOME": folder.path, "MARKETPLACE_BASE_URL": "https://evil.test"], configFile: path),
        ] {
            #expect(elsewhere.credentials == nil)
            #expect(elsewhere.missingTokenReason?.contains("the config file's token is for \(Self.server)") == true)
        }
        // A token written by hand without a baseURL is for the built-in server.
        let bare = try Self.config(folder, ["email": "me@example.com", "apiToken": Self.fileToken])
        #expect(try Settings.load(environment: ["HOME": folder.path], configFile: bare).credentials?.apiToken == Self.fileToken)
        #expect(try Settings.load(environment: ["HOME": folder.path], configFile: bare, baseURL: Self.server).credentials == nil)
    }

    @Test("where the base URL comes from: --base-url, the variable, the config file, else built in")
    func baseURLOrigin() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let environment = ["HOME": folder.path]
        #expect(try Settings.server(environment: environment).baseURLOrigin == .builtIn)
        #expect(try Settings.server(environment: environment, baseURL: "https://x.test").baseURLOrigin == .commandLine)
        #expect(try Settings.server(environment: environment.merging(["MARKETPLACE_BASE_URL": "https://y.test"]) { $1 }).baseURLOrigin == .environment)
        let path = try Self.config(folder, ["baseURL": "https://z.test"])
        let fromFile = try Settings.server(environment: environment, configFile: path)
        #expect(fromFile.baseURLOrigin == .configFile(path) && fromFile.baseURL == "https://z.test")
        #expect(try Settings.server(environment: environment, configFile: path, baseURL: "https://x.test").baseURL == "https://x.test")
    }
}
