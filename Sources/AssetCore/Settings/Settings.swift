import Foundation
import MarketplaceAPI

/// Where to talk to Marketplace and as whom, from the command line, the environment, the
/// system keyring and the config file.
///
/// The server (base URL) is the first of: `--base-url`, `MARKETPLACE_BASE_URL`, the config
/// file's `baseURL`, `ClientConfiguration.defaultBaseURL`.
///
/// The credentials are the first of:
/// 1. `MARKETPLACE_EMAIL` and `MARKETPLACE_API_TOKEN` in the environment;
/// 2. the config file's `apiToken` (`$XDG_CONFIG_HOME/marketplace-assets/config.json`) for the
///    account (`MARKETPLACE_EMAIL`, else the config file's `email`), on the config file's own
///    server only (its `baseURL`, else the built-in one): another server named by `--base-url`
///    or `MARKETPLACE_BASE_URL` never receives it;
/// 3. the keyring's token for the account on that server, as `marketplace-assets login` stores it.
///
/// The file's token comes first, as with `gh`: `login` moves it into the keyring whenever it can
/// reach one, so the file holds one only when the last `login` could not (over ssh, say), and
/// a token the keyring kept from before is the older one.
///
/// ```json
/// {"email": "me@example.com", "apiToken": "…", "baseURL": "https://api.atlassian.com/marketplace"}
/// ```
///
/// The config file is refused, like ssh refuses a private key, when it is another user's,
/// others can change it, or others can read it and it holds a token (`ConfigFile.read`).
/// Missing credentials are not an error here: `credentials` is `nil`
/// (with `missingTokenReason` when an account was named), and the caller decides (the CLI
/// fails, the TUI offers the demo). The token is never part of a message or a description.
public struct Settings: Sendable, CustomStringConvertible {
    public static let emailVariable = "MARKETPLACE_EMAIL"
    public static let apiTokenVariable = "MARKETPLACE_API_TOKEN"
    public static let baseURLVariable = "MARKETPLACE_BASE_URL"

    /// `nil` when neither the environment, the keyring nor the config file has them.
    public var credentials: Credentials?
    /// Where the credentials came from.
    public var credentialsOrigin: CredentialsOrigin?
    /// The Marketplace API base URL to use.
    public var baseURL: String
    /// Where the base URL came from.
    public var baseURLOrigin: BaseURLOrigin
    /// The config file that was (or would have been) read.
    public var configFile: String?
    /// The config file's `baseURL`, also when another server is in use (the server its token is for).
    public var configBaseURL: String?
    /// The account named by `MARKETPLACE_EMAIL` or the config file, with or without a token.
    public var email: String?
    /// Why the email set (the variable's, else the config file's) is none: not an email
    /// address, likely the token put in the wrong place. What signs in refuses to go on
    /// (`load`); what needs no account (`history`, `login --email`) goes on without one.
    public var emailProblem: String?
    /// Why no token was found for `email`, when an account was named but has none.
    public var missingTokenReason: String?
    /// Whether the keyring that may hold the token is locked (`missingTokenReason` says how to
    /// unlock it): `login` would not help, unlocking does.
    public var keyringIsLocked = false
    /// How long a connection may stay silent: `--timeout`, else the config file's `timeout`;
    /// `nil` leaves the client's default.
    public var idleTimeout: Duration?

    /// Where the credentials came from, for messages: `the environment (…)`, the keyring, or the config file's path.
    public var credentialsSource: String? { credentialsOrigin?.description }

    public init(credentials: Credentials?, credentialsOrigin: CredentialsOrigin? = nil, baseURL: String,
                baseURLOrigin: BaseURLOrigin = .builtIn, configFile: String? = nil) {
        self.credentials = credentials
        self.credentialsOrigin = credentialsOrigin
        self.baseURL = baseURL
        self.baseURLOrigin = baseURLOrigin
        self.configFile = configFile
        self.email = credentials?.email
    }

