import Foundation
import Hummingbird

/// JSON responses as the real service writes them: UTF-8, slashes not escaped. Keys are
/// sorted, so the same record always gives the same bytes (Foundation on Linux would
/// otherwise order them at random; JSON objects are unordered anyway).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Encoding these plain models cannot fail; fall back to an empty object if it ever does.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
