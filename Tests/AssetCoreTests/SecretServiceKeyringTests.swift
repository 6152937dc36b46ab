import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

/// `SecretServiceKeyring` against a stand-in `secret-tool` on PATH that records its
/// arguments and input, and answers as the real one does (its exit statuses and messages
/// were taken from libsecret-tools 0.20 on Debian 12). The real Secret Service is tested by
/// scripts/e2e/keyring.sh.
@Suite("The Secret Service keyring through secret-tool", .ownThreads)
struct SecretServiceKeyringTests {
    static let token = "ATATT-fake-secret-tool-\(UUID().uuidString)"

    /// A folder with a `secret-tool` script; `behaviour` is shell run after recording.
    static func fakeTool(_ folder: TemporaryFolder, _ behaviour: String) throws -> [String: String] {
        let script = """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(folder.path)/args-$1"
            cat > "\(folder.path)/stdin-$1"
            env > "\(folder.path)/env-$1"
            \(behaviour)
            """
        try FileManager.default.createDirectory(atPath: folder.file("bin"), withIntermediateDirectories: true)
        let path = try folder.write("bin/secret-tool", script, mode: 0o755)
        _ = path
        return ["PATH": folder.file("bin") + ":/usr/bin:/bin", "MARKETPLACE_API_TOKEN": "from-the-environment"]
    }

