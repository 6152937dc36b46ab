import Foundation
import MarketplaceAPI

/// The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) through libsecret's
/// `secret-tool`, which Debian and Ubuntu ship as `libsecret-tools`.
///
/// The token goes to `secret-tool store` on its standard input and comes back from
/// `secret-tool lookup` on its standard output; the command lines hold only the attributes
/// (`service`, `account`, `server`), never the token. Running a helper keeps libsecret and
/// GLib out of the binary, so it still runs, falling back to the config file, on a server
/// without them.
public struct SecretServiceKeyring: SecretStore {
    public let name = "the system keyring (Secret Service)"
    let environment: [String: String]
    /// How long a lookup may take. A locked keyring asks for its password, so this is long
    /// enough for a person to type it.
    let lookupTimeout: Duration
    /// How long storing or removing may take, for the same reason.
    let changeTimeout: Duration

    public init(environment: [String: String], lookupTimeout: Duration = .seconds(60), changeTimeout: Duration = .seconds(120)) {
        self.environment = environment
        self.lookupTimeout = lookupTimeout
        self.changeTimeout = changeTimeout
    }

    private static let longWaitNotice = LockedValue<(@Sendable (String) -> Void)?>(nil)

    /// How the notice of `whenWaiting` starts (the TUI takes it off its status line once the call is over).
    public static let waitNoticeStart = "waiting for the system keyring"

    /// Calls `notice` with a line to show when a keyring call has waited 3 s (an unlock prompt
    /// on the desktop, or a daemon that does not answer: GLib gives up on each of its calls
    /// after 25 s), so that a command says what it waits for rather than hang silently.
    public static func whenWaiting(_ notice: @escaping @Sendable (String) -> Void) {
        longWaitNotice.withLock { $0 = notice }
    }

    /// What to do about a locked keyring, in every message that reports one. Without a desktop,
    /// the daemon unlocks only when it is started with the password on its standard input, which
    /// it reads to its end (typed at it, it would echo it and wait for Ctrl-D): read unseen, piped.
    static let unlockAdvice = "unlock it (log in to the desktop, or open Passwords and Keys; without a desktop, "
        + "`read -rs PW; printf '%s\\n' \"$PW\" | gnome-keyring-daemon --replace --daemonize --unlock --components=secrets`, "
        + "the password typed unseen) and try again"

    public func token(for entry: KeyringEntry) throws(KeyringError) -> String? {
        // `lookup` asks the desktop to unlock a locked item and waits; when no prompt can be shown
        // (no DISPLAY) or it is dismissed, it exits 1 without a word, as when there is no item.
        // `search`, which never prompts, then tells the two apart.
        let outcome = try secretTool(["lookup"] + attributes(entry), timeout: lookupTimeout)
        switch outcome.status {
        case 0:
            let token = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty ? nil : token
        case 1 where outcome.errorLine.isEmpty:
            if try holdsLockedItem(entry) { throw lockedError() }
            return nil
        default:
            throw failure(outcome, timeout: lookupTimeout)
        }
    }

    public func store(_ token: String, for entry: KeyringEntry) throws(KeyringError) {
        let outcome = try secretTool(["store", "--label=\(entry.label)"] + attributes(entry), input: Array(token.utf8), timeout: changeTimeout)
        guard outcome.status == 0 else {
            // GNOME Keyring: "Cannot create an item in a locked collection", once the unlock
            // prompt could not be shown or was dismissed.
            if outcome.status == 1, outcome.errorLine.lowercased().contains("locked") { throw lockedError() }
            throw failure(outcome, timeout: changeTimeout)
        }
    }

    public func removeToken(for entry: KeyringEntry) throws(KeyringError) -> Bool {
        // `clear` exits 1 without a word both when there is nothing to remove and when the item is
        // locked (it never prompts, and then removes nothing); `token(for:)` asks to unlock, and
        // throws when the item stays locked.
        guard try token(for: entry) != nil else { return false }
        let outcome = try secretTool(["clear"] + attributes(entry), timeout: changeTimeout)
        if outcome.status == 0 { return true }
        if outcome.status == 1, outcome.errorLine.isEmpty, try holdsLockedItem(entry) { throw lockedError() }
        throw failure(outcome, timeout: changeTimeout)
    }

