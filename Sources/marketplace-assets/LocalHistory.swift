import AssetCore

/// The history file and the server label a command reads history entries for, without
/// credentials or network: `history`, and `inspect`'s check for an earlier upload.
struct LocalHistory {
    let store: HistoryStore
    /// The base URL entries are filed under (normalized), or `demo` with `--demo`.
    let serverURL: String

    init(_ global: CommandOptions<some TimeoutHelp>, environment: [String: String]) throws {
        if global.demo {
            store = HistoryStore(path: try global.historyPath.map { try HistoryLocation.resolve(explicit: $0, environment: environment) }
                ?? DemoEnvironment.demoFolder(environment: environment) + "/history.json")
            serverURL = DemoEnvironment.serverLabel
        } else {
            store = HistoryStore(path: try HistoryLocation.resolve(explicit: global.historyPath, environment: environment))
            serverURL = ServerURL.normalized(try Settings.server(environment: environment, baseURL: global.baseURL).baseURL)
        }
    }
}
