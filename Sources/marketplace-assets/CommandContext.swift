import AssetCore
import Foundation
import MarketplaceAPI

/// What a subcommand works with: the service over a client and a history, wired from
/// the global options, the environment and the config file.
///
/// A subcommand never falls back to the emulator silently: without credentials it fails
/// with a message naming the variables, the config file and `--demo`. Only the TUI opens
/// in demo mode by itself, and says so.
struct CommandContext: Sendable {
    let service: AssetService
    let client: MarketplaceClient
    let history: HistoryStore
    /// The server's base URL, or `demo`: what history entries are filed under.
    let serverLabel: String
    /// The account the requests are made as.
    let email: String
    let demo: DemoEnvironment?

    var isDemo: Bool { demo != nil }

    /// - Parameters:
    ///   - demoWithoutCredentials: open the demo when no credentials are configured (the TUI does).
    ///   - beforeDemo: runs before the demo is set up (its samples copied, its folder made); what
    ///     it throws (the TUI's "not a terminal") stops it first.
    static func make(_ global: GlobalOptions, demoWithoutCredentials: Bool = false, beforeDemo: () throws -> Void = {}) async throws -> CommandContext {
        let environment = ProcessInfo.processInfo.environment
        let settings: Settings
        do {
            settings = try Settings.load(
                environment: environment, baseURL: global.baseURL,
                keyring: global.demo ? nil : SystemKeyring.make(environment: environment), timeout: try global.idleTimeout())
        } catch let error as AssetError where global.demo {
            // The demo takes nothing from the settings but the config file's timeout: a file
            // refused (readable by others, say) or MARKETPLACE_EMAIL without a token is said,
            // and does not stop it.
            Console.error("warning: the demo goes on without your settings, which it does not need: \(error.message)")
            var withoutConfig = Settings(credentials: nil, baseURL: ClientConfiguration.defaultBaseURL)
            withoutConfig.idleTimeout = try global.idleTimeout()
            settings = withoutConfig
        }
        // The TUI opens the demo only when nothing chose a server: a --base-url, a
        // MARKETPLACE_BASE_URL or a config file's baseURL without credentials is an error,
        // not a demo that looks like that server.
        let useDemo = global.demo
            || (demoWithoutCredentials && settings.credentials == nil && settings.baseURLOrigin == .builtIn)

        if useDemo {
            try beforeDemo()
            let explicitHistory = try global.historyPath.map { try HistoryLocation.resolve(explicit: $0, environment: environment) }
            let demo = try await DemoEnvironment.start(environment: environment)
            do {
                let history = HistoryStore(path: explicitHistory ?? demo.historyPath)
                let client = try MarketplaceClient(configuration: clientConfiguration(
                    baseURL: demo.running.baseURL, credentials: demo.credentials, settings: settings))
                let service = AssetService(client: client, history: history, serverURL: DemoEnvironment.serverLabel,
                                           keepsUploadsSince: demo.startedAt)
                return CommandContext(service: service, client: client, history: history,
                                      serverLabel: DemoEnvironment.serverLabel, email: demo.credentials.email, demo: demo)
            } catch {
                await demo.stop()
                throw error
            }
        }

        guard let credentials = settings.credentials else {
            throw CLIError(missingCredentialsMessage(settings, forTUI: demoWithoutCredentials))
        }
        let baseURL = settings.baseURL
        // Before the client: one that is made must be shut down.
        let history = HistoryStore(path: try HistoryLocation.resolve(explicit: global.historyPath, environment: environment))
        let client = try MarketplaceClient(configuration: clientConfiguration(baseURL: baseURL, credentials: credentials, settings: settings))
        let service = AssetService(client: client, history: history, serverURL: baseURL)
        return CommandContext(service: service, client: client, history: history,
                              serverLabel: baseURL, email: credentials.email, demo: nil)
    }

    /// The client's configuration, with the settings' idle timeout (`--timeout` or the config
    /// file's `timeout`; see `ClientConfiguration.setIdleTimeout`).
    static func clientConfiguration(baseURL: String, credentials: Credentials, settings: Settings) -> ClientConfiguration {
        var configuration = ClientConfiguration(baseURL: baseURL, credentials: credentials)
        settings.idleTimeout.map { configuration.setIdleTimeout($0) }
        return configuration
    }

    /// What to say when there are no credentials: for which server, why none were found,
    /// and every way to provide them, `login` first.
    static func missingCredentialsMessage(_ settings: Settings, forTUI: Bool) -> String {
        let server = settings.baseURL
        // The token is likely behind the lock: unlocking is the one thing to do, said first.
        if settings.keyringIsLocked, let reason = settings.missingTokenReason { return reason }
        // (In the one spelling the reason and the history use; `login` below takes it as typed.)
        var message = "no Marketplace credentials for \(ServerURL.normalized(server))"
        if forTUI, settings.baseURLOrigin != .builtIn {
            message += ", the server \(settings.baseURLOrigin) asks for (so no demo)"
        }
        if let reason = settings.missingTokenReason { message += ": \(reason)" }
        let login = settings.baseURLOrigin == .commandLine ? "marketplace-assets login --base-url \(server)" : "marketplace-assets login"
        // The config file's token goes to the config file's server only (its baseURL, else the built-in one).
        let builtIn = ServerURL.normalized(ClientConfiguration.defaultBaseURL)
        let isBuiltIn = ServerURL.normalized(server) == builtIn
        let baseURLMember = isBuiltIn ? "" : ", \"baseURL\": \"\(ServerURL.normalized(server))\""
        // A file whose baseURL names another server keeps its token for that one.
        let otherServer = settings.configBaseURL.map(ServerURL.normalized).flatMap { isBuiltIn && $0 != builtIn ? $0 : nil }
        let dropBaseURL = otherServer.map { " without its \"baseURL\" (\($0))" } ?? ""
        return message + ". Run `\(login)`, set MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN, "
            + "or write {\"email\": …, \"apiToken\": …\(baseURLMember)} to "
            + "\(settings.configFile ?? "$XDG_CONFIG_HOME/marketplace-assets/config.json") (chmod 600)\(dropBaseURL); "
            + "or add --demo to use the built-in emulator"
    }

    /// Shuts the client down and stops the demo emulator, if any.
    func close() async {
        try? await client.shutdown()
        await demo?.stop()
    }

    /// Runs `body` with a context, and always closes it, also when `body` throws.
    static func with<T>(
        _ global: GlobalOptions, demoWithoutCredentials: Bool = false, beforeDemo: () throws -> Void = {},
        _ body: (CommandContext) async throws -> T
    ) async throws -> T {
        try await with(make(global, demoWithoutCredentials: demoWithoutCredentials, beforeDemo: beforeDemo), body)
    }

    /// Runs `body` with `context` (`make`), closing it after.
    static func with<T>(_ context: CommandContext, _ body: (CommandContext) async throws -> T) async throws -> T {
        // What the history store did that no outcome carried (a damaged file moved aside
        // before an upload that then failed), said before the error.
        defer { context.history.takeWarnings().forEach { Console.error("warning: " + $0) } }
        do {
            let result = try await body(context)
            await context.close()
            return result
        } catch {
            await context.close()
            throw error
        }
    }
}
