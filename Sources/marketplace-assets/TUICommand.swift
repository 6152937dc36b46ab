import ArgumentParser
import AssetCore
import AssetTUI
import Foundation

/// `marketplace-assets [tui] [DIR]`: the terminal UI. Opens in demo mode when no
/// credentials are configured, and says so in its header.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Browse local files, upload them and review the history in a terminal UI (the default)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The folder to start in (default: the current folder; in demo mode, the sample files).", valueName: "dir"))
    var directory: String?

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global, demoWithoutCredentials: true) { context in
                let mode: TUIOptions.Mode
                var fetchExample: String?
                var start = directory ?? FileManager.default.currentDirectoryPath
                if let demo = context.demo {
                    mode = .demo(serverURL: demo.running.baseURL)
                    fetchExample = demo.sampleJarURL
                    let samples = try demo.materializeSamples()
                    if directory == nil { start = samples }
                } else {
                    mode = .account(email: context.email, serverURL: context.serverLabel)
                }
                try await TUIApp.run(service: context.service, options: TUIOptions(
                    startDirectory: start, mode: mode, historyPath: context.history.path, fetchExample: fetchExample))
            }
        }
    }
}
