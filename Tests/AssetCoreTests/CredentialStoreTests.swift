import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

@Suite("Storing and removing credentials: the keyring, the config file")
struct CredentialStoreTests {
    static let token = "ATATT-store-token-\(UUID().uuidString)"
    static let server = "http://127.0.0.1:9/marketplace"
    static let credentials = Credentials(email: "me@example.com", apiToken: token)

    static func members(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test("signing in as another account keeps the config file's plain-text token of the first: moved to the keyring, or said to be replaced")
    func anotherAccountsTokenIsNotDroppedSilently() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("config/marketplace-assets/config.json")
        let other = Credentials(email: "b@example.com", apiToken: "ATATT-other-\(UUID().uuidString)")
        let otherServer = "http://127.0.0.1:8/marketplace"
        // No keyring first: the plain-text file names b@ with its token.
        try CredentialStore(configFile: path, keyring: nil).saveInConfigFile(other, server: otherServer)

        let keyring = MemoryKeyring()
        let result = try CredentialStore(configFile: path, keyring: keyring).saveInKeyring(Self.credentials, server: Self.server)
        #expect(result == .stored("the test keyring", otherToken: "the token the config file kept for b@example.com at \(otherServer) is in the test keyring now"))
        #expect(try keyring.token(for: KeyringEntry(email: "b@example.com", server: otherServer)) == other.apiToken)
        #expect(try Self.members(path) as? [String: String] == ["email": "me@example.com", "baseURL": Self.server])

        // Without a keyring, the file can keep one account only: the replacement is said.
        let plain = CredentialStore(configFile: path, keyring: nil)
        try plain.saveInConfigFile(other, server: otherServer)
        // Said before it is done too, for the question the TUI asks.
        #expect(plain.tokenReplacedInConfigFile(by: Self.credentials, server: Self.server)
                == "this replaces the token the config file kept for b@example.com at \(otherServer) (it names one account)")
        #expect(plain.tokenReplacedInConfigFile(by: other, server: otherServer) == nil)
        #expect(try plain.saveInConfigFile(Self.credentials, server: Self.server)
                == "this replaces the token the config file kept for b@example.com at \(otherServer) (it names one account)")
        #expect(try plain.saveInConfigFile(Self.credentials, server: Self.server) == nil, "the same account again replaces nothing of another")
    }

    @Test("a config file's token under an email that is no email address is not moved to the keyring under it (secret-tool's command line): replaced, said so")
    func aTokenUnderAnEmailThatIsNoneIsNotMoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let misplaced = "ATATT-misplaced-\(UUID().uuidString)"
        let path = try folder.write("config.json", "{\"email\": \"\(misplaced)\", \"apiToken\": \"\(misplaced)\"}")
        let keyring = MemoryKeyring()
        let result = try CredentialStore(configFile: path, keyring: keyring).saveInKeyring(Self.credentials, server: Self.server)
        #expect(result == .stored("the test keyring", otherToken: "the token the config file kept under an \"email\" that is no email address is replaced"))
        #expect(try keyring.entries() == [KeyringEntry(email: "me@example.com", server: Self.server)])
        #expect(try Self.members(path) as? [String: String] == ["email": "me@example.com", "baseURL": Self.server])
    }

    @Test("a config file that is a link (to a dotfiles repository) stays one: the file it points to takes the change")
    func linkedConfigFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["dotfiles", "config/marketplace-assets"] {
            try FileManager.default.createDirectory(atPath: folder.file(name), withIntermediateDirectories: true)
        }
        let target = try folder.write("dotfiles/config.json", "{\"timeout\": 90}\n", mode: 0o600)
        let path = folder.file("config/marketplace-assets/config.json")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        _ = try CredentialStore(configFile: path, keyring: MemoryKeyring()).saveInKeyring(Self.credentials, server: Self.server)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == target, "it used to become a file of its own")
        #expect(try Self.members(target)["email"] as? String == "me@example.com" && Self.members(target)["timeout"] as? Int == 90)
        // Signed out and left with no members, the file it points to stays, as {} (it was removed, the link left dangling).
        try FileManager.default.removeItem(atPath: target)
        try Data("{\"email\": \"me@example.com\"}".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o600)
        _ = try CredentialStore(configFile: path, keyring: MemoryKeyring()).remove(email: "me@example.com", server: ClientConfiguration.defaultBaseURL)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == target)
        #expect(try Self.members(target).isEmpty)
    }

    @Test("login with a keyring: the token in the keyring only; email and server in a 0600 config file in a 0700 folder")
    func keyringSave() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("config/marketplace-assets/config.json")
        let keyring = MemoryKeyring()
        let store = CredentialStore(configFile: path, keyring: keyring)
        #expect(try store.saveInKeyring(Self.credentials, server: Self.server + "/") == .stored("the test keyring"))
        #expect(try keyring.token(for: KeyringEntry(email: "me@example.com", server: Self.server)) == Self.token)
        #expect(try Self.members(path) as? [String: String] == ["email": "me@example.com", "baseURL": Self.server])
        #expect(Self.mode(path) == 0o600)
        #expect(Self.mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(try !String(contentsOfFile: path, encoding: .utf8).contains(Self.token))

        // Settings read it back from the keyring.
        let settings = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: keyring)
        #expect(settings.credentials == Self.credentials)
        #expect(settings.credentialsOrigin == .keyring("the test keyring"))
    }

    @Test("a keyring save moves an earlier plain-text token out of the config file and keeps members it does not know")
    func keyringSaveRemovesPlainText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("config.json", "{\"email\": \"old@example.com\", \"apiToken\": \"old-token\", \"theme\": \"dark\", \"retries\": 3}")
        let store = CredentialStore(configFile: path, keyring: MemoryKeyring())
        _ = try store.saveInKeyring(Self.credentials, server: Self.server)
        let members = try Self.members(path)
        #expect(members["apiToken"] == nil)
        #expect(members["email"] as? String == "me@example.com")
        #expect(members["theme"] as? String == "dark")
        #expect(members["retries"] as? Int == 3)
    }

    @Test("no keyring: nothing is written until the caller chooses the config file, which is then 0600")
    func fallback() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("config.json")
        let store = CredentialStore(configFile: path, keyring: MemoryKeyring(failure: KeyringError("no Secret Service: no D-Bus")))
        #expect(try store.saveInKeyring(Self.credentials, server: Self.server) == .unavailable("no Secret Service: no D-Bus"))
        #expect(!FileManager.default.fileExists(atPath: path))
        try store.saveInConfigFile(Self.credentials, server: Self.server)
        #expect(Self.mode(path) == 0o600)
        #expect(try Self.members(path) as? [String: String] == ["email": "me@example.com", "apiToken": Self.token, "baseURL": Self.server])
        let settings = try Settings.load(environment: ["HOME": folder.path], configFile: path, keyring: store.keyring)
        #expect(settings.credentialsOrigin == .configFile(path))
    }

    @Test("login --no-plain-text finds no usable keyring before it asks for a token: one absent or not answering says why; a working one is left to the store")
    func unusableBeforeAsking() {
        let store = { (failure: KeyringError?) in CredentialStore(configFile: "/nonexistent/config.json", keyring: MemoryKeyring(failure: failure)) }
        #expect(store(KeyringError("no Secret Service: no D-Bus")).keyringUnusable(server: Self.server) == "no Secret Service: no D-Bus")
        #expect(CredentialStore(configFile: "/nonexistent/config.json", keyring: nil).keyringUnusable(server: Self.server) != nil)
        let hung = KeyringError("the system keyring runs but did not answer (Timeout was reached)", kind: .locked)
        #expect(store(hung).keyringUnusable(server: Self.server) == hung.message)
        #expect(store(nil).keyringUnusable(server: Self.server) == nil)
    }

    @Test("a locked keyring: login stores nothing anywhere; logout changes nothing, the config file included")
    func locked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("config.json")
        let keyring = MemoryKeyring()
        let store = CredentialStore(configFile: path, keyring: keyring)
        #expect(try store.saveInKeyring(Self.credentials, server: Self.server) == .stored("the test keyring"))
        let before = try String(contentsOfFile: path, encoding: .utf8)
        keyring.failure = KeyringError("the system keyring is locked", kind: .locked)
        #expect(try store.saveInKeyring(Credentials(email: "other@example.com", apiToken: "t"), server: Self.server) == .locked("the system keyring is locked"))
        #expect(throws: AssetError.self) { try store.remove(email: Self.credentials.email, server: Self.server) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        keyring.failure = nil
        #expect(try store.remove(email: Self.credentials.email, server: Self.server).removedFromKeyring)
    }

    @Test("logout removes the token from the keyring and the config file, and the account and server it named")
    func remove() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("config.json", "{\"theme\": \"dark\"}")
        let keyring = MemoryKeyring()
        let store = CredentialStore(configFile: path, keyring: keyring)
        _ = try store.saveInKeyring(Self.credentials, server: Self.server)
        try keyring.store("other-server-token", for: KeyringEntry(email: "me@example.com", server: "https://other.test"))

        let removal = try store.remove(email: "me@example.com", server: Self.server)
        #expect(removal == CredentialStore.Removal(removedFromKeyring: true, removedFromConfigFile: false, keyringProblem: nil))
        #expect(try keyring.token(for: KeyringEntry(email: "me@example.com", server: Self.server)) == nil)
        #expect(try keyring.token(for: KeyringEntry(email: "me@example.com", server: "https://other.test")) == "other-server-token")
        #expect(try Self.members(path) as? [String: String] == ["theme": "dark"])
        let again = try store.remove(email: "me@example.com", server: Self.server)
        #expect(!again.removedFromKeyring && !again.removedFromConfigFile)

        // A plain-text token goes, and a config file left empty is removed.
        let plain = CredentialStore(configFile: folder.file("plain.json"), keyring: MemoryKeyring(failure: KeyringError("none")))
        try plain.saveInConfigFile(Self.credentials, server: Self.server)
        // Signing out at another server leaves this server's token where it is.
        #expect(try plain.remove(email: "me@example.com", server: "https://other.test").removedFromConfigFile == false)
        #expect(try Self.members(folder.file("plain.json"))["apiToken"] as? String == Self.token)
        let plainRemoval = try plain.remove(email: "me@example.com", server: Self.server)
        #expect(plainRemoval.removedFromConfigFile && plainRemoval.keyringProblem != nil && plainRemoval.noKeyring)
        #expect(!FileManager.default.fileExists(atPath: folder.file("plain.json")))
        // A keyring that answered with an error (access denied) is one, which may hold the token.
        let denied = CredentialStore(configFile: folder.file("denied.json"), keyring: MemoryKeyring(failure: KeyringError("Access denied", kind: .failed)))
        let deniedRemoval = try denied.remove(email: "me@example.com", server: Self.server)
        #expect(deniedRemoval.keyringProblem != nil && !deniedRemoval.noKeyring)
    }

    @Test("a config file refused (others can change it, or read the token in it) is refused by login too, without a change")
    func refusedConfig() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (content, mode) in [("{\"email\": \"a@b.c\"}", 0o664), ("{\"email\": \"a@b.c\", \"apiToken\": \"old\"}", 0o644)] {
            let path = try folder.write("config.json", content, mode: mode)
            let store = CredentialStore(configFile: path, keyring: MemoryKeyring())
            let error = #expect(throws: AssetError.self) { try store.saveInKeyring(Self.credentials, server: Self.server) }
            #expect(error?.message.contains("chmod 600") == true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
        }
    }

    @Test("what login accepts as an email and a token; messages never hold the token")
    func input() throws {
        #expect(try SignInInput.email("  me@example.com\n") == "me@example.com")
        #expect(try SignInInput.email(String(repeating: "a", count: 242) + "@example.com").count == 254)
        for bad in ["", "me", "me:x@example.com", "me @example.com", "me@exa\u{7}mple.com", String(repeating: "a", count: 243) + "@example.com"] {
            #expect(throws: AssetError.self) { try SignInInput.email(bad) }
        }
        #expect(try SignInInput.token(Self.token + "\n") == Self.token)
        for bad in ["", "  \n", "two words", "tab\tbed", String(repeating: "x", count: 5000)] {
            let error = #expect(throws: AssetError.self) { try SignInInput.token(bad) }
            #expect(error?.message.contains("two") == false && error?.message.contains("xxxx") == false)
        }
    }
}
