import Foundation

/// Turns a success body into a model, or into ``APIError/invalidResponse(_:)`` with a message
/// that names what is wrong (not JSON, which key is missing or of the wrong type).
enum ResponseDecoding {
    static func artifact(_ body: [UInt8]) throws(APIError) -> Artifact {
        let artifact: Artifact
        do throws(APIError) {
            artifact = try decode(Artifact.self, from: body, what: "an artifact")
        } catch {
            // An answer missing a value this client needs may still name the artifact Marketplace
            // made: its ID is said, so that the person can find it (and a listing can take it).
            guard case .invalidResponse(let detail) = error,
                  let links = try? JSONDecoder().decode(LinksOnly.self, from: Data(body))._links, !links.selfLink.lastPathSegment.isEmpty
            else { throw error }
            throw .invalidResponse("\(detail) (its self link names artifact \(APIError.safe(links.selfLink.lastPathSegment)))")
        }
        guard !artifact.links.selfLink.href.isEmpty, !artifact.artifactId.isEmpty else {
            throw .invalidResponse("the artifact's _links.self.href holds no artifact ID")
        }
        return artifact
    }

    /// An artifact answer's links alone.
    private struct LinksOnly: Decodable {
        var _links: ArtifactLinks
    }

    static func image(_ body: [UInt8]) throws(APIError) -> ImageAsset {
        let image = try decode(ImageAsset.self, from: body, what: "an image")
        guard !image.id.isEmpty else { throw .invalidResponse("the image's id is empty") }
        return image
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], what: String) throws(APIError) -> Value {
        guard !body.isEmpty else { throw .invalidResponse("the body is empty where \(what) was expected") }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch let error as DecodingError {
            throw .invalidResponse("expected \(what), but \(describe(error))")
        } catch {
            throw .invalidResponse("expected \(what), but it could not be read")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let full = path(context.codingPath + [key])
            return "the key \(APIError.safe(full)) is missing"
        case .valueNotFound(_, let context):
            return "\(APIError.safe(path(context.codingPath))) is null"
        case .typeMismatch(_, let context):
            let where_ = path(context.codingPath)
            return where_.isEmpty ? "the body is not a JSON object" : "\(APIError.safe(where_)) has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not JSON" : "\(APIError.safe(path(context.codingPath))) is malformed"
        @unknown default:
            return "it does not match the documented shape"
        }
    }
}
