import AssetInspection
import NIOHTTP1

extension APIError {
    /// One line: what happened, the server's words when it sent some, and what to do.
    public var message: String {
        switch self {
        case .insecureBaseURL(let url):
            return "Refusing to send credentials in clear text to \(Self.withoutUserinfo(url)): use an https:// base URL "
                + "(plain http is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost)."
        case .invalidBaseURL(let url, let reason):
            return "The base URL \(url.isEmpty ? "(empty)" : Self.withoutUserinfo(url)) cannot be used: \(reason). "
                + "Use e.g. \(ServerAddress.mended(url).map(Self.safe) ?? ClientConfiguration.defaultBaseURL)."
        case .invalidArgument(let text):
            return text
        case .fileUnreadable(let path, let reason):
            return "Cannot read \(Self.safe(path)): \(reason). Check the path and its permissions."
        case .fileChanged(let path, let reason):
            return "\(Self.safe(path)) changed while it was being uploaded (\(reason)); nothing wrong was sent. "
                + "Make sure nothing is writing the file, then upload it again."
        case .badRequest(let details):
            // The server's own words say what was wrong (a URL that does not resolve, say);
            // the generic advice is only for an answer without them.
            let saysWhy = !(details.serverMessage ?? "").isEmpty
            return Self.compose("Marketplace rejected the request", details, advice: saysWhy ? "" : "Check the file and the parameters (imageType, URI).")
        case .unauthorized(let details):
            // The credentials may come from the environment, the keyring or the config file:
            // `auth status` says which (the command line adds it when they are the variables,
            // which `login` does not replace).
            return Self.compose(
                "Marketplace did not accept the credentials", details,
                advice: "Check the email and API token (`marketplace-assets auth status` says where they come from; `marketplace-assets login` replaces a stored one).")
        case .forbidden(let details):
            return Self.compose(
                "Marketplace refused access", details,
                advice: "Check that the account may manage this app and that its API token is current (`marketplace-assets auth status` names both)."
            )
        case .notFound(let details):
            return Self.compose("Marketplace found nothing there", details, advice: Self.notFoundAdvice(details.request))
        case .payloadTooLarge(let details):
            // A fetch's request is a few bytes: what is too large is the file Marketplace downloaded.
            guard let request = details.request, request.hasPrefix("POST "), request.hasSuffix("/rest/3/artifacts/fetch") else {
                return Self.compose("The file is too large for Marketplace", details, advice: "Upload a smaller file.")
            }
            return Self.compose("The file at the URL is too large for Marketplace", details, advice: "Check that the URL is the app's .jar or .obr.")
        case .unsupportedMediaType(let details):
            return Self.compose(
                "Marketplace does not accept this kind of file", details,
                advice: "Images must be PNG, JPEG, GIF or BMP; artifacts a .jar or .obr plugin."
            )
        case .rateLimited(let details):
            return Self.compose("Marketplace is limiting the rate of requests", details, advice: Self.retryAdvice(details, otherwise: "Wait a minute, then try again."))
        case .serverError(let details) where details.mayHaveActed && details.request?.hasPrefix("POST ") == true:
            // Not sent again (`RetryLoop`): "try again later" would invite a second copy.
            return Self.compose("Marketplace had a server error", details,
                                advice: "\(TransportErrorClassifier.uploadMayExist): \(Self.sendingAgainMayCopy)")
        case .serverError(let details):
            return Self.compose("Marketplace had a server error", details, advice: Self.retryAdvice(details, otherwise: "Try again later."))
        case .unexpectedStatus(let details) where (300..<400).contains(details.status):
            // Redirects are not followed: the credentials would go wherever they point.
            return Self.compose(
                "The server redirected the request" + (details.location.map { " to \(Self.safe($0))" } ?? ""), details,
                advice: "Redirects are not followed, so that the credentials go nowhere else: check the base URL (use the address it names, if it is the API's).")
        case .unexpectedStatus(let details) where details.status == 408:
            // The server's own timeout: it had not the whole request, and made nothing of it.
            return Self.compose("The server stopped waiting for the request", details, advice: "Check the network, then try again.")
        case .unexpectedStatus(let details) where (400..<500).contains(details.status) && details.isJSON && !(details.serverMessage ?? "").isEmpty:
            // The server's own words (a conflict, a validation error) say what to do.
            return Self.compose("Marketplace refused the request", details, advice: "")
        case .unexpectedStatus(let details):
            return Self.compose("Marketplace answered with an unexpected status", details, advice: "Check the base URL points at the Marketplace API.")
        case .invalidResponse(let detail):
            return "Marketplace's answer is not what the API documents: \(detail). Check the base URL points at the Marketplace API."
        case .proxyFailed(let detail):
            return "\(detail)."
        case .connectionFailed(let detail), .unreachable(let detail):
            // After the whole file, "try again" would invite a second copy.
            return TransportErrorClassifier.saysUploadMayExist(detail)
                ? "\(detail). Check the network and the base URL; \(Self.sendingAgainMayCopy)"
                : "\(detail). Check the network and the base URL, then try again."
        case .timeout(let detail), .silent(let detail):
            // After the whole file, "try again" would invite a second copy, as above.
            let longer = "--timeout SECONDS sets it (or \"timeout\" in the config file)."
            return TransportErrorClassifier.saysUploadMayExist(detail)
                ? "\(detail). Sending it again may make a second one; a longer timeout waits longer for the answer: \(longer)"
                : "\(detail). Try again later, or allow a longer timeout. \(longer)"
        case .cancelled:
            return "The request was cancelled."
        case .interruptedAfterSending(let sent):
            return "Interrupted after \(sent) was sent, before the server answered (\(TransportErrorClassifier.uploadMayExist))."
        }
    }

