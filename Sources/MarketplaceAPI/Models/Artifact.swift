import AssetInspection

/// An artifact as the server describes it: the answer of upload, fetch and details.
///
/// The reference's `oneOf [UploadedSoftwareArtifact, RemoteFetchedSoftwareArtifact]`
/// is one type here: a remote-fetched artifact is one whose `_links.remote` is present.
/// `details` is optional (the details endpoint may leave it out). Unknown keys are ignored, and
/// so is an optional field of another type (see `lenient(_:forKey:)`).
public struct Artifact: Codable, Sendable, Equatable {
    public var fileInfo: FileInfo
    public var details: ArtifactDetails?
    public var links: ArtifactLinks

    enum CodingKeys: String, CodingKey {
        case fileInfo
        case details
        case links = "_links"
    }

    public init(fileInfo: FileInfo, details: ArtifactDetails? = nil, links: ArtifactLinks) {
        self.fileInfo = fileInfo
        self.details = details
        self.links = links
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fileInfo = try container.decode(FileInfo.self, forKey: .fileInfo)
        details = container.lenient(ArtifactDetails.self, forKey: .details)
        links = try container.decode(ArtifactLinks.self, forKey: .links)
    }

    /// The artifact ID: the last path segment of `_links.self.href`.
    public var artifactId: String { links.selfLink.lastPathSegment }
}

/// `fileInfo`: what the server stored.
public struct FileInfo: Codable, Sendable, Equatable {
    public var logicalFileName: String
    public var size: Int64
    /// `sha512:` followed by 128 lowercase hex digits.
    public var checksum: String?

    public init(logicalFileName: String, size: Int64, checksum: String?) {
        self.logicalFileName = logicalFileName
        self.size = size
        self.checksum = checksum
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        logicalFileName = try container.decode(String.self, forKey: .logicalFileName)
        size = try container.size(forKey: .size)
        checksum = container.lenient(String.self, forKey: .checksum)
    }

    /// The hex digest of `checksum` when it is `sha512:` and 128 hex digits, lowercased; `nil`
    /// for any other (a base64 digest is no hex one: compared as hex, it would be a mismatch).
    public var sha512Hex: String? {
        guard let checksum, checksum.lowercased().hasPrefix("sha512:") else { return nil }
        let digest = checksum.dropFirst("sha512:".count)
        guard digest.utf8.count == 128, digest.utf8.allSatisfy(Self.hexDigits.contains) else { return nil }
        return digest.lowercased()
    }

    private static let hexDigits = Set("0123456789abcdefABCDEF".utf8)
}

/// `details`: what the server read from the plugin descriptor. Every field is optional: one
/// that is absent, `null` or of another type is `nil`.
public struct ArtifactDetails: Codable, Sendable, Equatable {
    public var key: String?
    public var name: String?
    public var version: String?
    public var licensingEnabled: Bool?
    public var dataCenterCompatible: Bool?
    public var addOnType: String?
    public var remotable: Bool?
    public var dataCenterStatus: String?
    public var editionsEnabled: Bool?

    public init(
        key: String? = nil, name: String? = nil, version: String? = nil,
        licensingEnabled: Bool? = nil, dataCenterCompatible: Bool? = nil, addOnType: String? = nil,
        remotable: Bool? = nil, dataCenterStatus: String? = nil, editionsEnabled: Bool? = nil
    ) {
        self.key = key
        self.name = name
        self.version = version
        self.licensingEnabled = licensingEnabled
        self.dataCenterCompatible = dataCenterCompatible
        self.addOnType = addOnType
        self.remotable = remotable
        self.dataCenterStatus = dataCenterStatus
        self.editionsEnabled = editionsEnabled
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = container.lenient(String.self, forKey: .key)
        name = container.lenient(String.self, forKey: .name)
        version = container.lenient(String.self, forKey: .version)
        licensingEnabled = container.lenient(Bool.self, forKey: .licensingEnabled)
        dataCenterCompatible = container.lenient(Bool.self, forKey: .dataCenterCompatible)
        addOnType = container.lenient(String.self, forKey: .addOnType)
        remotable = container.lenient(Bool.self, forKey: .remotable)
        dataCenterStatus = container.lenient(String.self, forKey: .dataCenterStatus)
        editionsEnabled = container.lenient(Bool.self, forKey: .editionsEnabled)
    }
}

/// `_links`: `self` always, `binary` for a stored file, `remote` for a fetched one.
public struct ArtifactLinks: Codable, Sendable, Equatable {
    public var selfLink: Link
    public var binary: Link?
    public var remote: Link?

    enum CodingKeys: String, CodingKey {
        case selfLink = "self"
        case binary
        case remote
    }

    public init(selfLink: Link, binary: Link? = nil, remote: Link? = nil) {
        self.selfLink = selfLink
        self.binary = binary
        self.remote = remote
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        selfLink = try container.decode(Link.self, forKey: .selfLink)
        binary = container.lenient(Link.self, forKey: .binary)
        remote = container.lenient(Link.self, forKey: .remote)
    }
}

/// A HAL-style link: `{"href": …}`.
public struct Link: Codable, Sendable, Equatable {
    public var href: String

    public init(href: String) { self.href = href }

    /// `href` as a full URL, what a person pastes: a path (`/rest/3/artifacts/…`) is taken
    /// relative to `baseURL` (the API base, e.g. `https://api.atlassian.com/marketplace`); a
    /// full URL stays as it is, and so does a path when `baseURL` is not a URL (the demo files
    /// its entries under `demo`, its emulator's port changing from run to run). A path that
    /// starts with the base's own (`/marketplace/rest/3/…`) is taken from the base's host.
    public func absolute(baseURL: String) -> String {
        guard href.hasPrefix("/"), let scheme = baseURL.range(of: "://") else { return href }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if let pathStart = base[scheme.upperBound...].firstIndex(of: "/"), href.hasPrefix(base[pathStart...] + "/") {
            return base[..<pathStart] + href
        }
        return base + href
    }

    /// The last non-empty path segment of `href`, without query or fragment.
    public var lastPathSegment: String {
        var path = Substring(href)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        return path.lastPathPart ?? ""
    }
}
