import ArgumentParser
import AssetCore
import AssetInspection
import Foundation

/// `marketplace-assets auth status`: which account, which server, and where the token comes from.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Show how this program signs in (see also login and logout).",
        subcommands: [AuthStatusCommand.self],
        defaultSubcommand: AuthStatusCommand.self
    )
}

/// `marketplace-assets auth status [--json]`: the account, the server and where each comes
/// from, without the token and without a request to the server. Exit 1 when not signed in.
struct AuthStatusCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say which account and server are used, and where the token comes from (never the token)."
    )

    @OptionGroup var global: SignInOptions<TimeoutUnlisted>

    @Flag(help: "Print the status as JSON on stdout.")
    var json = false

    /// What `--json` prints.
    struct Status: Encodable {
        var signedIn: Bool
        var email: String?
        /// Absent when no server can be told (a config file refused, a base URL no request could use).
        var server: String?
        var serverFrom: String?
        var tokenFrom: String?
        var problem: String?
        /// Other accounts and servers the keyring keeps a token for (`logout` leaves them).
        var keyringAlsoHolds: [Account]?

        struct Account: Encodable {
            var email: String
            var server: String
        }
    }

    func validate() throws {
        if global.demo { throw ValidationError("the demo signs in by itself, with credentials made up for each run.") }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            var settings: Settings
            var refusal: String?
            do {
                settings = try Settings.load(environment: environment, baseURL: global.baseURL,
                                             keyring: SystemKeyring.make(environment: environment))
            } catch let error as AssetError where error.kind != .interrupted {
                // Settings that name an account with no token anywhere (MARKETPLACE_EMAIL alone, or
                // the token alone): not signed in, said as such (`--json` stays JSON), not a failure to run.
                do {
                    settings = try Settings.server(environment: environment, baseURL: global.baseURL)
                } catch let serverError as AssetError where json {
                    // Not even a server (a config file refused, a base URL no request could use):
                    // still not signed in, and `--json` still JSON, with the reason.
                    try JSONOutput.print(Status(
                        signedIn: false, email: Settings.environmentEmail(environment), server: nil,
                        serverFrom: nil, problem: serverError.message))
                    throw ExitCode.failure
                }
                settings.email = Settings.environmentEmail(environment)
                refusal = error.message
            }
            let server = ServerURL.normalized(settings.baseURL)
            // Asked only where it was asked already (signed in from it, or no token found in it),
            // so that a keyring that hangs holds up no status that did without it.
            let fromKeyring = if case .keyring? = settings.credentialsOrigin { true } else { false }
            let notSignedIn = settings.credentials == nil && !settings.keyringIsLocked && (settings.missingTokenReason != nil || settings.email == nil)
            let store = try? CredentialStore.standard(environment: environment)
            let others = fromKeyring || notSignedIn
                ? store?.otherKeyringAccounts(than: settings.email.map { KeyringEntry(email: $0, server: server) }) ?? [] : []
            var status = Status(
                signedIn: settings.credentials != nil, email: settings.email, server: server,
                serverFrom: settings.baseURLOrigin.description, tokenFrom: settings.credentialsOrigin?.description,
                problem: settings.credentials == nil ? refusal ?? settings.missingTokenReason ?? "no account configured" : nil)
            if !others.isEmpty { status.keyringAlsoHolds = others.map { Status.Account(email: $0.email, server: $0.server) } }
            if json {
                try JSONOutput.print(status)
            } else if let tokenFrom = status.tokenFrom, let email = status.email {
                // (The email and the paths are outside text: an escape sequence is shown, not acted on.)
                Console.out(SafeText.oneLine("Signed in as \(email) at \(server)"))
                Console.out("  server from: " + SafeText.oneLine(settings.baseURLOrigin.description))
                Console.out("  token from:  " + SafeText.oneLine(tokenFrom))
                Console.out("  (read from the settings, not checked with Marketplace: `login` checks a token)")
                if let note = store?.otherAccountsNote(others) { Console.out("  " + SafeText.oneLine(note.prefix(1).uppercased() + note.dropFirst())) }
            } else {
                Console.out(SafeText.oneLine("Not signed in at \(server) (server from \(settings.baseURLOrigin.description)): \(status.problem ?? "")"))
                if settings.keyringIsLocked {
                    Console.out("  The token may be in the keyring, which could not be read (why, and what to do, above): run this again once it answers (`login` cannot store one meanwhile).")
                } else if status.problem?.contains("marketplace-assets login") != true {  // (said once)
                    Console.out("  Run `marketplace-assets login`, or set MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN.")
                }
                if let note = store?.otherAccountsNote(others, also: false) { Console.out("  " + SafeText.oneLine(note.prefix(1).uppercased() + note.dropFirst())) }
            }
            if !status.signedIn { throw ExitCode.failure }
        }
    }
}
