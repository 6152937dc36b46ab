import Foundation
import Hummingbird
import Logging
import NIOCore
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
            // A fetched artifact is an artifact: `--max-upload-size` holds for it too.
            timeout: configuration.fetchTimeout, maxBytes: min(configuration.maxFetchBytes, configuration.maxUploadBytes), logger: logger
        )
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: BasicAuthMiddleware(
            credentials: configuration.credentials,
            publicPrefix: configuration.demoSamplesFolder == nil ? nil : DemoSamplesRoute.pathPrefix))
        EmulatorRoutes(store: store, configuration: configuration, fetcher: fetcher, logger: logger).register(on: router)
        if let folder = configuration.demoSamplesFolder { DemoSamplesRoute(folder: folder).register(on: router) }

        let host = configuration.host
        let requestedPort = configuration.port
        let listening = OneShot<Int>()
        let maxBodyBytes = MultipartFileReceiver.maxBodyBytes(forFile: max(configuration.maxUploadBytes, configuration.maxImageBytes))
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
                listening.resolve(.failure(Self.listenFailure(error, host: host, port: requestedPort)))
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
        let ownTemporaryFolder = store.temporaryDirectory
        return RunningEmulator(host: host, port: port, group: group, task: task) {
            try? FileManager.default.removeItem(atPath: ownTemporaryFolder)
        }
    }

    /// Why the emulator could not listen, in words a person can act on.
    static func listenFailure(_ error: any Error, host: String, port: Int) -> EmulatorStartError {
        switch (error as? IOError)?.errnoCode {
        case EADDRINUSE?:
            return EmulatorStartError("Port \(port) is already in use on \(host): choose another with --port (0 picks a free one).")
        case EACCES?:
            return EmulatorStartError("Port \(port) on \(host) needs root: choose a port above 1023 with --port.")
        case EADDRNOTAVAIL?:
            return EmulatorStartError("\(host) is not an address of this machine: choose another with --host (127.0.0.1 is loopback).")
        default:
            // A name that does not resolve (NIO's error names it in its own terms).
            if error is SocketAddressError.UnknownHost {
                return EmulatorStartError("\(host) is no address or name this machine can resolve: choose another with --host (127.0.0.1 is loopback).")
            }
            return EmulatorStartError("The emulator cannot listen on \(host):\(port): \(error)")
        }
    }
}