    /// Reads the settings.
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - configFile: the config file to read; `nil` for the XDG default.
    ///   - baseURL: the base URL given on the command line (`--base-url`), if any.
    ///   - keyring: where `login` keeps tokens; `nil` consults none (the emulator, tests).
    ///   - timeout: the idle timeout given on the command line (`--timeout`), if any.
    /// - Throws: `AssetError` when the base URL is one no request could use (`checkBaseURL`),
    ///   only the token variable is set (`tokenWithoutEmail`), `MARKETPLACE_EMAIL` is set without a token anywhere for
    ///   it (but for a locked keyring, which may hold it: `missingTokenReason` says so), or the
    ///   config file is readable by others, unreadable, or not the documented JSON (a `timeout`
    ///   out of `IdleTimeout`'s range too).
    public static func load(
        environment: [String: String], configFile: String? = nil, baseURL explicitBaseURL: String? = nil,
        keyring: (any SecretStore)? = nil, timeout explicitTimeout: Duration? = nil
    ) throws(AssetError) -> Settings {
        if let problem = tokenWithoutEmail(environment) { throw AssetError(problem) }
        let resolved = try resolveServer(
            environment: environment, configFile: configFile, baseURL: explicitBaseURL, timeout: explicitTimeout)
        try checkBaseURL(of: resolved.settings)
        var settings = resolved.settings
        if let problem = settings.emailProblem { throw AssetError(problem) }
        let config = resolved.config
        guard settings.credentials == nil, let account = settings.email else { return settings }

        var inConfigFile = "none in the config file"
        if let token = config.apiToken, config.email == account, let path = settings.configFile {
            // The file's token belongs to the file's server: another one (--base-url, the
            // variable) never receives it, as a keyring token goes to its own server only.
            if config.tokenServer == ServerURL.normalized(settings.baseURL) {
                settings.credentials = Credentials(email: account, apiToken: token)
                settings.credentialsOrigin = .configFile(path)
                return settings
            }
            inConfigFile = "the config file's token is for \(config.tokenServer)"
        }
        var keyringProblem: String?, lockedKeyring: KeyringError?
        if let keyring {
            do throws(KeyringError) {
                if let token = try keyring.token(for: KeyringEntry(email: account, server: settings.baseURL)) {
                    settings.credentials = Credentials(email: account, apiToken: token)
                    settings.credentialsOrigin = .keyring(keyring.name)
                    return settings
                }
            } catch {
                if error.kind == .interrupted {
                    throw AssetError("interrupted while waiting for \(keyring.name): nothing was sent", kind: .interrupted)
                }
                keyringProblem = "\(keyring.name) could not be read: \(error.message)"
                settings.keyringIsLocked = error.kind == .locked
                if error.kind == .locked { lockedKeyring = error }
            }
        }
        let places = keyring.map { keyringProblem ?? "none in \($0.name)" } ?? "no keyring consulted"
        // The server as every other message spells it (`API.example.com:443/` is `api.example.com`).
        let server = ServerURL.normalized(settings.baseURL)
        let reason = "no API token for \(account) at \(server) (\(inConfigFile); \(places))"
        settings.missingTokenReason = reason
        if let lockedKeyring {
            // The token is likely behind the lock: that comes first, and unlocking is the one thing to do.
            settings.missingTokenReason = "the API token for \(account) at \(server) could not be read: \(lockedKeyring.message)"
            return settings
        }
        if nonEmpty(environment[emailVariable]) != nil {
            let state = environment[apiTokenVariable] == nil ? "is not" : "is empty"
            throw AssetError("\(emailVariable) is set but \(apiTokenVariable) \(state), and there is \(reason): set \(apiTokenVariable), or run `marketplace-assets login`.")
        }
        return settings
    }

    /// The server, the account named, and credentials only when the environment holds both:
    /// what `login`, `logout` and `history` need, without looking for a token.
    public static func server(
        environment: [String: String], configFile: String? = nil, baseURL explicitBaseURL: String? = nil, timeout: Duration? = nil
    ) throws(AssetError) -> Settings {
        let settings = try resolveServer(environment: environment, configFile: configFile, baseURL: explicitBaseURL, timeout: timeout).settings
        try checkBaseURL(of: settings)
        return settings
    }

