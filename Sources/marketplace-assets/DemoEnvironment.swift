import AssetCore
import Foundation
import MarketplaceAPI
import MarketplaceEmulator

/// The embedded Marketplace used by `--demo` (and by the TUI when no credentials are set):
/// an emulator on an ephemeral loopback port whose uploads live in a temporary folder
/// removed when it stops, or by the next demo if it was killed first (`DemoUploadsFolder`),
/// and, under
/// `$XDG_STATE_HOME/marketplace-assets/demo`, a separate demo history and the sample files.
struct DemoEnvironment {
    /// The server label demo history entries carry, stable across runs (the port is not).
    static let serverLabel = "demo"

    let running: RunningEmulator
    /// When the emulator started: it has none of the uploads the demo history recorded before.
    let startedAt: Date
    let credentials: Credentials
    let folder: String
    /// The emulator's data for this run only, held in use until this process ends: removed by `stop()`.
    let uploadsFolder: DemoUploadsFolder

    var historyPath: String { folder + "/history.json" }
    /// The sample files (a PNG icon, a JPEG banner, a GIF, a BMP, a plugin jar), written at `start`.
    var samplesFolder: String { Self.samplesFolder(in: folder) }

    private static func samplesFolder(in folder: String) -> String { folder + "/samples" }

    /// Starts the emulator in this process. Demo credentials are made up per run:
    /// nothing outside this process can use them.
    static func start(environment: [String: String]) async throws -> DemoEnvironment {
        let startedAt = HistoryStore.now()
        let folder = try demoFolder(environment: environment)
        let credentials = Credentials(email: "demo@example.com", apiToken: "demo-" + UUID().uuidString.lowercased())
        try POSIXFile.createDirectory(folder, for: folder, what: "the demo's history and samples", advice: "Set XDG_STATE_HOME to a folder you can write.")
        // Before the emulator starts: a failure leaves no server running and no folder behind.
        try DemoSamples.materialize(into: samplesFolder(in: folder))
        DemoUploadsFolder.removeAbandoned()
        let uploads = try DemoUploadsFolder()
        var configuration = EmulatorConfiguration(dataDirectory: uploads.path)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.credentials = [credentials]
        // Fetch works offline: from the emulator's own copy of the samples, and nowhere else.
        configuration.demoSamplesFolder = samplesFolder(in: folder)
        configuration.allowPrivateFetch = true
        // The emulator shares the terminal with the TUI: a warning must not print over the screen.
        configuration.logLevel = .critical
        let running: RunningEmulator
        do {
            running = try await MarketplaceEmulator(configuration: configuration).start()
        } catch {
            try? FileManager.default.removeItem(atPath: uploads.path)
            throw error
        }
        return DemoEnvironment(running: running, startedAt: startedAt, credentials: credentials, folder: folder, uploadsFolder: uploads)
    }

    /// `$XDG_STATE_HOME/marketplace-assets/demo`: the demo's emulator data, history and samples.
    static func demoFolder(environment: [String: String]) throws -> String {
        try AssetPaths.stateDirectory(environment: environment) + "/demo"
    }

    /// The URL of the sample jar on the emulator: the one URL the demo's fetch accepts.
    var sampleJarURL: String? {
        DemoSamples.fileNames.first { $0.hasSuffix(".jar") }.map { running.baseURL + "/samples/" + $0 }
    }

    func stop() async {
        await running.stop()
        try? FileManager.default.removeItem(atPath: uploadsFolder.path)
    }
}
