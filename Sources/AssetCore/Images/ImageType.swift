import AssetInspection

/// A kind of listing image: the `imageType` path parameter of an image upload.
///
/// `suggestions` lists the kinds the API reference names (icons and logos, banners and
/// hero images, screenshots and thumbnails, title logos). Any other value is accepted
/// too: the server is the judge of what it takes.
///
/// Recommended sizes are Atlassian's published ones ("Declare marketing assets": app
/// logo 144×144 px, app banner 1120×548 px); kinds without a published size have none,
/// and are never warned about.
public struct ImageType: Sendable {
    /// The value sent as `imageType`, e.g. `logo`.
    public var name: String
    /// One short line: what the image is for.
    public var summary: String
    /// Marketplace's recommended pixel size, when it publishes one.
    public var recommendedSize: (width: Int, height: Int)?

    public init(name: String, summary: String, recommendedSize: (width: Int, height: Int)? = nil) {
        self.name = name
        self.summary = summary
        self.recommendedSize = recommendedSize
    }

    /// The kinds offered as suggestions, in the order a listing needs them.
    public static let suggestions: [ImageType] = [
        ImageType(name: "icon", summary: "App icon, shown small in lists (Marketplace can also make it from the logo)"),
        ImageType(name: "logo", summary: "App logo, square, transparent or chiclet-style background", recommendedSize: (144, 144)),
        ImageType(name: "banner", summary: "App banner with the app's name and what it does", recommendedSize: (1120, 548)),
        ImageType(name: "hero", summary: "Large hero image at the top of the listing"),
        ImageType(name: "screenshot", summary: "Screenshot of the app at work"),
        ImageType(name: "thumbnail", summary: "Small preview of a screenshot"),
        ImageType(name: "title-logo", summary: "Logo shown beside the listing's title"),
    ]

    /// The suggestion named `name` (ignoring case), if it is one.
    public static func named(_ name: String) -> ImageType? {
        let wanted = name.lowercased()
        return suggestions.first { $0.name == wanted }
    }

    /// A one-line note when an image of a known kind is not Marketplace's recommended
    /// size, e.g. `banner is 800×400; Marketplace recommends 1120×548`; `nil` otherwise.
    public static func recommendationWarning(imageType: String, info: ImageInfo) -> String? {
        guard let type = named(imageType), let size = type.recommendedSize,
              info.width != size.width || info.height != size.height
        else { return nil }
        return "\(type.name) is \(info.width)×\(info.height); Marketplace recommends \(size.width)×\(size.height)"
    }
}
