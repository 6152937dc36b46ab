import Foundation
import Hummingbird
import MarketplaceAPI

/// An error answer of the emulator: a status and a JSON body `{"code": …, "message": …}`
/// (MarketplaceAPI's `ErrorBody`).
struct EmulatorError: Error, HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `not_an_image`.
    var code: String
    /// One human line saying what is wrong and what to do.
    var message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    var description: String { "\(status.code) \(code): \(message)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(ErrorBody(code: code, message: message), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static func badRequest(_ code: String, _ message: String) -> EmulatorError {
        EmulatorError(.badRequest, code: code, message)
    }

    static func tooLarge(_ message: String) -> EmulatorError {
        EmulatorError(.contentTooLarge, code: "payload_too_large", message)
    }

    static func notFound(_ message: String) -> EmulatorError {
        EmulatorError(.notFound, code: "not_found", message)
    }

    /// 507: the data folder could not take the file or the index (disk full, read-only).
    static func storageFailed(_ message: String) -> EmulatorError {
        EmulatorError(.init(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_failed", message)
    }

    static func internalError(_ message: String) -> EmulatorError {
        EmulatorError(.internalServerError, code: "internal_error", message)
    }
}