    public func entries() throws(KeyringError) -> [KeyringEntry] {
        // `search --all` without `--unlock` lists locked items too, and prompts for none (it does
        // read the secrets: a keyring that confirms each access, as KeePassXC can, asks). Each
        // item's label, on stdout, names its account and server (libsecret 0.20 prints the
        // attributes on stderr, in no order that pairs them safely).
        let outcome = try secretTool(["search", "--all", "--", "service", KeyringEntry.service], timeout: lookupTimeout)
        guard outcome.status == 0 else {
            if outcome.status == 1, outcome.errorLine.isEmpty { return [] }
            throw failure(outcome, timeout: lookupTimeout)
        }
        return String(decoding: outcome.output, as: UTF8.self).split(whereSeparator: \.isNewline)
            .compactMap { $0.hasPrefix("label = ") ? KeyringEntry(label: $0.dropFirst("label = ".count)) : nil }
    }

    /// Whether the keyring holds an item for `entry` that it does not hand out. `search` without
    /// `--unlock` never prompts and lists a locked item too (`[path]`, `label = …`, no
    /// `secret = …` line); with no item it prints nothing, locked collection or not.
    func holdsLockedItem(_ entry: KeyringEntry) throws(KeyringError) -> Bool {
        let outcome = try secretTool(["search"] + attributes(entry), timeout: lookupTimeout)
        guard let status = outcome.status else { throw failure(outcome, timeout: lookupTimeout) }
        guard status == 0 else { return false }
        let lines = String(decoding: outcome.output, as: UTF8.self).split(whereSeparator: \.isNewline)
        return !lines.isEmpty && !lines.contains { $0.hasPrefix("secret = ") }
    }

    private func lockedError() -> KeyringError {
        KeyringError("the system keyring is locked: \(Self.unlockAdvice)", kind: .locked)
    }

    /// The attributes that find this program's token for one account on one server, after `--`:
    /// an email that starts with `-` is no option of secret-tool's.
    func attributes(_ entry: KeyringEntry) -> [String] {
        ["--", "service", KeyringEntry.service, "account", entry.email, "server", entry.server]
    }

    private func secretTool(_ arguments: [String], input: [UInt8] = [], timeout: Duration) throws(KeyringError) -> HelperProcess.Outcome {
        guard let executable = HelperProcess.find("secret-tool", environment: environment) else {
            throw KeyringError("no secret-tool on PATH (Debian and Ubuntu: apt-get install libsecret-tools)")
        }
        // Its messages in English, which `failure` tells apart (GLib translates them); UTF-8 output.
        var environment = environment
        environment["LC_ALL"] = "C.UTF-8"
        environment.removeValue(forKey: "LANGUAGE")
        return try HelperProcess.run(executable, arguments, input: input, environment: environment, timeout: timeout) {
            Self.longWaitNotice.withLock { $0 }?(Self.waitNoticeStart + ": it may be asking for its password, or not answering "
                + "(up to \(timeout.components.seconds) s)…")
        }
    }

    private func failure(_ outcome: HelperProcess.Outcome, timeout: Duration) -> KeyringError {
        guard outcome.status != nil else {
            // Only an unlock prompt makes secret-tool wait: the keyring is there, and locked.
            return KeyringError("the system keyring did not answer within \(timeout.components.seconds) s "
                + "(locked, and waiting for its password?): \(Self.unlockAdvice)", kind: .locked)
        }
        let line = outcome.errorLine.replacingOccurrences(of: "secret-tool: ", with: "")
        // GLib's D-Bus call timeout (25 s): the Secret Service is there but does not answer (a hung
        // daemon). It may hold the token, and plain text must not replace it: as a locked one.
        // (A timeout of StartServiceByName is another thing: no daemon could be started at all.)
        if line.contains("Timeout was reached"), !line.contains("StartServiceByName"), !line.lowercased().contains("activat") {
            return KeyringError("the system keyring runs but did not answer (\(line)): restart it (log out and in, or "
                + "`gnome-keyring-daemon --replace --daemonize --components=secrets`) and try again", kind: .locked)
        }
        guard !line.isEmpty else { return KeyringError("secret-tool failed (exit \(outcome.status ?? -1))", kind: .failed) }
        // No session bus (over ssh, in CI), nothing on it that provides the Secret Service, or a bus
        // address set to none (`DBUS_SESSION_BUS_ADDRESS=/dev/null`, empty or `disabled:`, as CI
        // images switch D-Bus off): GLib's words for each.
        let absent = ["autolaunch", "StartServiceByName", "not provided by any .service files", "ServiceUnknown", "Could not connect",
                      "machine-id", "session bus address", "Error in address", "does not contain a colon", "address is empty",
                      "Unknown or unsupported transport"]
        if absent.contains(where: line.contains) || line.lowercased().contains("activat") {
            return KeyringError("no Secret Service: \(line)")
        }
        return KeyringError("the Secret Service failed: \(line)", kind: .failed)
    }
}
