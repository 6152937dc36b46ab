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
            let history = try LocalHistory(global, environment: environment)
            let store = history.store
            let entries = try store.load()
                .filter { kind == nil || $0.kind == kind }
                .filter { allServers || $0.serverURL == history.serverURL }
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
