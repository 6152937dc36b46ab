import ArgumentParser
import AssetCore
import AssetInspection
import Foundation

/// `marketplace-assets logout [--email EMAIL]`: removes the account's token for the server
/// from the keyring and from the config file, wherever `login` (or a person) put it.
struct LogoutCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Sign out: remove the account's API token for the server from the system keyring and the config file."
    )

    @OptionGroup var global: SignInOptions<TimeoutUnlisted>

    @Option(help: ArgumentHelp("The account to sign out (default: MARKETPLACE_EMAIL or the config file's).", valueName: "email"))
    var email: String?

    func validate() throws {
        if global.demo { throw ValidationError("logout signs out of a real server; the demo has no sign-in.") }
        if let email { try SignInInput.validateOption(email) }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let settings = try Settings.server(environment: environment, baseURL: global.baseURL)
            let server = ServerURL.normalized(settings.baseURL)
            let store = try CredentialStore.standard(environment: environment)
            guard let account = try email.map(SignInInput.email) ?? settings.email else {
                // As `logout --email` with nothing stored: a cleanup script may run it twice.
                Console.out(SafeText.oneLine("Nobody is signed in at \(server): nothing to remove (another account: logout --email EMAIL)."))
                if let note = store.otherAccountsNote(store.otherKeyringAccounts(than: nil), also: false) { Console.error(SafeText.oneLine("note: " + note + ".")) }
                return
            }
            let removal = try store.remove(email: account, server: server)
            var places: [String] = []
            if removal.removedFromKeyring, let keyring = store.keyring { places.append(keyring.name) }
            if removal.removedFromConfigFile { places.append(store.configFile) }
            if let problem = removal.keyringProblem, places.isEmpty {
                // Not "nothing to remove": a keyring that answered with an error may hold one.
                guard removal.noKeyring else {
                    throw CLIError("could not sign out \(account) at \(server): the config file holds no token of it, and \(problem); a token kept in the keyring, if any, is still in it.")
                }
                // No keyring here, as `login` sees it then (it writes the config file): nothing here to
                // remove, and a cleanup script may run this twice. A keyring of another session (a
                // desktop's, from ssh) may keep one all the same, which is said.
                Console.out(SafeText.oneLine("No stored token for \(account) at \(server) here: the config file holds none, and there is no keyring to look in."))
                Console.error(Self.otherSessionNote(problem))
                noteEnvironment(settings)
                return
            }
            if let problem = removal.keyringProblem, removal.noKeyring {
                // The token was in the config file, as `login` wrote it here with no keyring.
                Console.error(Self.otherSessionNote(problem))
            } else if let problem = removal.keyringProblem {
                Console.error(SafeText.oneLine("warning: \(problem); a token it keeps for \(account) at \(server), if any, is still in it: "
                    + "run `marketplace-assets logout --email \(account) --base-url \(server)` again where the keyring answers."))
            }
            if places.isEmpty {
                Console.out(SafeText.oneLine("No stored token for \(account) at \(server): nothing to remove."))
            } else {
                Console.out(SafeText.oneLine("Signed out \(account) at \(server): removed the token from \(places.joined(separator: " and "))."))
            }
            if removal.keyringProblem == nil,
               let note = store.otherAccountsNote(store.otherKeyringAccounts(than: KeyringEntry(email: account, server: server))) {
                Console.error(SafeText.oneLine("note: " + note + "."))
            }
            noteEnvironment(settings)
        }
    }

    /// Where no keyring runs (`problem` says why): one of another session may keep a token.
    private static func otherSessionNote(_ problem: String) -> String {
        SafeText.oneLine("note: \(problem); a token a keyring of another session keeps (a desktop's, from ssh), if any, is still in it.")
    }

    /// Credentials set in the environment sign in every command, whatever was removed.
    private func noteEnvironment(_ settings: Settings) {
        if settings.credentialsOrigin == .environment {
            Console.error("note: MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN are still set in the environment, and sign in every command: unset them.")
        }
    }
}
