/// What a local file is, as read from its bytes before anything is uploaded.
public struct FileInspection: Sendable, Equatable {
    /// What the file holds.
    public enum Content: Sendable, Equatable {
        /// An image, with its format and size.
        case image(ImageInfo)
        /// An app artifact (a ZIP archive), with its descriptor when it has one.
        case artifact(PluginDescriptor?)
    }

    /// The path as given.
    public var path: String
    /// The last component of the path (not made safe for display).
    public var fileName: String
    /// The name the upload sends: `fileName`, but for an image named as another format or none
    /// that Marketplace takes, that name with its own format's extension (`app-icon.jpg` holding
    /// a PNG goes as `app-icon.png`, `icon.txt` as `icon.txt.png`): the reference lists image
    /// formats by their extensions, `.jpg`, `.png`, `.gif` and `.bmp`.
    public var uploadName: String
    /// The size in bytes.
    public var size: Int64
    public var content: Content
    /// The MIME type for the upload: the image's, or `application/java-archive` for a .jar
    /// (`application/zip` for other archives).
    public var contentType: String
    /// One-line, safe messages about things that do not stop an upload, such as an
    /// extension that disagrees with the content (`app-icon.jpg is really a PNG image`).
    public var warnings: [String]
    /// For an artifact without a descriptor: whether none was looked for (a bundle's jar too
    /// large to unpack, see the warnings), so that its absence is unknown rather than known.
    public var descriptorUnread = false
    /// For an artifact without a descriptor at its root: one found in a folder instead
    /// (`META-INF/atlassian-plugin.xml`), where the plugin framework does not look.
    public var misplacedDescriptor: String?
    /// The device and inode of the file read (a file given or marked twice is uploaded once).
    public var identity: FileIdentity?

    public init(path: String, fileName: String, size: Int64, content: Content, contentType: String, warnings: [String],
                identity: FileIdentity? = nil) {
        self.identity = identity
        self.path = path
        self.fileName = fileName
        self.uploadName = fileName
        self.size = size
        self.content = content
        self.contentType = contentType
        self.warnings = warnings
    }

    /// The image details, when the file is an image.
    public var imageInfo: ImageInfo? {
        if case .image(let info) = content { return info }
        return nil
    }

    /// Whether the file is an app artifact (with or without a descriptor).
    public var isArtifact: Bool {
        if case .artifact = content { return true }
        return false
    }
}
