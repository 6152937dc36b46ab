import Foundation
import Hummingbird
import Logging
import NIOCore
@testable import MarketplaceEmulator

/// A second local HTTP server standing in for "the internet" in fetch tests: serves a jar,
/// redirects, errors, and records the Authorization headers it was sent.
final class RemoteFileServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let authorizations: AuthorizationLog

    final class AuthorizationLog: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String] = []
        func append(_ value: String) { lock.withLock { values.append(value) } }
        var all: [String] { lock.withLock { values } }
    }

    /// Authorization headers received so far, in order.
    var receivedAuthorizations: [String] { authorizations.all }

    private init(port: Int, task: Task<Void, any Error>, authorizations: AuthorizationLog) {
        self.port = port
        self.task = task
        self.authorizations = authorizations
    }

    /// Serves `/app.jar` (`jar`), `/big.jar` (`bigSize` bytes), `/missing` (404),
    /// `/redirect?to=URL` (302 to URL), `/loop` (302 to itself), `/slow` (answers after 30 s)
    /// on 127.0.0.1.
    static func start(jar: [UInt8], bigSize: Int = 0) async throws -> RemoteFileServer {
        let authorizations = AuthorizationLog()
        let router = Router(context: BasicRequestContext.self)
        router.get("app.jar") { request, _ -> Response in
            if let value = request.headers[.authorization] { authorizations.append(value) }
            return Response(status: .ok, headers: [.contentType: "application/java-archive"], body: .init(byteBuffer: ByteBuffer(bytes: jar)))
        }
        router.get("big.jar") { _, _ -> Response in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x50, count: bigSize)))
        }
        router.get("missing") { _, _ -> Response in
            Response(status: .notFound)
        }
        router.get("redirect") { request, _ -> Response in
            let target = request.uri.queryParameters.get("to") ?? "/app.jar"
            return Response(status: .found, headers: [.location: target])
        }
        router.get("loop") { _, _ -> Response in
            Response(status: .found, headers: [.location: "/loop"])
        }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(30))
            return Response(status: .ok)
        }
        let listening = OneShot<Int>()
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { listening.resolve(.success($0.localAddress?.port ?? 0)) },
            logger: Logger(label: "remote-file-server", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task {
            do {
                try await application.run()
            } catch {
                listening.resolve(.failure(error))
                throw error
            }
        }
        let port = try await listening.value()
        return RemoteFileServer(port: port, task: task, authorizations: authorizations)
    }

    func url(_ path: String, host: String = "127.0.0.1") -> String {
        "http://\(host):\(port)\(path)"
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// Runs `body` with a started server, stopping it afterwards.
    static func with<T>(jar: [UInt8], bigSize: Int = 0, _ body: (RemoteFileServer) async throws -> T) async throws -> T {
        let server = try await start(jar: jar, bigSize: bigSize)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
