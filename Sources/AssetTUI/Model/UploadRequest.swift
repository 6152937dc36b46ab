import Foundation

/// What an upload job sends: an image with its imageType, an artifact, or a URL to fetch.
enum UploadRequest: Sendable, Equatable {
    case image(path: String, fileName: String, imageType: String)
    case artifact(path: String, fileName: String)
    case fetch(uri: String)

    /// The name shown in the Upload pane. A fetched URL is shown without its userinfo.
    var displayName: String {
        switch self {
        case .image(_, let fileName, _), .artifact(_, let fileName): fileName
        case .fetch(let uri): URLDisplay.withoutUserinfo(uri)
        }
    }

    /// A short word for the kind: `image`, `artifact` or `fetch`.
    var kindLabel: String {
        switch self {
        case .image: "image"
        case .artifact: "artifact"
        case .fetch: "fetch"
        }
    }
}

/// Showing URLs without the secrets they may carry.
enum URLDisplay {
    /// `uri` with any `user:password@` removed from its authority.
    static func withoutUserinfo(_ uri: String) -> String {
        guard let schemeEnd = uri.range(of: "://") else { return uri }
        let authorityStart = schemeEnd.upperBound
        let rest = uri[authorityStart...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return uri }
        return String(uri[..<authorityStart]) + String(authority[authority.index(after: at)...]) + String(rest[authorityEnd...])
    }
}
