import AssetInspection
import Foundation
import Hummingbird
import MarketplaceAPI

/// Basic auth on every request to the service, as the real service asks for `email:api_token`.
///
/// The accepted pairs are kept only as SHA-512 digests of `email:token` (the system
/// libcrypto's, through `SHA512Digester`); a request's pair is
/// digested the same way and compared with every accepted digest without stopping early, so
/// the time taken says nothing about how much of a secret matched. A refusal is a 401 JSON
/// error with `WWW-Authenticate`; the request's credentials are never logged. The email is
/// compared in any case, as Atlassian accounts' emails are; the token exactly.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    private let acceptedDigests: [[UInt8]]
    /// A path prefix served without auth (the demo's sample files), if any.
    private let publicPrefix: String?

    init(credentials: [Credentials], publicPrefix: String? = nil) {
        acceptedDigests = credentials.map { Self.digest(Data(($0.email + ":" + $0.apiToken).utf8)) }  // (lowercased by `digest`)
        self.publicPrefix = publicPrefix
    }

    /// Whether `path` is the service's: its first segment (empty ones skipped, as the router
    /// skips them; percent-decoded, in any case) is `marketplace` or `rest`. A gateway routes
    /// before the service signs anyone in, so another path (a mistyped base URL's,
    /// `/marketplce/rest/3/…`) is a 404 whoever asks, and `login` can tell it from an answer
    /// about the credentials.
    static func isServicePath(_ path: String) -> Bool {
        guard let first = path.split(separator: "/").first else { return false }
        let segment = (first.removingPercentEncoding ?? String(first)).lowercased()
        return segment == "marketplace" || segment == "rest"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let isPublic = publicPrefix.map { request.method == .get && path.hasPrefix($0) } ?? false
        if isPublic || !Self.isServicePath(path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("This endpoint needs Basic auth: your Atlassian account email and an API token (curl --user 'email:token').")
        }
        guard let pair = Self.decodeBasic(header) else {
            throw Self.unauthorized("The Authorization header is not Basic auth with base64 'email:token'.")
        }
        guard isAccepted(pair) else {
            throw Self.unauthorized("The email and API token were not accepted.")
        }
        return try await next(request, context)
    }

    /// Whether `pair` (`email:token` bytes) is one of the accepted pairs, in time that does
    /// not depend on where a difference lies.
    func isAccepted(_ pair: Data) -> Bool {
        let digest = Self.digest(pair)
        var matched: UInt8 = 0
        for accepted in acceptedDigests {
            var difference: UInt8 = 0
            for (left, right) in zip(accepted, digest) {
                difference |= left ^ right
            }
            matched |= difference == 0 ? 1 : 0
        }
        return matched == 1
    }

    private static func digest(_ pair: Data) -> [UInt8] {
        var digester = SHA512Digester()
        // The email, before the first `:`, in ASCII lower case.
        let colon = pair.firstIndex(of: UInt8(ascii: ":")) ?? pair.endIndex
        digester.update(bytes: Data(pair[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) + pair[colon...])
        return Array(digester.finalizeHex().utf8)
    }

    /// The decoded `email:token` bytes of a `Basic` Authorization header, nil if it is not one.
    static func decodeBasic(_ header: String) -> Data? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
        guard let decoded = Data(base64Encoded: String(parts[1]).trimmingSpaces()),
              decoded.contains(UInt8(ascii: ":"))
        else { return nil }
        return decoded
    }

    static func unauthorized(_ message: String) -> EmulatorError {
        EmulatorError(
            .unauthorized, code: "unauthorized", message,
            headers: [.wwwAuthenticate: "Basic realm=\"Marketplace emulator\", charset=\"UTF-8\""]
        )
    }
}
