import AssetInspection
import Foundation
import MarketplaceAPI

/// Where `login` keeps credentials and `logout` removes them: the token in the system
/// keyring, keyed by email and server, with the email and server in the config file; or,
/// when there is no keyring and the user accepts it, all three in the config file (0600).
public struct CredentialStore: Sendable {
    /// The config file, `$XDG_CONFIG_HOME/marketplace-assets/config.json` by default.
    public let configFile: String
    /// The keyring, or `nil` where there is none.
    public let keyring: (any SecretStore)?

    public init(configFile: String, keyring: (any SecretStore)?) {
        self.configFile = configFile
        self.keyring = keyring
    }

    /// The config file at its XDG place and the platform's keyring.
    public static func standard(environment: [String: String]) throws(AssetError) -> CredentialStore {
        CredentialStore(configFile: try AssetPaths.configFile(environment: environment),
                        keyring: SystemKeyring.make(environment: environment))
    }

    /// What became of a token given to the keyring.
    public enum KeyringSave: Sendable, Equatable {
        /// Stored; the payload is the keyring's name, and what became of a token the config file
        /// kept for another account or server (moved to the keyring), if it kept one.
        case stored(String, otherToken: String? = nil)
        /// No keyring could take it; the payload says why. Nothing was written anywhere.
        case unavailable(String)
        /// A keyring runs but is locked; the payload says so and how to unlock it. Nothing was
        /// written anywhere, and the config file must not take the token instead: the
        /// plain-text fallback is for systems with no keyring.
        case locked(String)
    }

    /// Why no keyring can take a token here, found before the token is asked for by a lookup
    /// that matches nothing: it prompts for nothing, and a locked keyring answers it at once
    /// (storing then asks to unlock it), so any error is one a store would meet too (no Secret
    /// Service, a daemon that does not answer); `nil` when one may take it.
    public func keyringUnusable(server: String) -> String? {
        guard let keyring else { return Self.noKeyring }
        do throws(KeyringError) {
            _ = try keyring.token(for: KeyringEntry(email: "", server: server))
        } catch {
            return error.message
        }
        return nil
    }

    private static let noKeyring = "this system has no keyring this program can use"

    /// Stores the token in the keyring under the account and server, then records the email
    /// and server in the config file and removes any token the config file held.
    public func saveInKeyring(_ credentials: Credentials, server: String) throws(AssetError) -> KeyringSave {
        guard let keyring else { return .unavailable(Self.noKeyring) }
        let entry = KeyringEntry(email: credentials.email, server: server)
        let config = try ConfigFile.read(configFile)  // A config file that will be refused stops us before the keyring changes.
        do throws(KeyringError) {
            try keyring.store(credentials.apiToken, for: entry)
        } catch {
            switch error.kind {
            case .locked: return .locked(error.message)
            case .interrupted:
                // Not "no keyring": the plain-text fallback must not follow a Ctrl-C.
                throw AssetError("interrupted while \(keyring.name) stored the token, which it may or may not hold now; "
                    + "the config file was not changed. Run login again, or logout to take it out.", kind: .interrupted)
            case .unavailable, .failed: return .unavailable(error.message)
            }
        }
        // The file names one account: another's plain-text token would go with its name. It
        // moves to the keyring beside this one, under its own account and server; when it cannot,
        // the file is left as it was (a token cannot be shown again to be typed anew).
        var otherToken: String?
        if let config, config.apiToken != nil, let other = config.account, other != entry, (try? SignInInput.email(other.email)) == nil {
            // Not moved under an `email` that is no email address (likely a token, which
            // `secret-tool` would get as an attribute, on its command line): replaced, said so.
            otherToken = "the token the config file kept under an \"email\" that is no email address is replaced"
        } else if let config, let token = config.apiToken, let other = config.account, other != entry {
            do throws(KeyringError) {
                try keyring.store(token, for: other)
                otherToken = "the token the config file kept for \(other.email) at \(other.server) is in \(keyring.name) now"
            } catch {
                throw AssetError("The new token is in \(keyring.name), but the config file keeps \(other.email)'s token for \(other.server) "
                    + "in plain text, which could not be moved there (\(error.message)): the config file was left naming \(other.email). "
                    + "Sign out \(other.email) (`marketplace-assets logout`) and sign in again.")
            }
        }
        do {
            try ConfigFileUpdate.apply(configFile) { members in
                members["email"] = credentials.email
                members["baseURL"] = entry.server
                members.removeValue(forKey: "apiToken")
            }
        } catch {
            // A token left in the file comes before the keyring's (`Settings`): say which is used.
            let stale = config?.apiToken != nil && config?.email == credentials.email && config?.tokenServer == entry.server
            throw AssetError("The new token is in \(keyring.name), but the config file \(configFile) could not be updated (\(error.message))"
                + (stale ? "; its older token is used before the keyring's until it is removed from the file." : "."))
        }
        return .stored(keyring.name, otherToken: otherToken)
    }

