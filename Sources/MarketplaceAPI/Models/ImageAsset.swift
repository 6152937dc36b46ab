/// The answer to an image upload: `POST /rest/3/assets/images/{imageType}`.
///
/// Only `id` is required; the other fields are optional so that a server which
/// leaves one out (or sends it as another type) still decodes. Unknown keys are ignored.
public struct ImageAsset: Codable, Sendable, Equatable {
    /// The image ID to use in listing APIs, e.g. `img-12345-abcdef-67890-ghijkl`.
    public var id: String
    /// Always `image` for this endpoint.
    public var mediaType: String?
    /// The MIME type the server recognised, e.g. `image/png`.
    public var mimeType: String?
    /// The file name the server stored.
    public var name: String?
    /// The size in bytes the server stored.
    public var size: Int64?

    public init(id: String, mediaType: String? = "image", mimeType: String? = nil, name: String? = nil, size: Int64? = nil) {
        self.id = id
        self.mediaType = mediaType
        self.mimeType = mimeType
        self.name = name
        self.size = size
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        mediaType = container.lenient(String.self, forKey: .mediaType)
        mimeType = container.lenient(String.self, forKey: .mimeType)
        name = container.lenient(String.self, forKey: .name)
        size = container.lenientSize(forKey: .size)
    }
}
