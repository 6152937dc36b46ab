import ArgumentParser
import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI
import MarketplaceEmulator

/// `marketplace-assets emulator [--host H] [--port P] [--data-dir DIR] [--allow-private-fetch]`
struct EmulatorCommand: CancelledBySignals {
    /// A signal is what ends a server: nothing to say of it.
    static let saysDoneAllTheSame = false

    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Serve a local emulator of the Marketplace Assets API.",
        discussion: """
            It accepts the credentials in MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN. Its base URL is \
            http://HOST:PORT/marketplace; the /rest/3/... paths also work without the /marketplace prefix.
            """
    )

    /// The global options, which ArgumentParser hands every subcommand (see
    /// `MarketplaceAssetsCommand.global`): hidden here, and refused, as they do nothing for the server.
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Where uploads and the index are kept (default: $XDG_STATE_HOME/marketplace-assets/emulator).", valueName: "dir"), completion: .directory)
    var dataDirectory: String?

    @Flag(name: .customLong("allow-private-fetch"), help: "Let fetch download from loopback and private addresses.")
    var allowPrivateFetch = false

    @Option(name: .customLong("max-upload-size"), help: ArgumentHelp("The largest artifact accepted, uploaded or fetched, in bytes (413 beyond).", valueName: "bytes"))
    var maxUploadBytes: Int64?

    @Option(name: .customLong("max-image-size"), help: ArgumentHelp("The largest image accepted, in bytes (413 beyond).", valueName: "bytes"))
    var maxImageBytes: Int64?

    /// Numbers out of range are usage errors (exit 64), never wrapped or clamped.
    func validate() throws {
        if host.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--host needs an address to listen on (127.0.0.1 is loopback).") }
        if dataDirectory?.trimmingCharacters(in: .whitespaces).isEmpty == true {
            throw ValidationError("--data-dir needs a folder (the emulator's uploads go there).")
        }
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be from 1 to 65535, or 0 for any free port (got \(port)).")
        }
        for (name, value) in [("--max-upload-size", maxUploadBytes), ("--max-image-size", maxImageBytes)] {
            if let value, value < 1 { throw ValidationError("\(name) must be a positive number of bytes (got \(value)).") }
        }
        let given = [("--demo", global.demo), ("--history", global.historyPath != nil), ("--base-url", global.baseURL != nil),
                     ("--timeout", global.patience.timeout != nil)].first { $0.1 }
        if let (option, _) = given {
            throw ValidationError("\(option) is not an option of the emulator: it is the server (its data lives in --data-dir).")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            // The two variables only: never a token `login` stored (a real account's) for a test server.
            guard let email = environment[Settings.emailVariable], !email.isEmpty,
                  let token = environment[Settings.apiTokenVariable], !token.isEmpty else {
                throw CLIError("the emulator needs the credentials it accepts: set MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN")
            }
            let credentials = Credentials(email: email, apiToken: token)
            var configuration = EmulatorConfiguration(
                dataDirectory: try dataDirectory ?? AssetPaths.stateDirectory(environment: environment) + "/emulator")
            configuration.host = host
            configuration.port = port
            configuration.credentials = [credentials]
            configuration.allowPrivateFetch = allowPrivateFetch
            if let maxUploadBytes { configuration.maxUploadBytes = maxUploadBytes }
            if let maxImageBytes { configuration.maxImageBytes = maxImageBytes }
            let running = try await MarketplaceEmulator(configuration: configuration).start()
            // Plain http off loopback: the Basic auth of every request crosses the network readable.
            if !ServerAddress.isLoopback(host: host) {
                Console.error("warning: the emulator listens on \(SafeText.oneLine(host)) over plain http, so the credentials of each request cross the network in the clear: give it test credentials, not a real account's API token")
            }
            let everywhere = running.host == "0.0.0.0" || running.host == "::" ? ", also on every other address of this machine" : ""
            // An email that is no email address may be the token, put in the wrong variable: not shown.
            let account = Settings.environmentEmail(environment).map { SafeText.oneLine($0) } ?? "the MARKETPLACE_EMAIL set"
            Console.error("emulator listening on \(running.baseURL) (accepting \(account) and MARKETPLACE_API_TOKEN\(everywhere); "
                + "data in \(SafeText.sanitize(configuration.dataDirectory))); Ctrl-C stops it")
            try await withTaskCancellationHandler {
                try await running.waitUntilStopped()
            } onCancel: {
                Task { await running.stop() }
            }
        }
    }
}
