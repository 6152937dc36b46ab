import Logging
import MarketplaceAPI

/// How a `MarketplaceEmulator` listens, where it keeps its data, whom it lets in and
/// what it accepts.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind. Keep the default loopback address unless others must reach it.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (read it back from `RunningEmulator.port`).
    public var port: Int = 8080
    /// Folder holding the stored files and the index; created when missing.
    public var dataDirectory: String
    /// The Basic-auth pairs accepted. Empty means nobody gets in.
    public var credentials: [Credentials] = []
    /// Largest artifact upload in bytes (413 beyond). Default 2 GiB.
    public var maxUploadBytes: Int64 = 2 * 1024 * 1024 * 1024
    /// Largest image upload in bytes (413 beyond). Default 10 MiB: ample for a listing
    /// image; the real service's exact limit is not documented.
    public var maxImageBytes: Int64 = 10 * 1024 * 1024
    /// Whether fetch may reach loopback, private, link-local and other non-public addresses.
    /// Off by default (SSRF protection); tests and local demos turn it on.
    public var allowPrivateFetch: Bool = false
    /// Longest a fetch may take in all, redirects and body included.
    public var fetchTimeout: Duration = .seconds(120)
    /// Largest artifact fetch in bytes (413 beyond). Default 2 GiB.
    public var maxFetchBytes: Int64 = 2 * 1024 * 1024 * 1024
    /// Demo mode: the files of this folder are served without auth at
    /// `/marketplace/samples/NAME`, and fetch downloads from there only (the emulator's own
    /// origin), refusing every other URL, so that nothing leaves the machine.
    public var demoSamplesFolder: String?
    /// Log level of the emulator's logger. Quiet by default: warnings and errors only.
    /// Credentials are never logged at any level.
    public var logLevel: Logger.Level = .warning

    /// Decides which resolved addresses a fetch may connect to. Tests swap it to treat a
    /// loopback address as public; everyone else keeps the default.
    var fetchAddressPolicy: FetchAddressPolicy = .standard

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: String,
        credentials: [Credentials],
        maxUploadBytes: Int64 = 2 * 1024 * 1024 * 1024,
        maxImageBytes: Int64 = 10 * 1024 * 1024,
        allowPrivateFetch: Bool = false,
        fetchTimeout: Duration = .seconds(120),
        maxFetchBytes: Int64 = 2 * 1024 * 1024 * 1024
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.credentials = credentials
        self.maxUploadBytes = maxUploadBytes
        self.maxImageBytes = maxImageBytes
        self.allowPrivateFetch = allowPrivateFetch
        self.fetchTimeout = fetchTimeout
        self.maxFetchBytes = maxFetchBytes
    }
}
