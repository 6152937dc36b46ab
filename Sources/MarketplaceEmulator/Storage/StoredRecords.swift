import MarketplaceAPI

/// An uploaded image as the emulator keeps it in its index.
struct StoredImage: Codable, Sendable, Equatable {
    /// `img-12345-abcdef-67890-ghijkl`; also the stored file's name.
    var id: String
    var imageType: String
    /// The client's file name, made safe (`SafeName`).
    var name: String
    var mimeType: String
    var size: Int64
    var sha512: String
    var width: Int
    var height: Int
    var createdAt: String

    /// The answer of the upload endpoint.
    var asset: ImageAsset {
        ImageAsset(id: id, mediaType: "image", mimeType: mimeType, name: name, size: size)
    }
}

/// An uploaded or fetched artifact as the emulator keeps it in its index.
struct StoredArtifact: Codable, Sendable, Equatable {
    /// A lowercase UUID; also the stored file's name.
    var id: String
    /// The client's file name (or the fetched URI's last segment), made safe.
    var fileName: String
    var size: Int64
    var sha512: String
    /// `application/java-archive` or `application/zip`, as AssetInspection saw the bytes.
    var contentType: String
    var details: ArtifactDetails?
    /// For a fetched artifact: the URI it came from, without userinfo.
    var remoteURI: String?
    var createdAt: String

    /// The answer of the upload, fetch and details endpoints, with hrefs as the real service
    /// writes them (`/rest/3/artifacts/<id>`, without the `/marketplace` prefix).
    var artifact: Artifact {
        let selfHref = "/rest/3/artifacts/\(id)"
        return Artifact(
            fileInfo: FileInfo(logicalFileName: fileName, size: size, checksum: "sha512:" + sha512),
            details: details,
            links: ArtifactLinks(
                selfLink: Link(href: selfHref),
                binary: Link(href: selfHref + "/download"),
                remote: remoteURI.map { Link(href: $0) }
            )
        )
    }
}

/// The emulator's index file: everything stored, by kind.
struct EmulatorIndex: Codable, Sendable {
    static let currentSchemaVersion = 1

    var schemaVersion: Int = currentSchemaVersion
    var images: [StoredImage] = []
    var artifacts: [StoredArtifact] = []
}
