import ArgumentParser
import AssetCore
import AssetInspection
import AssetTUI
import Foundation
import MarketplaceAPI

/// `marketplace-assets [tui] [DIR]`: the terminal UI. Opens in demo mode when no
/// credentials are configured and no server was asked for, and says so in its header, with
/// `L` to sign in (the session then switches to the account without a restart).
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Browse local files, upload them and review the history in a terminal UI (the default)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The folder to start in (default: the current folder; in demo mode, the sample files).", valueName: "dir"), completion: .directory)
    var directory: String?

    @Option(name: .customLong("max-uploads"), help: ArgumentHelp(
        "How many uploads run at once, 1 to 8 (default: 2); the rest wait in the queue.", valueName: "n"))
    var maxUploads: String?

    func run() async throws {
        try await reportingErrors {
            if let problem = TUIApp.thumbnailsVariableProblem(ProcessInfo.processInfo.environment) {
                throw CLIError(problem + ".", exitCode: 64)
            }
            var uploads = TUIOptions.defaultMaxUploads
            if let maxUploads {
                switch TUIOptions.parseMaxUploads(maxUploads) {
                case .success(let value): uploads = value
                case .failure(let error): throw CLIError(error.message, exitCode: 64)
                }
            }
            if let directory {
                guard !directory.isEmpty else { throw CLIError("The folder argument is empty (an unset variable?): give the folder to start in.", exitCode: 64) }
                var info = stat()
                guard stat(directory, &info) == 0 else {
                    // Swift reads bytes that are not UTF-8 as U+FFFD, which names no folder (a folder
                    // named with a U+FFFD of its own is there, and opens).
                    if errno == ENOENT, directory.unicodeScalars.contains("\u{FFFD}") {
                        throw CLIError("\(SafeText.oneLine(directory)) does not exist, or has a name that is not UTF-8 (shown as \u{FFFD}): give a link to it whose name is.", exitCode: 64)
                    }
                    // Not "does not exist" for a link loop or a folder that may not be entered.
                    let reason = errno == ENOENT ? "does not exist" : "cannot be opened (\(String(cString: strerror(errno))))"
                    throw CLIError("\(SafeText.oneLine(directory)) \(reason): give the folder to start in.", exitCode: 64)
                }
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw CLIError("\(SafeText.oneLine(directory)) is a file: give the folder to start in (its folder, say).", exitCode: 64)
                }
                // A relative one (`.`) is opened by the working folder's name.
                if !directory.hasPrefix("/"), let working = AssetPaths.workingFolder(), Self.namesNoFolder(working) {
                    throw Self.workingFolderNotUTF8(working)
                }
            }
            // Not before the credentials' error (a server asked for without them is said first),
            // but before the demo is set up (its samples copied, its folder made) for nothing.
            // Its settings may wait for the system keyring (locked, asking for its password) before
            // the screen is up: a signal there ends it as it ends a command, the keyring's helper
            // killed, not left behind to keep the unlock prompt open.
            let global = global
            let context = try await SignalCancellation.run {
                try await reportingErrors {
                    try await CommandContext.make(global, demoWithoutCredentials: true, beforeDemo: {
                        try TUIApp.checkTerminal(environment: ProcessInfo.processInfo.environment)
                    })
                }
            }
            try await CommandContext.with(context) { context in
                let mode: TUIOptions.Mode
                var fetchExample: String?
                var start = directory ?? AssetPaths.workingFolder() ?? "."
                if let demo = context.demo {
                    mode = .demo(serverURL: demo.running.baseURL)
                    fetchExample = demo.sampleJarURL
                    if directory == nil { start = demo.samplesFolder }
                } else {
                    mode = .account(email: context.email, serverURL: context.serverLabel)
                    if directory == nil, Self.namesNoFolder(start) { throw Self.workingFolderNotUTF8(start) }
                }
                try await TUIApp.run(
                    service: context.service,
                    options: TUIOptions(startDirectory: start, mode: mode, historyPath: context.history.path,
                                        fetchExample: fetchExample, maxUploads: uploads,
                                        uploadsKeptSince: context.service.keepsUploadsSince),
                    signIn: try signInConfiguration(context))
            }
        }
    }

    /// What `L` signs in with: the config file and keyring `login` uses, the server and
    /// account configured, and the real history (in the demo, never the demo's: `--history`
    /// named the demo's then).
    private func signInConfiguration(_ context: CommandContext) throws -> SignInConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let settings: Settings
        do {
            settings = try Settings.server(environment: environment, baseURL: global.baseURL, timeout: try global.idleTimeout())
        } catch where context.isDemo {
            // The demo goes on without settings it could not use (a base URL no request could
            // use, say; CommandContext said so): signing in starts from the built-in server.
            settings = Settings(credentials: nil, baseURL: ClientConfiguration.defaultBaseURL)
        }
        let historyPath = context.isDemo
            ? try HistoryLocation.resolve(explicit: nil, environment: environment) : context.history.path
        return SignInConfiguration(
            store: try CredentialStore.standard(environment: environment), historyPath: historyPath,
            server: context.isDemo ? settings.baseURL : context.serverLabel, email: context.isDemo ? settings.email : context.email,
            idleTimeout: settings.idleTimeout, variablesFirst: Self.variablesFirst(environment))
    }

    /// Whether `folder`, a name read from the system, is one Swift read with bytes that are not
    /// UTF-8 (as U+FFFD), and so names no folder (one named with a U+FFFD of its own is there).
    private static func namesNoFolder(_ folder: String) -> Bool {
        folder.unicodeScalars.contains("\u{FFFD}") && access(folder, F_OK) != 0
    }

    private static func workingFolderNotUTF8(_ folder: String) -> CLIError {
        CLIError("The working folder \(SafeText.oneLine(folder)) has a name that is not UTF-8 (shown as \u{FFFD}): "
            + "give the folder to start in (tui DIR) through a link whose name is.", exitCode: 64)
    }

    /// The variables set that commands take before what `L` stores.
    private static func variablesFirst(_ environment: [String: String]) -> [String] {
        (Settings.credentialsAreInEnvironment(environment) ? [Settings.emailVariable, Settings.apiTokenVariable] : [])
            + ((environment[Settings.baseURLVariable] ?? "").isEmpty ? [] : [Settings.baseURLVariable])
    }
}
