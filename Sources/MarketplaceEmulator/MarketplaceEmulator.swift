import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A local Marketplace: the four Assets endpoints of the real API plus the artifact
/// download, served by Hummingbird over HTTP, with data kept in a folder.
///
/// ```swift
/// let running = try await MarketplaceEmulator(configuration: configuration).start()
/// print(running.baseURL)      // http://127.0.0.1:PORT/marketplace
/// await running.stop()
/// ```
/// It checks what the real service checks: Basic auth on every endpoint, image magic bytes,
/// artifacts that are ZIPs with a plugin descriptor, size limits; and fetches only from
/// public http(s) addresses unless allowed otherwise.
public final class MarketplaceEmulator: Sendable {
    public let configuration: EmulatorConfiguration

    public init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
    }

    /// Binds the address and returns once the server listens. Throws `EmulatorStartError`
    /// when the data folder cannot be used or the address cannot be bound.
    public func start() async throws -> RunningEmulator {
        var logger = Logger(label: "marketplace-assets.emulator")
        logger.logLevel = configuration.logLevel
        let store = try AssetStore(directory: configuration.dataDirectory, logger: logger)
        let fetcher = ArtifactFetcher(
            allowPrivate: configuration.allowPrivateFetch, policy: configuration.fetchAddressPolicy,
            timeout: configuration.fetchTimeout, maxBytes: configuration.maxFetchBytes, logger: logger
        )
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: BasicAuthMiddleware(credentials: configuration.credentials))
        EmulatorRoutes(store: store, configuration: configuration, fetcher: fetcher, logger: logger).register(on: router)

        let host = configuration.host
        let requestedPort = configuration.port
        let listening = OneShot<Int>()
        let maxBodyBytes = max(configuration.maxUploadBytes, configuration.maxImageBytes) + MultipartFileReceiver.allowedOverhead
        let application = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [UploadConnectionHandler(maxBodyBytes: maxBodyBytes)])),
            configuration: .init(address: .hostname(host, port: requestedPort)),
            onServerRunning: { channel in
                listening.resolve(.success(channel.localAddress?.port ?? requestedPort))
            },
            logger: logger
        )
        var groupConfiguration = ServiceGroupConfiguration(services: [.init(service: application)], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = RunningEmulator.maximumShutdownDuration
        let group = ServiceGroup(configuration: groupConfiguration)
        let task = Task {
            do {
                try await group.run()
                listening.resolve(.failure(EmulatorStartError("The emulator stopped before it listened on \(host):\(requestedPort).")))
            } catch {
                listening.resolve(.failure(EmulatorStartError("The emulator cannot listen on \(host):\(requestedPort): \(error)")))
                throw error
            }
        }
        let port: Int
        do {
            port = try await withTaskCancellationHandler {
                try await listening.value()
            } onCancel: {
                task.cancel()
            }
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
        logger.notice("Marketplace emulator listening", metadata: ["host": "\(host)", "port": "\(port)"])
        return RunningEmulator(host: host, port: port, group: group, task: task)
    }
}

/// A started emulator: where it listens, and how to stop it.
public final class RunningEmulator: Sendable {
    /// The port it listens on (the chosen one when the configuration asked for 0).
    public let port: Int
    public let host: String
    /// `http://HOST:PORT/marketplace`, the base URL a `MarketplaceClient` takes.
    public let baseURL: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// How long `stop()` lets requests in flight finish before it cuts them.
    static let maximumShutdownDuration: Duration = .seconds(5)

    init(host: String, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        let hostInURL = host.contains(":") ? "[\(host)]" : host
        self.baseURL = "http://\(hostInURL):\(port)/marketplace"
        self.group = group
        self.task = task
    }

    /// Stops listening and waits until the server has shut down. Requests in flight get up to
    /// `maximumShutdownDuration` to finish, then are cut.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    /// Waits until the server stops: after `stop()` (returns normally) or a failure (throws).
    public func waitUntilStopped() async throws {
        do {
            try await task.value
        } catch is CancellationError {
            return
        }
    }
}

/// A value delivered once, awaited by one waiter.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private var waiter: CheckedContinuation<Value, any Error>?

    /// Delivers `result` unless one was delivered already.
    func resolve(_ result: Result<Value, any Error>) {
        let waiting: CheckedContinuation<Value, any Error>? = lock.withLock {
            guard self.result == nil else { return nil }
            self.result = result
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(with: result)
    }

    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Value, any Error>? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
