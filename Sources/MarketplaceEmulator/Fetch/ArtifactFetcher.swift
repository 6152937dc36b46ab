import AsyncHTTPClient
import AssetInspection
import Foundation
import Logging
import MarketplaceAPI
import NIOCore
import NIOHTTP1

/// Downloads a fetch request's URI into a `TemporaryFile`, hashing it on the way, with the
/// checks a server that fetches URLs for its users needs (SSRF):
///
/// - every hop's host is resolved first (`getaddrinfo`) and refused if ANY of its addresses
///   is not allowed by the `FetchAddressPolicy` (loopback, private, link-local, …);
/// - the connection then goes to the vetted address (AsyncHTTPClient's `dnsOverride`, which
///   keeps TLS checking the name), so a second DNS answer cannot point it elsewhere;
/// - redirects are not followed by the client: up to `maxRedirects` are followed here, each
///   checked like the first; userinfo credentials are only sent to the first URI's origin;
/// - the whole fetch, body included, must finish within `timeout`; a body over `maxBytes`
///   is refused (413) as soon as its `Content-Length` or its bytes say so.
struct ArtifactFetcher: Sendable {
    static let maxRedirects = 5

    var allowPrivate: Bool
    var policy: FetchAddressPolicy
    var timeout: Duration
    var maxBytes: Int64
    var logger: Logger

    /// What a finished fetch left in the file.
    struct Fetched {
        var sha512Hex: String
        var size: Int64
    }

    func fetch(_ uri: FetchTarget, into file: TemporaryFile) async throws -> Fetched {
        let limit = timeout
        let fetched: Fetched? = try await withThrowingTaskGroup(of: Fetched?.self) { group in
            group.addTask { try await self.download(uri, into: file) }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        guard let fetched else {
            throw EmulatorError.badRequest("fetch_timeout", "Fetching \(SafeName.forMessage(uri.redacted)) took longer than \(Self.describe(limit)).")
        }
        return fetched
    }

    private func download(_ original: FetchTarget, into file: TemporaryFile) async throws -> Fetched {
        var current = original
        var redirects = 0
        while true {
            let address = try await vettedAddress(for: current)
            let client = makeClient(for: current, connectingTo: address)
            do {
                let outcome = try await request(current, original: original, client: client, file: file)
                try? await client.shutdown()
                switch outcome {
                case .done(let fetched):
                    return fetched
                case .redirect(let location):
                    redirects += 1
                    guard redirects <= Self.maxRedirects else {
                        throw EmulatorError.badRequest("fetch_failed", "\(SafeName.forMessage(original.redacted)) redirects more than \(Self.maxRedirects) times.")
                    }
                    current = try current.resolving(location: location)
                    logger.debug("Following a fetch redirect", metadata: ["to": "\(current.redacted)"])
                }
            } catch {
                try? await client.shutdown()
                throw translate(error, uri: current)
            }
        }
    }

    private enum Outcome {
        case done(Fetched)
        case redirect(String)
    }

    private func request(_ uri: FetchTarget, original: FetchTarget, client: HTTPClient, file: TemporaryFile) async throws -> Outcome {
        var request = HTTPClientRequest(url: uri.redacted)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "marketplace-assets-emulator")
        request.headers.add(name: "Accept", value: "*/*")
        if let user = original.user, uri.isSameOrigin(as: original) {
            let pair = user + ":" + (original.password ?? "")
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        let response = try await client.execute(request, timeout: .seconds(Int64(Self.seconds(timeout))))
        let status = Int(response.status.code)
        if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "Location") {
            return .redirect(location)
        }
        guard (200..<300).contains(status) else {
            throw EmulatorError.badRequest("fetch_failed", "The server of \(SafeName.forMessage(uri.redacted)) answered HTTP \(status), not the file.")
        }
        if let declared = response.headers.first(name: "Content-Length").flatMap({ Int64($0) }), declared > maxBytes {
            throw tooLarge()
        }
        for try await buffer in response.body {
            if file.byteCount + Int64(buffer.readableBytes) > maxBytes {
                throw tooLarge()
            }
            try buffer.withUnsafeReadableBytes { try file.write($0) }
        }
        let digest = try file.finish()
        return .done(Fetched(sha512Hex: digest, size: file.byteCount))
    }

    /// Resolves `uri`'s host and checks every answer; returns the address to connect to.
    private func vettedAddress(for uri: FetchTarget) async throws -> ResolvedAddress {
        let addresses: [ResolvedAddress]
        if let literal = ResolvedAddress(literal: uri.host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await HostResolver.resolve(host: uri.host, port: uri.port)
            } catch {
                throw EmulatorError.badRequest("fetch_failed", "The host of \(SafeName.forMessage(uri.redacted)) could not be resolved (\(error)).")
            }
        }
        guard let first = addresses.first else {
            throw EmulatorError.badRequest("fetch_failed", "The host of \(SafeName.forMessage(uri.redacted)) has no addresses.")
        }
        if let refused = addresses.first(where: { !policy.allows($0, allowPrivate: allowPrivate) }) {
            logger.notice("Refused a fetch to a non-public address", metadata: ["uri": "\(uri.redacted)", "address": "\(refused)"])
            throw EmulatorError.badRequest(
                "private_address",
                "The emulator does not fetch from loopback, private or other non-public addresses (\(SafeName.forMessage(uri.host)) is \(refused)); start it with --allow-private-fetch to allow that."
            )
        }
        return first
    }

    private func makeClient(for uri: FetchTarget, connectingTo address: ResolvedAddress) -> HTTPClient {
        // AsyncHTTPClient retries a refused connection until the connect timeout: keep that
        // well inside the whole fetch's timeout, so a dead host is reported as such.
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout), read: TimeAmount(readTimeout))
        )
        configuration.decompression = .disabled
        if !uri.hostIsIPLiteral {
            // Keyed as given and lowercased (one key when they are the same: a literal with it twice traps).
            configuration.dnsOverride = Dictionary([uri.host, uri.host.lowercased()].map { ($0, address.description) }) { first, _ in first }
        }
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    private var connectTimeout: Duration { min(timeout / 2, .seconds(10)) }
    private var readTimeout: Duration { min(timeout, .seconds(30)) }

    private func tooLarge() -> EmulatorError {
        EmulatorError.tooLarge("The fetched file is larger than the emulator accepts (\(ByteText.describe(maxBytes))).")
    }

    /// A one-line error for anything that went wrong on the way, in the words the client uses
    /// for its own connections; the emulator's own errors pass.
    private func translate(_ error: any Error, uri: FetchTarget) -> EmulatorError {
        if let error = error as? EmulatorError { return error }
        let reason = error is CancellationError ? "cancelled"
            : TransportErrorClassifier.describe(error, host: uri.host, connectTimeout: connectTimeout, readTimeout: readTimeout)
        let said = reason.prefix(1).lowercased() + reason.dropFirst()
        return EmulatorError.badRequest("fetch_failed", "Could not download \(SafeName.forMessage(uri.redacted)): \(SafeText.oneLine(said, maxLength: 200)).")
    }

    static func seconds(_ duration: Duration) -> Int64 {
        Swift.max(1, duration.components.seconds + (duration.components.attoseconds > 0 ? 1 : 0))
    }

    static func describe(_ duration: Duration) -> String {
        "\(seconds(duration)) s"
    }
}
