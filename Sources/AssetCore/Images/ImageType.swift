import AssetInspection

/// A kind of listing image: the `imageType` path parameter of an image upload.
///
/// `suggestions` lists the kinds the API reference names (icons and logos, banners and
/// hero images, screenshots and thumbnails, title logos). Any other value is accepted
/// too: the server is the judge of what it takes.
///
/// Listing sizes are the ones Atlassian documents for a listing's images ("Declare marketing
/// assets", developer.atlassian.com/platform/marketplace/declaring-marketing-assets-for-server-apps/):
/// app logo 144×144 PNG or JPG; banner 1120×548, or 560×274 at standard resolution; highlight
/// screenshots 1840×900, or 920×450; cropped highlight 580×330. Kinds without a documented
/// size have none, and are never warned about (see `ListingImageRules`), but for `icon`,
/// held to the logo's rule since both are the listing's `iconFileId`.
public struct ImageType: Sendable {
    /// The value sent as `imageType`, e.g. `logo`.
    public var name: String
    /// One short line: what the image is for.
    public var summary: String
    /// What Atlassian's listing documentation calls this kind, with its article: "an app logo".
    public var listingName: String?
    /// The sizes Atlassian documents for this kind, the full-resolution one first.
    public var listingSizes: [ListingSize]
    /// The formats Atlassian documents for this kind, when it names some.
    public var documentedFormats: [ImageFormat]

    public init(
        name: String, summary: String, listingName: String? = nil, listingSizes: [ListingSize] = [],
        documentedFormats: [ImageFormat] = []
    ) {
        self.name = name
        self.summary = summary
        self.listingName = listingName
        self.listingSizes = listingSizes
        self.documentedFormats = documentedFormats
    }

    /// Marketplace's full-resolution size for this kind, when it documents one.
    public var recommendedSize: (width: Int, height: Int)? {
        listingSizes.first.map { ($0.width, $0.height) }
    }

    /// The documented sizes in words: "1120×548, or 560×274 at standard resolution".
    public var sizesText: String? {
        guard let first = listingSizes.first else { return nil }
        let standard = listingSizes.dropFirst().map { "\($0.text) at standard resolution" }
        return ([first.text] + standard).joined(separator: ", or ")
    }

    /// The kinds offered as suggestions, in the order a listing needs them.
    public static let suggestions: [ImageType] = [
        ImageType(name: "icon", summary: "App icon, shown small in lists (Marketplace can also make it from the logo)"),
        ImageType(name: "logo", summary: "App logo, square, transparent or chiclet-style background",
                  listingName: "an app logo", listingSizes: [ListingSize(144, 144)], documentedFormats: [.png, .jpeg]),
        ImageType(name: "banner", summary: "App banner with the app's name and what it does",
                  listingName: "a banner", listingSizes: [ListingSize(1120, 548), ListingSize(560, 274, standardResolution: true)],
                  documentedFormats: [.png, .jpeg]),
        ImageType(name: "hero", summary: "Large hero image at the top of the listing"),
        ImageType(name: "screenshot", summary: "Screenshot of the app at work (a listing highlight)",
                  listingName: "a highlight screenshot",
                  listingSizes: [ListingSize(1840, 900), ListingSize(920, 450, standardResolution: true)]),
        ImageType(name: "thumbnail", summary: "Small preview of a screenshot (a cropped highlight)",
                  listingName: "a cropped highlight (thumbnail)", listingSizes: [ListingSize(580, 330)]),
        ImageType(name: "title-logo", summary: "Logo shown beside the listing's title"),
    ]

    /// The suggestion named `name` (ignoring case), if it is one.
    public static func named(_ name: String) -> ImageType? {
        let wanted = name.lowercased()
        return suggestions.first { $0.name == wanted }
    }

    /// A one-line note when an image of a known kind misses the size or format Marketplace
    /// documents for it, e.g. `banner is 800×400; a banner on Marketplace is 1120×548, or
    /// 560×274 at standard resolution`; `nil` otherwise.
    /// An `icon` is held to the logo's rule: both go into the listing's `iconFileId`.
    public static func recommendationWarning(imageType: String, info: ImageInfo) -> String? {
        guard var type = named(imageType) else { return nil }
        let name = type.name
        if name == "icon", let logo = named("logo") { type = logo }
        guard let sizes = type.sizesText, let listingName = type.listingName else { return nil }
        let sizeFits = type.listingSizes.contains { $0.matches(info) }
        let formatFits = type.documentedFormats.isEmpty || type.documentedFormats.contains(info.format)
        let formats = ListingImageRules.formatsText(type.documentedFormats)
        let rule = "\(listingName) on Marketplace is"
        switch (sizeFits, formatFits) {
        case (true, true):
            return nil
        case (false, true):
            return "\(name) is \(info.width)×\(info.height); \(rule) \(sizes)"
        case (true, false):
            return "\(name) is a \(info.format.displayName); \(rule) \(formats)"
        case (false, false):
            return "\(name) is a \(info.width)×\(info.height) \(info.format.displayName); \(rule) \(sizes), \(formats)"
        }
    }
}

/// A pixel size Atlassian documents for a kind of listing image.
public struct ListingSize: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// The half-size variant ("at standard resolution") of the kind's size.
    public var standardResolution: Bool

    public init(_ width: Int, _ height: Int, standardResolution: Bool = false) {
        self.width = width
        self.height = height
        self.standardResolution = standardResolution
    }

    /// "1120×548".
    public var text: String { "\(width)×\(height)" }

    public func matches(_ info: ImageInfo) -> Bool { info.width == width && info.height == height }
}