    private static func resolveServer(
        environment: [String: String], configFile: String?, baseURL explicitBaseURL: String?, timeout explicitTimeout: Duration?
    ) throws(AssetError) -> (settings: Settings, config: ConfigFile) {
        var settings = Settings(credentials: nil, baseURL: ClientConfiguration.defaultBaseURL)
        let email = settings.checkedEmail(nonEmpty(environment[emailVariable]), in: emailVariable)
        let token = nonEmpty(environment[apiTokenVariable])
        // Trimmed as the variable is: a CRLF file's carriage return went into every request's path.
        if let explicitBaseURL = nonEmpty(explicitBaseURL) {
            settings.baseURL = explicitBaseURL
            settings.baseURLOrigin = .commandLine
        } else if let value = nonEmpty(environment[baseURLVariable]) {
            settings.baseURL = value
            settings.baseURLOrigin = .environment
        }
        settings.email = email
        settings.idleTimeout = explicitTimeout
        if let email, let token {
            settings.credentials = Credentials(email: email, apiToken: token)
            settings.credentialsOrigin = .environment
            // The config file is read only when it can still contribute something.
            if settings.baseURLOrigin != .builtIn, explicitTimeout != nil { return (settings, ConfigFile()) }
        }
        // No home folder: no config file; one named in bytes that are not UTF-8 is refused (it names another).
        let path = if let configFile { configFile } else { try AssetPaths.configFileIfAny(environment: environment) }
        settings.configFile = path
        guard let path, let config = try ConfigFile.read(path) else { return (settings, ConfigFile()) }
        if config.apiToken != nil, config.email == nil {
            throw AssetError("\(path) has an apiToken but no email: add \"email\".")
        }
        settings.configBaseURL = config.baseURL
        if settings.baseURLOrigin == .builtIn, let baseURL = config.baseURL {
            settings.baseURL = baseURL
            settings.baseURLOrigin = .configFile(path)
        }
        if settings.email == nil, settings.emailProblem == nil {
            settings.email = settings.checkedEmail(config.email, in: "the config file \(path)'s \"email\"")
        }
        if settings.idleTimeout == nil, let seconds = config.timeout {
            guard let timeout = IdleTimeout.duration(seconds: seconds) else {
                throw AssetError("The config file \(path) is not valid: \"timeout\" must be \(IdleTimeout.rule).")
            }
            settings.idleTimeout = timeout
        }
        return (settings, config)
    }

    /// Refuses a base URL no request could use (not https, a password in it, no host) before
    /// anything is said about its server: `auth status` would call it signed in, and advice
    /// would repeat it, its password too.
    private static func checkBaseURL(of settings: Settings) throws(AssetError) {
        do throws(APIError) {
            try ServerAddress.check(settings.baseURL)
        } catch {
            // Where it comes from, unless it was just typed (--base-url).
            throw AssetError(error.message + (settings.baseURLOrigin == .commandLine ? "" : " It comes from \(settings.baseURLOrigin)."))
        }
    }

    /// The refusal of `MARKETPLACE_API_TOKEN` set without `MARKETPLACE_EMAIL`, for what sends
    /// requests (`load`); what reads only the server's name (`server`: `history`, `login`) goes on.
    public static func tokenWithoutEmail(_ environment: [String: String]) -> String? {
        guard nonEmpty(environment[emailVariable]) == nil, nonEmpty(environment[apiTokenVariable]) != nil else { return nil }
        let state = environment[emailVariable] == nil ? "is not" : "is empty"
        return "\(apiTokenVariable) is set but \(emailVariable) \(state): set both, or neither to use `marketplace-assets login` or the config file."
    }

    /// Whether `environment` names the credentials itself (both variables set): then they are
    /// used, whatever `login` stored.
    public static func credentialsAreInEnvironment(_ environment: [String: String]) -> Bool {
        nonEmpty(environment[emailVariable]) != nil && nonEmpty(environment[apiTokenVariable]) != nil
    }

    /// The settings without the token.
    public var description: String {
        "Settings(baseURL: \(baseURL), credentials: \(credentials.map { "\($0)" } ?? "none"), from: \(credentialsSource ?? "-"))"
    }

    /// `email`, trimmed, if it can be an account's email (`SignInInput.email`); else `nil`, and
    /// `emailProblem` says why without repeating it: without an `@` it is likely the token, put
    /// in the wrong place, which would be shown as the account and given to `secret-tool`.
    private mutating func checkedEmail(_ email: String?, in place: String) -> String? {
        guard let email else { return nil }
        if let checked = try? SignInInput.email(email) { return checked }
        emailProblem = "\(place) is not an email address (not repeated, in case it is the token): set your Atlassian account's email there."
        return nil
    }

    /// `MARKETPLACE_EMAIL`, trimmed, when it is set and can be an email address (what a report
    /// may show of it: one that is not may be the token).
    public static func environmentEmail(_ environment: [String: String]) -> String? {
        nonEmpty(environment[emailVariable]).flatMap { try? SignInInput.email($0) }
    }

    /// `value` without the white space around it (a token or URL read with `$(cat file)` or
    /// from a secret store keeps its newline: sent as it is, the token was refused with 401);
    /// `nil` when nothing is left.
    public static func nonEmpty(_ value: String?) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed?.isEmpty == false ? trimmed : nil
    }
}
