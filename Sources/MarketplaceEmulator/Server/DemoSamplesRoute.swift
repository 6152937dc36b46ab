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

    /// In demo mode a fetch must name one of these samples on the emulator's own origin (the
    /// `Host` the request came to); anything else is refused, saying why.
    static func checkDemoFetch(_ uri: FetchTarget, request: Request) throws {
        let ownHost = request.head.authority ?? ""
        let target = uri.port == (uri.scheme == "https" ? 443 : 80) ? uri.host : "\(uri.host):\(uri.port)"
        guard uri.scheme == "http", target == ownHost, uri.path.hasPrefix(pathPrefix) else {
            throw EmulatorError.badRequest(
                "demo_fetch_offline",
                "The demo fetches only its own sample, http://\(ownHost)\(pathPrefix)…: nothing leaves this machine. Sign in to fetch from your own server.")
        }
    }
}
