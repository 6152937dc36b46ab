import Foundation

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

    public func token(for entry: KeyringEntry) throws(KeyringError) -> String? {
        let outcome = try secretTool(["lookup"] + attributes(entry), timeout: lookupTimeout)
        switch outcome.status {
        case 0:
            let token = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty ? nil : token
        case 1 where outcome.errorLine.isEmpty:
            return nil
        default:
            throw failure(outcome, timeout: lookupTimeout)
        }
    }

    public func store(_ token: String, for entry: KeyringEntry) throws(KeyringError) {
        let outcome = try secretTool(["store", "--label=\(entry.label)"] + attributes(entry), input: Array(token.utf8), timeout: changeTimeout)
        guard outcome.status == 0 else { throw failure(outcome, timeout: changeTimeout) }
    }

    public func removeToken(for entry: KeyringEntry) throws(KeyringError) -> Bool {
        // `clear` exits 1 without a word when there was nothing to remove, so look first.
        guard try token(for: entry) != nil else { return false }
        let outcome = try secretTool(["clear"] + attributes(entry), timeout: changeTimeout)
        guard outcome.status == 0 else { throw failure(outcome, timeout: changeTimeout) }
        return true
    }

    /// The attributes that find this program's token for one account on one server.
    func attributes(_ entry: KeyringEntry) -> [String] {
        ["service", KeyringEntry.service, "account", entry.email, "server", entry.server]
    }

    private func secretTool(_ arguments: [String], input: [UInt8] = [], timeout: Duration) throws(KeyringError) -> HelperProcess.Outcome {
        guard let executable = HelperProcess.find("secret-tool", environment: environment) else {
            throw KeyringError("secret-tool is not installed (Debian and Ubuntu: apt-get install libsecret-tools)")
        }
        return try HelperProcess.run(executable, arguments, input: input, environment: environment, timeout: timeout)
    }

    private func failure(_ outcome: HelperProcess.Outcome, timeout: Duration) -> KeyringError {
        guard outcome.status != nil else {
            return KeyringError("the keyring did not answer within \(timeout.components.seconds) s (locked, and waiting for its password?)")
        }
        let line = outcome.errorLine.replacingOccurrences(of: "secret-tool: ", with: "")
        return KeyringError(line.isEmpty ? "secret-tool failed (exit \(outcome.status ?? -1))" : "no Secret Service: \(line)")
    }
}