    /// Writes the email, the token and the server to the config file, readable by its owner
    /// only. Returns what became of a token it kept for another account or server, which it
    /// no longer can (it names one account): replaced, said in a line.
    @discardableResult
    public func saveInConfigFile(_ credentials: Credentials, server: String) throws(AssetError) -> String? {
        var replaced: String?
        try ConfigFileUpdate.apply(configFile) { members in
            if members["apiToken"] != nil, let other = Self.otherAccount(members, than: KeyringEntry(email: credentials.email, server: server)) {
                replaced = Self.replacement(of: other)
            }
            members["email"] = credentials.email
            members["apiToken"] = credentials.apiToken
            members["baseURL"] = ServerURL.normalized(server)
        }
        return replaced
    }

    /// What `saveInConfigFile` would say of a token the config file keeps for another account
    /// or server, for a question asked before it writes; `nil` when it keeps none.
    public func tokenReplacedInConfigFile(by credentials: Credentials, server: String) -> String? {
        guard let config = try? ConfigFile.read(configFile), config.apiToken != nil, let other = config.account,
              other != KeyringEntry(email: credentials.email, server: server) else { return nil }
        return Self.replacement(of: other)
    }

    /// What becomes of the token the config file kept for `other`, which a token written in its
    /// place replaces.
    private static func replacement(of other: KeyringEntry) -> String {
        "this replaces the token the config file kept for \(other.email) at \(other.server) (it names one account)"
    }

    /// The account and server the config file's `members` name, when they are not `entry`'s.
    private static func otherAccount(_ members: [String: String], than entry: KeyringEntry) -> KeyringEntry? {
        guard let email = members["email"] else { return nil }
        let other = KeyringEntry(email: email, server: members["baseURL"] ?? ClientConfiguration.defaultBaseURL)
        return other == entry ? nil : other
    }

    /// The accounts and servers the keyring keeps a token for, but `entry` and the one the config
    /// file names (signed in): those it no longer names after a sign-in as another account, which
    /// `logout` alone leaves behind. Empty when there is no keyring or it cannot be asked (this is
    /// a note, never an error).
    public func otherKeyringAccounts(than entry: KeyringEntry?) -> [KeyringEntry] {
        guard let keyring, let entries = try? keyring.entries() else { return [] }
        let signedIn = (try? ConfigFile.read(configFile))??.account
        return entries.filter { $0 != entry && $0 != signedIn }
    }

    /// One line naming `accounts` (at most five) and how to remove one (of one, the very
    /// command); `nil` for none. `also`: said after an account signed in or signed out.
    public func otherAccountsNote(_ accounts: [KeyringEntry], also: Bool = true) -> String? {
        guard let keyring, !accounts.isEmpty else { return nil }
        let named = accounts.prefix(5).map { "\($0.email) at \($0.server)" } + (accounts.count > 5 ? ["\(accounts.count - 5) more"] : [])
        let removal = accounts.count == 1
            ? "`marketplace-assets logout --email \(SafeText.shellWord(accounts[0].email)) --base-url \(SafeText.shellWord(accounts[0].server))` removes it"
            : "`marketplace-assets logout --email EMAIL --base-url URL` removes one"
        return "\(keyring.name) \(also ? "also " : "")keeps a token for " + named.joined(separator: ", ") + ": " + removal
    }

    /// What `remove` found and did.
    public struct Removal: Sendable, Equatable {
        /// The keyring held a token for the account and server, and no longer does.
        public var removedFromKeyring = false
        /// The config file held the account's token, and no longer does.
        public var removedFromConfigFile = false
        /// Why the keyring could not be asked, if it could not.
        public var keyringProblem: String?
        /// Whether that is because there is no keyring here (`KeyringError.Kind.unavailable`),
        /// not one that answered with an error and may hold the token.
        public var noKeyring = false
    }

    /// Removes the token of `email` on `server` from the keyring and from the config file.
    /// The config file's `email` and `baseURL` go too when they name this account and
    /// server, so that the next start is the one of a new user again.
    public func remove(email: String, server: String) throws(AssetError) -> Removal {
        let entry = KeyringEntry(email: email, server: server)
        var removal = Removal()
        if let keyring {
            do throws(KeyringError) {
                removal.removedFromKeyring = try keyring.removeToken(for: entry)
            } catch {
                // A locked keyring may still hold the token: nothing changes, the config file
                // included, so that `logout` can run again once it is unlocked.
                if error.kind == .locked {
                    throw AssetError("Could not sign out \(email) at \(entry.server): \(error.message). Nothing was removed.")
                }
                if error.kind == .interrupted {
                    throw AssetError("interrupted while \(keyring.name) was asked about the token of \(email) at \(entry.server), which it "
                        + "may or may not still hold; the config file was not changed. Run logout again.", kind: .interrupted)
                }
                removal.keyringProblem = "\(keyring.name) could not be changed: \(error.message)"
                removal.noKeyring = error.kind == .unavailable
            }
        }
        try ConfigFileUpdate.apply(configFile) { members in
            // The file's token is for its own server only (see `ConfigFile.tokenServer`).
            let configuredServer = ServerURL.normalized(members["baseURL"] ?? ClientConfiguration.defaultBaseURL)
            guard members["email"] == email, configuredServer == entry.server else { return }
            if members.removeValue(forKey: "apiToken") != nil { removal.removedFromConfigFile = true }
            members.removeValue(forKey: "email")
            members.removeValue(forKey: "baseURL")
        }
        return removal
    }
}