    /// `<what> (HTTP 401 Unauthorized, after 3 attempts): <server text>. <advice>`
    private static func compose(_ what: String, _ details: ServerErrorDetails, advice: String) -> String {
        var text = "\(what) (HTTP \(details.status)"
        if let reason = reasonPhrase(details.status) { text += " \(reason)" }
        if details.attempts > 1 { text += ", after \(details.attempts) attempts" }
        text += ")"
        if let server = details.serverMessage, !server.isEmpty {
            text += ": \(server)"
            if !server.hasSuffix(".") { text += "." }
        } else {
            text += "."
        }
        return advice.isEmpty ? text : text + " " + advice
    }

    /// What to check after a 404, by what the request named: the artifact ID of a details
    /// request (`GET`), the image type of an image upload; otherwise (an artifact upload or
    /// fetch, whose path holds nothing the user chose) the base URL alone.
    private static func notFoundAdvice(_ request: String?) -> String {
        let request = request ?? ""
        if request.hasPrefix("GET ") { return "Check the artifact ID and the base URL." }
        if request.contains("/rest/3/assets/images/") { return "Check the image type and the base URL." }
        if request.hasPrefix("POST ") { return "Check the base URL." }
        return "Check the artifact ID or image type, and the base URL."
    }

    /// The advice after a failure Marketplace may have acted on, where "try again" would invite a second copy.
    private static let sendingAgainMayCopy = "sending it again may make a second one."

    private static func retryAdvice(_ details: ServerErrorDetails, otherwise: String) -> String {
        // (A Retry-After date already past asks for no wait: "Retry in 0 s" read oddly.)
        guard let seconds = details.retryAfterSeconds, seconds > 0 else { return otherwise }
        // Short, and last: a line too narrow for the message keeps it (the TUI's status line).
        return "Retry in \(RetryAfter.describe(seconds: seconds))."
    }

    /// The status's reason phrase as SwiftNIO names it (`Insufficient Storage` for 507); `nil` for a code it does not know.
    private static func reasonPhrase(_ status: Int) -> String? {
        let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
        return phrase.isEmpty ? nil : phrase
    }

    /// Outside text (a URL, a path) made safe for a one-line message.
    static func safe(_ text: String) -> String {
        SafeText.oneLine(text, maxLength: 200)
    }

    /// A base URL as `safe` shows it, without whatever stands before an `@` in it: a URL too
    /// malformed to parse (`https://u:pw@/m`, `http:/u:pw@host`) may still hold a password.
    static func withoutUserinfo(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return safe(url) }
        // From after the scheme (`https://`, `http:/`, `http:`) to the last @: a password may hold a /.
        // (Marked `…@`: a URL refused for holding them would read as the one to use.)
        let afterScheme = url.firstIndex(of: ":").map { colon in url[url.index(after: colon)...].prefix { $0 == "/" }.endIndex } ?? url.startIndex
        return safe(String(url[..<min(afterScheme, at)]) + "…@" + url[url.index(after: at)...])
    }
}
