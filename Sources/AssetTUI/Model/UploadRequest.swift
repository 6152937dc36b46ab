import MarketplaceAPI

/// What an upload job sends: an image with its imageType, an artifact, or a URL to fetch.
enum UploadRequest: Sendable, Equatable {
    case image(path: String, fileName: String, imageType: String)
    /// `uploadAgain`: the user was told this server has its key and version and uploads it
    /// all the same (a second `u`); else one recorded meanwhile stops it as it is sent.
    case artifact(path: String, fileName: String, uploadAgain: Bool = false)
    case fetch(uri: String)

    /// The name shown in the Upload pane. A fetched URL is shown without its userinfo.
    var displayName: String {
        switch self {
        case .image(_, let fileName, _), .artifact(_, let fileName, _): fileName
        case .fetch(let uri): FetchURI.redacted(uri)
        }
    }
}
