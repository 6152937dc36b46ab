import Foundation
import NIOHTTP1

/// An HTTP answer as received, before it is judged: status, headers and the body read up to
/// the configured cap.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// The body, or its first `maxResponseBytes` bytes when `bodyTooLarge`.
    var body: [UInt8]
    /// Whether the body was longer than the cap (the rest was not read).
    var bodyTooLarge: Bool
    /// When the head arrived, for resolving a `Retry-After` date.
    var receivedAt: Date
    /// Text to blank out of the server's error message should it echo it (the credentials, in
    /// each spelling: `SecretRedaction.spellings`).
    var secrets: [String] = []
    /// The method and path of the request this answers (`GET /rest/3/artifacts/…`), for the error's advice.
    var request: String?

    var isSuccess: Bool { (200..<300).contains(status) }

    var retryAfter: RetryAfter? {
        headers.first(name: "Retry-After").flatMap(RetryAfter.init(headerValue:))
    }

    /// The typed error for this (non-success) answer.
    func error() -> APIError {
        let isWebPage = body.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } == UInt8(ascii: "<")
        return .forStatus(
            ServerErrorDetails(
                status: status,
                // A web page (a wrong base URL, a proxy) is named by its title, not quoted as markup.
                serverMessage: isWebPage ? ServerErrorText.webPageTitle(in: body, redacting: secrets).map { "a web page titled \"\($0)\"" } ?? "a web page"
                    : ServerErrorText.extract(from: body, redacting: secrets),
                retryAfterSeconds: retryAfter?.seconds(from: receivedAt),
                isWebPage: isWebPage,
                location: (300..<400).contains(status) ? headers.first(name: "Location").map { SecretRedaction.redact($0, secrets) } : nil,
                // An object or an array, as the API's errors are: a bare `503` or `null` is no answer of its.
                isJSON: (try? JSONSerialization.jsonObject(with: Data(body))) != nil,
                request: request
            )
        )
    }
}

/// A failed attempt: the error to report, and whether trying again is safe.
struct AttemptFailure: Error {
    var error: APIError
    var retryable: Bool
    /// Whether a request that may be sent twice (a GET) is sent again: a connection closed or
    /// reset under it before any answer (a kept-alive connection the server had just closed).
    var retryableIfIdempotent = false
}
