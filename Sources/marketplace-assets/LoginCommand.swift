import ArgumentParser
import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// `marketplace-assets login [--email EMAIL] [--with-token] [--no-plain-text]`: asks for the
/// email and API token, checks them with the server, and keeps the token in the system
/// keyring (the email and server go to the config file).
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in: check an email and API token with the server, and keep the token in the system keyring.",
        discussion: """
            The token is asked for without echo, or read from standard input with --with-token. It is \
            checked with a request that changes nothing, then stored in the system keyring (the Secret \
            Service) under the email and server; the email and server go to the \
            config file. Without a keyring the token goes to the config file (mode 0600) after a warning, \
            unless --no-plain-text is given. Create a token at \(SignInInput.tokenPageURL).
            """
    )

    @OptionGroup var global: SignInOptions<TimeoutListed>

    @Option(help: ArgumentHelp("The Atlassian account's email (default: asked; with --with-token, MARKETPLACE_EMAIL or the config file's).", valueName: "email"))
    var email: String?

    @Flag(name: .customLong("with-token"), help: "Read the API token from standard input instead of asking for it.")
    var withToken = false

    @Flag(name: .customLong("no-plain-text"), help: "Never write the token to the config file: fail when there is no system keyring.")
    var noPlainText = false

    /// Words after `login` that are no option: a token put there (`login --with-token TOKEN`, as
    /// some tools take it) is refused without being repeated in the error.
    @Argument(help: .private)
    var stray: [String] = []

    /// Refuses a token given on the command line, where shell history and `ps` keep it, without
    /// repeating it (ArgumentParser's own errors would).
    static let tokenOnCommandLine = "login takes no token on its command line, where shell history and ps keep it (the value was "
        + "not repeated here; revoke it if it was a real token): pipe it, marketplace-assets login --email EMAIL --with-token < token.txt"

    /// `tokenOnCommandLine` when `arguments` (of `login`) give `--with-token` a value
    /// (`--with-token=TOKEN`, `--with-token TOKEN`): one line, as any refusal before the parse.
    static func tokenOption(in arguments: [String]) -> String? {
        guard arguments.contains("login") else { return nil }
        // An email after it is no token: the email goes with --email.
        if let at = arguments.firstIndex(of: "--with-token"), arguments.indices.contains(at + 1), arguments[at + 1].contains("@"),
           !arguments[at + 1].hasPrefix("-") {
            return "login takes the email with --email: marketplace-assets login --email \(SafeText.oneLine(arguments[at + 1], maxLength: 80)) --with-token"
        }
        let valued = arguments.indices.contains { index in
            arguments[index].hasPrefix("--with-token=")
                || arguments[index] == "--with-token" && arguments.indices.contains(index + 1) && !arguments[index + 1].hasPrefix("-")
        }
        return valued ? tokenOnCommandLine : nil
    }

    func validate() throws {
        if stray.count == 1, stray[0].contains("@"), email == nil {
            throw ValidationError("login takes the email with --email: marketplace-assets login --email \(SafeText.oneLine(stray[0], maxLength: 80))")
        }
        // (`--with-token -` is standard input, as other tools write it.)
        if stray.contains(where: { !(withToken && $0 == "-") }) { throw ValidationError(Self.tokenOnCommandLine) }
        if let email { try SignInInput.validateOption(email) }
        if global.demo { throw ValidationError("login signs in to a real server; --demo needs no sign-in.") }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let settings = try Settings.server(environment: environment, baseURL: global.baseURL, timeout: try global.patience.idleTimeout())
            let server = ServerURL.normalized(settings.baseURL)
            try await Self.refuseUnusable(server)
            if noPlainText, let reason = try CredentialStore.standard(environment: environment).keyringUnusable(server: server) {
                throw CLIError(Self.nowhereToStore(reason) + " Nothing was asked or stored: sign in where a keyring runs, or set "
                    + "MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN.")
            }
            let email = try askEmail(configured: settings.email)
            let token = try readToken()
            let credentials = Credentials(email: email, apiToken: token)
            // After the prompts (which a signal ends at once), a signal cancels the wait for the
            // server or the keyring, killing a keyring helper that would otherwise store the token.
            let noPlainText = noPlainText
            try await SignalCancellation.run(saysDoneAllTheSame: true) {
                try await reportingErrors {
                    try await Self.signIn(credentials, server: server, settings: settings, environment: environment, noPlainText: noPlainText)
                }
            }
        }
    }

    /// Checks `credentials` with `server`, then stores them: in the keyring, else (unless
    /// `noPlainText`) in the config file.
    private static func signIn(
        _ credentials: Credentials, server: String, settings: Settings, environment: [String: String], noPlainText: Bool
    ) async throws {
        let email = credentials.email
        Console.error("Checking the credentials with \(server)…")
        let verdict = await CredentialCheck.run(credentials, baseURL: server, idleTimeout: settings.idleTimeout)
        if Task.isCancelled { throw AssetError("interrupted while \(server) checked the credentials: nothing was stored", kind: .interrupted) }
        if let refusal = verdict.refusal(server: server) {
            throw CLIError(refusal.prefix(1).lowercased() + refusal.dropFirst())  // `error: could not check…`
        }
        Console.error("✓ \(server) accepted the credentials of \(email).")

        let store = try CredentialStore.standard(environment: environment)
        switch try store.saveInKeyring(credentials, server: server) {
        case .stored(let keyring, let otherToken):
            Console.out(SafeText.oneLine("Signed in as \(email) at \(server). The token is in \(keyring); the email and server are in \(store.configFile)."))
            if let otherToken { Console.out(SafeText.oneLine("Note: " + otherToken + ".")) }
        case .locked(let reason):
            throw CLIError("\(reason). Nothing was stored.")
        case .unavailable(let reason):
            // A helper that failed as the signal came: the plain-text fallback must not follow a Ctrl-C.
            if Task.isCancelled { throw AssetError("interrupted while the system keyring was asked to store the token: nothing was written to the config file", kind: .interrupted) }
            guard !noPlainText else {
                throw CLIError(nowhereToStore(reason) + " Nothing was stored: sign in where a keyring runs, or set "
                    + "MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN.")
            }
            let file = Self.named(store.configFile)
            Console.error(SafeText.oneLine("warning: no system keyring can keep the token (\(reason)). "
                + "Writing it in plain text to \(file), readable only by you (mode 0600); --no-plain-text refuses instead."))
            if let replaced = try store.saveInConfigFile(credentials, server: server) {
                Console.error(SafeText.oneLine("warning: " + replaced + "."))
            }
            Console.out(SafeText.oneLine("Signed in as \(email) at \(server). The token is in \(file) (plain text, mode 0600)."))
        }
        if settings.credentialsOrigin == .environment {
            Console.error("note: MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN are set, and come first: unset them to use this sign-in.")
        } else if Settings.tokenWithoutEmail(environment) != nil {
            Console.error("note: MARKETPLACE_API_TOKEN is set without MARKETPLACE_EMAIL, which commands that send requests refuse: unset it to use this sign-in.")
        } else if let other = environment[Settings.emailVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !other.isEmpty,
                  other.lowercased() != email.lowercased() {
            Console.error(SafeText.oneLine("note: MARKETPLACE_EMAIL is set to \(other), and comes first: commands look for that account's token, not \(email)'s; unset it to use this sign-in."))
        }
        // (Set to a server other than this sign-in's, as `--base-url` gave it: commands without one go there.)
        if let other = environment[Settings.baseURLVariable], !other.isEmpty, ServerURL.normalized(other) != ServerURL.normalized(server) {
            Console.error(SafeText.oneLine("note: MARKETPLACE_BASE_URL is set to \(other), and comes first for commands without --base-url: unset it to use this sign-in's server."))
        }
    }

    /// Why `--no-plain-text` leaves no place for the token.
    private static func nowhereToStore(_ reason: String) -> String {
        "no system keyring can keep the token (\(reason)), and --no-plain-text forbids the config file."
    }

    /// `path`, and where it leads when it is a symbolic link: the token is written there (a
    /// dotfiles repository?), which the user must know.
    private static func named(_ path: String) -> String {
        // The folder's links by `realpath` (it exists); the file's link after link, since before
        // the first write its target may not exist, which `realpath` refuses.
        var target = path
        if let folder = realpath((path as NSString).deletingLastPathComponent, nil) {
            target = String(cString: folder) + "/" + (path as NSString).lastPathComponent
            free(folder)
        }
        for _ in 0..<8 {
            guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: target) else { break }
            target = next.hasPrefix("/") ? next : (target as NSString).deletingLastPathComponent + "/" + next
        }
        target = (target as NSString).standardizingPath
        return target == path ? path : "\(path) (a link to \(target))"
    }

    /// Refuses, before anything is asked, what the client would refuse at the first request:
    /// a base URL it cannot use, an `SSL_CERT_FILE` it cannot read, a proxy variable it cannot
    /// parse (`MarketplaceClient.init` checks them; the client is made for that alone).
    static func refuseUnusable(_ server: String) async throws {
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server, credentials: Credentials(email: "check@example.com", apiToken: "none")))
        try? await client.shutdown()
    }

    private func askEmail(configured: String?) throws -> String {
        if let email { return try SignInInput.email(email) }
        if !TerminalPrompt.inputIsTerminal {
            guard let configured else {
                throw CLIError("give the account with --email EMAIL (standard input \(withToken ? "holds the token" : "is not a terminal")).", exitCode: 64)
            }
            return try SignInInput.email(configured)
        }
        let suggestion = configured.map { " [\($0)]" } ?? ""
        guard let answer = TerminalPrompt.ask("Atlassian account email\(suggestion): ") else { throw CLIError("no email given (the input ended): nothing was stored; run login again, or give --email EMAIL.") }
        if answer.trimmingCharacters(in: .whitespaces).isEmpty, let configured { return try SignInInput.email(configured) }
        return try SignInInput.email(answer)
    }

    private func readToken() throws -> String {
        // Typed at a terminal, the token is not echoed (to the screen, its scrollback, a recording).
        if withToken, !TerminalPrompt.inputIsTerminal {
            // read(2), not FileHandle, which traps on a closed or unreadable standard input.
            // Room for the longest token, a CRLF, and one byte more: a longer one is refused, not cut.
            var bytes = [UInt8](repeating: 0, count: SignInInput.maximumTokenLength + 3)
            var count = 0
            while count < bytes.count {
                let result = bytes.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress! + count, $0.count - count) }
                if result < 0, errno == EINTR { continue }
                guard result >= 0 else { throw CLIError("could not read the API token from standard input: \(String(cString: strerror(errno))).") }
                if result == 0 { break }
                count += result
            }
            guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
                // A buffer filled up may end inside a character: the token is too long, whatever it is.
                throw CLIError(count == bytes.count ? "That is not an API token: it is longer than \(SignInInput.maximumTokenLength) bytes."
                    : "the API token on standard input is not UTF-8 text.")
            }
            return try SignInInput.token(text)
        }
        guard TerminalPrompt.inputIsTerminal else {
            throw CLIError("standard input is not a terminal: give the token on standard input with --with-token.", exitCode: 64)
        }
        if !withToken { Console.error("Create an API token at \(SignInInput.tokenPageURL) and paste it here.") }
        guard let answer = TerminalPrompt.askHidden("API token (not shown): ") else { throw CLIError("no API token given (the input ended): nothing was stored; run login again, or pipe the token in with --with-token.") }
        return try SignInInput.token(answer)
    }
}
