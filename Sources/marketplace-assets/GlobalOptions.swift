import ArgumentParser
import AssetInspection
import Foundation
import AssetCore
import MarketplaceAPI

/// The options of the commands that make requests, before or after the subcommand's name.
typealias GlobalOptions = CommandOptions<TimeoutListed>
/// Those of `history` and `inspect`, which make none: `--timeout` given (before the name, by an
/// alias) is taken, and left out of their help.
typealias RequestlessOptions = CommandOptions<TimeoutUnlisted>

/// The options the subcommands take, before or after the subcommand's name (the sign-in
/// commands as `SignInOptions`; the emulator takes them only to refuse them).
///
/// The top command parses them wherever they stand, and ArgumentParser hands a subcommand the
/// option groups the top command decoded of the same type: so each group whose value a
/// subcommand reads is one type everywhere (the sign-in commands, declaring `LocalOptions`
/// too, see a `--demo` given first and refuse it). Only `--timeout`'s varies, by visibility,
/// and the commands that leave it out of their help read none.
struct CommandOptions<Timeout: TimeoutHelp>: ParsableArguments {
    @OptionGroup var server: ServerOptions
    @OptionGroup var patience: TimeoutOptions<Timeout>
    @OptionGroup var local: LocalOptions

    var baseURL: String? { server.baseURL }
    var historyPath: String? { local.historyPath }
    var demo: Bool { local.demo }

    func validate() throws {
        // The demo's emulator is its server: a base URL beside it would be passed over unseen.
        if demo, baseURL != nil { throw ValidationError("--demo uses the built-in emulator: give --demo or --base-url, not both.") }
    }

    func idleTimeout() throws -> Duration? { try patience.idleTimeout() }

    /// The command that lists this command's history, from any folder: `--demo`, `--base-url` and
    /// `--history` as given (a plain `history` lists another file, or another server's entries),
    /// a relative path made absolute, each quoted for a shell where it needs it.
    var historyCommand: String {
        let path = historyPath.map { $0.hasPrefix("/") || $0.hasPrefix("~/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
        let options = [demo ? "--demo" : nil, baseURL.map { "--base-url " + SafeText.shellWord($0) }, path.map { "--history " + SafeText.shellWord($0) }]
        return (["marketplace-assets"] + options.compactMap { $0 } + ["history"]).joined(separator: " ")
    }
}

/// The global options of `login`, `logout` and `auth status`: `--history` and `--demo` are
/// parsed (given before the subcommand's name, they reach it) but left out of their help,
/// since a sign-in has no history and the demo needs none; so is `--timeout` for `logout` and
/// `auth status`, which make no request (`TimeoutUnlisted`).
struct SignInOptions<Timeout: TimeoutHelp>: ParsableArguments {
    @OptionGroup var server: ServerOptions
    @OptionGroup var patience: TimeoutOptions<Timeout>
    @OptionGroup(visibility: .hidden) var local: LocalOptions

    var baseURL: String? { server.baseURL }
    var demo: Bool { local.demo }

    /// `--history` would be passed over unseen (the demo's refusal is each command's own).
    func validate() throws {
        if local.historyPath != nil {
            throw ValidationError("--history is not an option of login, logout or auth status: a sign-in keeps no history.")
        }
    }
}

/// Whether a command's help lists `--timeout`: those that make no request parse it (an alias may
/// give it before any subcommand's name) but do not list it.
protocol TimeoutHelp { static var visibility: ArgumentVisibility { get } }
enum TimeoutListed: TimeoutHelp { static var visibility: ArgumentVisibility { .default } }
enum TimeoutUnlisted: TimeoutHelp { static var visibility: ArgumentVisibility { .hidden } }

/// Which server.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The Marketplace API base URL (default: MARKETPLACE_BASE_URL, the config file, or https://api.atlassian.com/marketplace).",
        valueName: "url"))
    var baseURL: String?

    /// The one-line error for a `--base-url` in `arguments` no request could use, found before
    /// parsing as a bad `--timeout` is (a usage error, 64; ArgumentParser's own check answered
    /// `history --help` with the overview). From `MARKETPLACE_BASE_URL` or the config file it is
    /// refused later, saying where it came from.
    static func baseURLProblem(in arguments: [String]) -> String? {
        for (_, value) in GivenOptions.values(of: ["--base-url"], in: arguments) {
            do throws(APIError) { try ServerAddress.check(value) } catch { return error.message }
        }
        return nil
    }

}

/// How patiently: `--timeout`, listed in the help of the commands that make requests (`Timeout`).
struct TimeoutOptions<Timeout: TimeoutHelp>: ParsableArguments {
    @Option(name: .customLong("timeout"), help: ArgumentHelp(
        "How long a connection may stay silent before a request fails, in seconds (default: the config file's timeout, else 60).",
        valueName: "seconds", visibility: Timeout.visibility))
    var timeout: String?

    /// `--timeout` as a duration; `nil` when not given. A value `TimeoutOption` would have
    /// refused before parsing is a usage error here too.
    func idleTimeout() throws -> Duration? {
        guard let timeout else { return nil }
        guard let duration = IdleTimeout.duration(timeout) else { throw CLIError(TimeoutOption.message(for: timeout), exitCode: 64) }
        return duration
    }
}

/// Which history, and whether on the built-in emulator.
struct LocalOptions: ParsableArguments {
    @Option(name: .customLong("history"), help: ArgumentHelp(
        "The history file (default: MARKETPLACE_ASSETS_HISTORY or $XDG_STATE_HOME/marketplace-assets/history.json).",
        valueName: "path"), completion: .file())
    var historyPath: String?

    @Flag(name: .customLong("demo"), help: "Use the built-in Marketplace emulator and a separate demo history.")
    var demo = false

    func validate() throws {
        if historyPath?.isEmpty == true { throw ValidationError("--history needs a file path.") }
    }
}
