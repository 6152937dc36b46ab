#if canImport(Darwin)
import Foundation
import Security

/// The macOS login Keychain, through the Security framework: a generic password per account
/// and server, labelled so that Keychain Access shows what it is.
///
/// Only compiled on Apple platforms; the Linux builds and tests never see it.
public struct KeychainKeyring: SecretStore {
    public let name = "the macOS Keychain"

    public init() {}

    public func token(for entry: KeyringEntry) throws(KeyringError) -> String? {
        var query = Self.query(entry)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess else { throw Self.failure(status) }
        guard let data = result as? Data, let token = String(data: data, encoding: .utf8) else {
            throw KeyringError("the Keychain item \"\(entry.label)\" does not hold text")
        }
        return token
    }

    public func store(_ token: String, for entry: KeyringEntry) throws(KeyringError) {
        let deleted = SecItemDelete(Self.query(entry) as CFDictionary)
        guard deleted == errSecSuccess || deleted == errSecItemNotFound else { throw Self.failure(deleted) }
        var item = Self.query(entry)
        item[kSecAttrLabel as String] = entry.label
        item[kSecValueData as String] = Data(token.utf8)
        let status = SecItemAdd(item as CFDictionary, nil)
        guard status == errSecSuccess else { throw Self.failure(status) }
    }

    public func removeToken(for entry: KeyringEntry) throws(KeyringError) -> Bool {
        let status = SecItemDelete(Self.query(entry) as CFDictionary)
        if status == errSecItemNotFound { return false }
        guard status == errSecSuccess else { throw Self.failure(status) }
        return true
    }

    /// One generic password per account and server: the account attribute holds both.
    private static func query(_ entry: KeyringEntry) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: KeyringEntry.service,
            kSecAttrAccount as String: "\(entry.email) \(entry.server)",
        ]
    }

    private static func failure(_ status: OSStatus) -> KeyringError {
        let text = SecCopyErrorMessageString(status, nil) as String? ?? "error \(status)"
        return KeyringError("the Keychain refused: \(text)")
    }
}
#endif
