import Hummingbird
import AssetInspection
import Logging

/// Turns every error into a JSON answer `{"code": …, "message": …}`: the emulator's own
/// errors as they are, Hummingbird's (an unknown route's 404, a body over a decoding limit)
/// with a code named after their status, anything else as a 500 whose details go to the log
/// only.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as EmulatorError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try Self.translate(error).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            return try EmulatorError(error.status, code: Self.code(for: error.status), Self.message(for: error.status))
                .response(from: request, context: context)
        } catch {
            context.logger.error("Unexpected error while answering a request", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return try EmulatorError.internalError("The emulator failed to answer this request; see its log.")
                .response(from: request, context: context)
        }
    }

    static func translate(_ error: HTTPError) -> EmulatorError {
        let message: String
        if error.status == .notFound {
            message = "No such endpoint. The emulator serves /rest/3/assets/images/{imageType}, /rest/3/artifacts, /rest/3/artifacts/fetch, /rest/3/artifacts/{artifactId} and its /download, also under /marketplace."
        } else if let body = error.body {
            message = SafeText.oneLine(body, maxLength: 300)
        } else {
            message = Self.message(for: error.status)
        }
        return EmulatorError(error.status, code: code(for: error.status), message, headers: error.headers)
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 500...: "internal_error"
        default: "error_\(status.code)"
        }
    }

    static func message(for status: HTTPResponse.Status) -> String {
        "\(status.code) \(status.reasonPhrase)"
    }
}
