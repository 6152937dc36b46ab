import ServiceLifecycle

/// A started emulator: where it listens, and how to stop it.
public final class RunningEmulator: Sendable {
    /// The port it listens on (the chosen one when the configuration asked for 0).
    public let port: Int
    public let host: String
    /// `http://HOST:PORT/marketplace`, the base URL a `MarketplaceClient` takes; for a wildcard
    /// host (`0.0.0.0`, `::`), which no request can go to, the loopback address that reaches it,
    /// the one plain-`http` host a client sends credentials to.
    public let baseURL: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    /// Removes what only this run needed (its folder for files being received).
    private let cleanUp: @Sendable () -> Void

    /// How long `stop()` lets requests in flight finish before it cuts them.
    static let maximumShutdownDuration: Duration = .seconds(5)

    init(host: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>, cleanUp: @escaping @Sendable () -> Void) {
        self.cleanUp = cleanUp
        self.host = host
        self.port = port
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host
        let hostInURL = reachable.contains(":") ? "[\(reachable)]" : reachable
        self.baseURL = "http://\(hostInURL):\(port)/marketplace"
        self.group = group
        self.task = task
    }

    /// Stops listening and waits until the server has shut down. Requests in flight get up to
    /// `maximumShutdownDuration` to finish, then are cut.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        cleanUp()
    }

    /// Waits until the server stops: after `stop()` (returns normally) or a failure (throws).
    public func waitUntilStopped() async throws {
        defer { cleanUp() }
        do {
            try await task.value
        } catch is CancellationError {
            return
        }
    }
}