    static func read(_ folder: TemporaryFolder, _ name: String) -> String {
        (try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? ""
    }

    @Test("store gives the token on stdin only, with a label and the account's attributes on the command line")
    func store() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "exit 0"))
        try keyring.store(Self.token, for: KeyringEntry(email: "me@example.com", server: "https://m.test/mp/"))
        let arguments = Self.read(folder, "args-store").split(separator: "\n").map(String.init)
        #expect(arguments == ["store", "--label=Atlassian Marketplace API token for me@example.com at https://m.test/mp (marketplace-assets)",
                              "--", "service", "marketplace-assets", "account", "me@example.com", "server", "https://m.test/mp"])
        #expect(Self.read(folder, "stdin-store") == Self.token)
        // The helper does not inherit a token variable either.
        #expect(!Self.read(folder, "env-store").contains("from-the-environment"))
    }

    @Test("lookup: the token from stdout; exit 1 without a word is 'none'; a message is a keyring problem")
    func lookup() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let entry = KeyringEntry(email: "me@example.com", server: "https://m.test/mp")

        var keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "printf '\(Self.token)'"))
        #expect(try keyring.token(for: entry) == Self.token)
        #expect(Self.read(folder, "args-lookup").split(separator: "\n") == ["lookup", "--", "service", "marketplace-assets", "account", "me@example.com", "server", "https://m.test/mp"])

        keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "exit 1"))
        #expect(try keyring.token(for: entry) == nil)
        #expect(try keyring.removeToken(for: entry) == false)

        keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1"))
        let error = #expect(throws: KeyringError.self) { try keyring.token(for: entry) }
        #expect(error?.message == "no Secret Service: Cannot autolaunch D-Bus without X11 $DISPLAY")
        #expect(error?.kind == .unavailable)
        #expect(throws: KeyringError.self) { try keyring.store(Self.token, for: entry) }
        // A bus address set to none, as CI images switch D-Bus off: no keyring either, not a failed one.
        for said in ["Address element “/dev/null” does not contain a colon (:)", "The given address is empty", "Unknown or unsupported transport “disabled” for address “disabled:”"] {
            keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo 'secret-tool: \(said)' >&2; exit 1"))
            #expect((#expect(throws: KeyringError.self) { try keyring.token(for: entry) })?.kind == .unavailable, "\(said)")
        }

        // A Secret Service that runs but does not answer (a stopped daemon: GLib's 25 s D-Bus
        // timeout) may hold the token: as a locked one, never a reason for plain text.
        keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo 'secret-tool: Timeout was reached' >&2; exit 1"))
        let hung = #expect(throws: KeyringError.self) { try keyring.store(Self.token, for: entry) }
        #expect(hung?.kind == .locked && hung?.message.hasPrefix("the system keyring runs but did not answer (Timeout was reached)") == true)
        #expect((#expect(throws: KeyringError.self) { try keyring.token(for: entry) })?.kind == .locked)

        // No keyring daemon that could be started (a headless box): the same words from
        // StartServiceByName mean there is none, and plain text may be offered.
        keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder,
            "echo 'secret-tool: Error calling StartServiceByName for org.freedesktop.secrets: Timeout was reached' >&2; exit 1"))
        #expect((#expect(throws: KeyringError.self) { try keyring.store(Self.token, for: entry) })?.kind == .unavailable)

        // GLib translates its messages: the helper runs in English, whatever the person's language.
        var german = try Self.fakeTool(folder, """
            if [ "$LC_ALL" = C.UTF-8 ] && [ -z "$LANGUAGE" ]; then echo 'secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY' >&2
            else echo 'secret-tool: D-Bus kann nicht automatisch ohne X11 $DISPLAY gestartet werden' >&2; fi; exit 1
            """)
        german["LANG"] = "de_DE.UTF-8"
        german["LANGUAGE"] = "de"
        keyring = SecretServiceKeyring(environment: german)
        #expect((#expect(throws: KeyringError.self) { try keyring.token(for: entry) })?.kind == .unavailable)

        // A Secret Service that answers with an error is one all the same: it may hold the token.
        keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo 'secret-tool: GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Access denied' >&2; exit 1"))
        let denied = #expect(throws: KeyringError.self) { try keyring.removeToken(for: entry) }
        #expect(denied?.kind == .failed && denied?.message == "the Secret Service failed: GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Access denied")
        // A bus that names no Secret Service, or none to connect to: none.
        for line in ["GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files",
                     "Could not connect: No such file or directory", "Cannot spawn a message bus without a machine-id: Unable to load /var/lib/dbus/machine-id"] {
            keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo 'secret-tool: \(line)' >&2; exit 1"))
            #expect((#expect(throws: KeyringError.self) { try keyring.token(for: entry) })?.kind == .unavailable, "\(line)")
        }
    }

    @Test("a locked keyring is told from an empty one: search lists the item without its secret; nothing is cleared")
    func locked() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let entry = KeyringEntry(email: "me@example.com", server: "https://m.test/mp")
        // GNOME Keyring 42 through libsecret-tools 0.20.5, its login collection locked, no prompter.
        let keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, """
            case "$1" in
            search) printf '[/org/freedesktop/secrets/collection/login/1]\\nlabel = L\\ncreated = x\\nmodified = x\\n'
                    echo 'secret-tool: Cannot get secret of a locked object' >&2 ;;
            store) echo 'secret-tool: Cannot create an item in a locked collection' >&2; exit 1 ;;
            *) exit 1 ;;
            esac
            """))
        let read = #expect(throws: KeyringError.self) { try keyring.token(for: entry) }
        #expect(read?.kind == .locked)
        #expect(read?.message.hasPrefix("the system keyring is locked: unlock it") == true)
        let store = #expect(throws: KeyringError.self) { try keyring.store(Self.token, for: entry) }
        #expect(store?.kind == .locked)
        let remove = #expect(throws: KeyringError.self) { try keyring.removeToken(for: entry) }
        #expect(remove?.kind == .locked)
        #expect(!FileManager.default.fileExists(atPath: folder.file("args-clear")))
        // An unlocked item lists its secret: not locked (and lookup would have returned it).
        let unlocked = SecretServiceKeyring(environment: try Self.fakeTool(folder, """
            [ "$1" = search ] && printf '[/1]\\nlabel = L\\nsecret = s\\n'; [ "$1" = search ]
            """))
        #expect(try unlocked.holdsLockedItem(entry) == false)
    }

    @Test("entries: the account and server of each item search lists, by its label; locked items too; none is an empty list")
    func entriesAreListed() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let a = KeyringEntry(email: "a@example.com", server: "https://one.test/marketplace")
        let b = KeyringEntry(email: "b@example.com", server: "https://two.test/marketplace")
        #expect(KeyringEntry(label: a.label) == a && KeyringEntry(label: "a token of my own") == nil)
        // As libsecret-tools 0.20 prints them (seen under GNOME Keyring): path, label and secret on
        // stdout (a locked item has no secret), the attributes on stderr in the hash table's order;
        // an item stored by hand, without an account, has another label and is passed over.
        let keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, """
            printf '[/1]\\nlabel = \(a.label)\\nsecret = token-a\\ncreated = 2026-12-05 10:00:00\\n[/2]\\nlabel = by hand\\nsecret = x\\n'
            printf '[/3]\\nlabel = \(b.label)\\n'
            printf 'attribute.server = https://one.test/marketplace\\nattribute.account = a@example.com\\n' >&2
            printf 'attribute.service = marketplace-assets\\nattribute.server = https://elsewhere.test\\n' >&2
            printf 'attribute.account = b@example.com\\nattribute.server = https://two.test/marketplace\\n' >&2
            """))
        #expect(try keyring.entries() == [a, b])
        #expect(try String(contentsOfFile: folder.file("args-search"), encoding: .utf8) == "search\n--all\n--\nservice\nmarketplace-assets\n")
        let none = SecretServiceKeyring(environment: try Self.fakeTool(folder, "exit 1"))
        #expect(try none.entries().isEmpty)
    }

    @Test("a keyring call still waiting after 3 s says so, once, and then goes on")
    func slowCallSaysSo() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let notices = LockedValue<[String]>([])
        SecretServiceKeyring.whenWaiting { notice in notices.withLock { $0.append(notice) } }
        defer { SecretServiceKeyring.whenWaiting { _ in } }
        let slow = SecretServiceKeyring(environment: try Self.fakeTool(folder, "sleep 3.6; echo slow-token"))
        #expect(try slow.token(for: KeyringEntry(email: "a@b.c", server: "https://m.test")) == "slow-token")
        let said = notices.withLock { $0 }
        #expect(said.count == 1 && said.first?.hasPrefix("waiting for the system keyring: it may be asking for its password") == true, "\(said)")
    }

    @Test("an email that starts with a dash is an attribute, not an option; a helper that writes more than a pipe holds is read as it writes")
    func dashesAndLongOutput() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        let entry = KeyringEntry(email: "-dash@example.com", server: "https://m.test")
        let keyring = SecretServiceKeyring(environment: try Self.fakeTool(folder, "echo some-token"))
        #expect(try keyring.removeToken(for: entry))
        #expect(Self.read(folder, "args-clear").split(separator: "\n") == ["clear", "--", "service", "marketplace-assets", "account", "-dash@example.com", "server", "https://m.test"])
        // 300 KB on stdout (search --all prints every item's secret): read as it comes, not at the deadline.
        let talkative = SecretServiceKeyring(environment: try Self.fakeTool(folder, "head -c 300000 /dev/zero | tr '\\0' x"),
                                             lookupTimeout: .seconds(20))
        let started = ContinuousClock.now
        #expect(try talkative.token(for: entry)?.count == 300_000)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a helper that hangs is stopped at the deadline; a missing secret-tool says what to install")
    func hangsAndMissing() throws {
        let folder = try TemporaryFolder("secret-tool")
        defer { folder.remove() }
        // Deaf to SIGTERM, as the tool's own helpers are (they start with its signal mask): killed all the same.
        let hanging = SecretServiceKeyring(environment: try Self.fakeTool(folder, "trap '' TERM; echo $$ > \"\(folder.path)/pid\"; exec sleep 30"),
                                           lookupTimeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = #expect(throws: KeyringError.self) { try hanging.token(for: KeyringEntry(email: "a@b.c", server: "https://m.test")) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error?.message.contains("did not answer") == true)
        #expect(error?.kind == .locked)  // only an unlock prompt makes it wait: never a plain-text fallback
        let pid = try #require(Int32(Self.read(folder, "pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) != 0, "the helper is gone")

        let missing = SecretServiceKeyring(environment: ["PATH": folder.file("nothing-here")])
        let notInstalled = #expect(throws: KeyringError.self) { try missing.token(for: KeyringEntry(email: "a@b.c", server: "https://m.test")) }
        #expect(notInstalled?.message.contains("libsecret-tools") == true)
    }
}
