import Foundation
@testable import AssetCore

/// A keyring in memory, for the order of credential sources and for `login`'s storage;
/// `failure` makes every call fail, as a keyring without a D-Bus session does.
final class MemoryKeyring: SecretStore, @unchecked Sendable {
    let name = "the test keyring"
    private let lock = NSLock()
    private var tokens: [String: String] = [:]
    var failure: KeyringError?

    init(failure: KeyringError? = nil) {
        self.failure = failure
    }

    private func key(_ entry: KeyringEntry) -> String { entry.email + "\u{0}" + entry.server }

    var count: Int { lock.withLock { tokens.count } }

    func token(for entry: KeyringEntry) throws(KeyringError) -> String? {
        if let failure { throw failure }
        return lock.withLock { tokens[key(entry)] }
    }

    func store(_ token: String, for entry: KeyringEntry) throws(KeyringError) {
        if let failure { throw failure }
        lock.withLock { tokens[key(entry)] = token }
    }

    func removeToken(for entry: KeyringEntry) throws(KeyringError) -> Bool {
        if let failure { throw failure }
        return lock.withLock { tokens.removeValue(forKey: key(entry)) != nil }
    }

    func entries() throws(KeyringError) -> [KeyringEntry] {
        if let failure { throw failure }
        return lock.withLock { tokens.keys.sorted() }.map { key in
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return KeyringEntry(email: String(parts[0]), server: String(parts[1]))
        }
    }
}
