import ArgumentParser
import AssetCore
import Foundation

/// `marketplace-assets history [--kind image|artifact] [--all-servers] [--json]`
///
/// Reads the history file only: no credentials and no network needed.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the images and artifacts uploaded before, newest first."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only entries of this kind.")
    var kind: HistoryEntry.Kind?

    @Flag(name: .customLong("all-servers"), help: "Also list entries of other servers (by default only the current server's).")
    var allServers = false

    @Flag(help: "Print the entries as JSON on stdout.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let path: String
            let server: String
            if global.demo {
                path = try global.historyPath.map { try HistoryLocation.resolve(explicit: $0, environment: environment) }
                    ?? DemoEnvironment.demoFolder(environment: environment) + "/history.json"
                server = DemoEnvironment.serverLabel
            } else {
                path = try HistoryLocation.resolve(explicit: global.historyPath, environment: environment)
                server = try Settings.server(environment: environment, baseURL: global.baseURL).baseURL
            }
            let store = HistoryStore(path: path)
            let entries = try store.load()
                .filter { kind == nil || $0.kind == kind }
                .filter { allServers || $0.serverURL == server }
                .sorted { $0.createdAt > $1.createdAt }
            for warning in store.warnings { Console.error("warning: " + warning) }
            if json {
                try JSONOutput.print(entries)
            } else {
                HumanOutput.historyTable(entries).forEach(Console.out)
            }
        }
    }
}

extension HistoryEntry.Kind: ExpressibleByArgument {}
