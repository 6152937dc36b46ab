import AssetInspection
import AssetCore
import MarketplaceAPI

/// What a local file is, as the Details pane shows it before an upload.
///
/// The TUI's own summary of AssetInspection's `FileInspection`, so that the pure core and
/// its tests do not depend on how inspection is done.
struct FilePreview: Sendable, Equatable {
    enum Content: Sendable, Equatable {
        case image(ImagePreview)
        /// An artifact; the plugin descriptor when the file is a plugin jar that has one.
        case artifact(PluginPreview?)
    }

    var path: String
    var fileName: String
    var size: Int64
    var contentType: String
    var content: Content
    /// Inspection's own warnings (content that disagrees with the extension, ...).
    var warnings: [String]
    /// The file's device and inode, to recognise it marked again under another path.
    var identity: FileIdentity?
}

/// An image's format and pixel size, and how it fits Marketplace's listing sizes.
struct ImagePreview: Sendable, Equatable {
    /// The format's name, e.g. `PNG`.
    var format: String
    var width: Int
    var height: Int
    /// For each imageType whose documented size or format this image misses, the warning.
    var warningsByImageType: [String: String]
    /// Which listing rules it meets or misses, in words (`ListingImageRules`).
    var listing: [ListingImageRules.Verdict] = []
    /// Shown a quarter turned (a JPEG's Exif orientation): its thumbnail is `height` wide.
    var quarterTurned = false
}

/// A plugin descriptor (`atlassian-plugin.xml`) as read from a jar, and what Marketplace
/// will answer for it.
struct PluginPreview: Sendable, Equatable {
    /// The `details` Marketplace will derive from the descriptor (`ArtifactDetails(descriptor:)`):
    /// key, name, version, Data Center status, licensing, framework, ….
    var details: ArtifactDetails
    /// `Example Corp (https://example.com)`, or what the descriptor has of it.
    var vendor: String?

    var key: String? { details.key }
    var version: String? { details.version }
}

/// What the Details pane knows about one file's preview.
enum PreviewState: Sendable, Equatable {
    case ready(FilePreview)
    case failed(String)
}
