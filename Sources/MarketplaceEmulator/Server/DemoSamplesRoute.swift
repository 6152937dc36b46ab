import Foundation
import Hummingbird
import NIOCore

/// The demo's sample files over HTTP, so that fetch can be tried without a network: served
/// without auth at `/marketplace/samples/NAME`, the only place the demo's fetch may download
/// from.
struct DemoSamplesRoute: Sendable {
    static let pathPrefix = "/marketplace/samples/"

    let folder: String

    func register(on router: Router<BasicRequestContext>) {
        router.get("marketplace/samples/:name") { _, context in try serve(context.parameters.get("name") ?? "") }
    }

    private func serve(_ name: String) throws -> Response {
        guard SafeName.fileName(name, fallback: "") == name, !name.hasPrefix("."),
              let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name))
        else { throw EmulatorError.notFound("No sample named \(SafeName.forMessage(name)).") }
        return Response(
            status: .ok, headers: [.contentType: "application/octet-stream"],
            body: ResponseBody(byteBuffer: ByteBuffer(data: data)))
    }

    /// In demo mode a fetch must name one of these samples on loopback, and is refused
    /// otherwise, saying why. The port may be any: the demo's emulator takes a new one each
    /// run, which a command cannot know beforehand, so `http://127.0.0.1/marketplace/samples/NAME`
    /// names the sample too. Returns the URI to fetch: the sample on this emulator (the port
    /// of the `Host` the request came to; the host is always loopback, so nothing leaves the
    /// machine whatever that header says).
    static func demoFetchTarget(_ uri: FetchTarget, request: Request) throws -> FetchTarget {
        let ownPort = (request.head.authority ?? "").split(separator: ":").last.flatMap { Int($0) }
        guard uri.scheme == "http", uri.host == "127.0.0.1" || uri.host.lowercased() == "localhost",
              uri.path.hasPrefix(pathPrefix), let ownPort else {
            throw EmulatorError.badRequest(
                "demo_fetch_offline",
                "The demo fetches only its own samples, http://127.0.0.1\(pathPrefix)NAME (on any port): nothing leaves this machine. "
                    + "Sign in to fetch from your own server.")
        }
        return try FetchTarget.parse("http://127.0.0.1:\(ownPort)\(uri.path)")
    }
}
