import Foundation
import MarketplaceAPI

/// Where an uploaded image or artifact goes in a listing edit, as the JSON that Marketplace's
/// listing APIs take. The tool does not call those APIs; it gives the pieces to paste.
///
/// The shapes are those of Atlassian's Marketplace REST API (v3) reference: "App listing"
/// (`/rest/3/product-listing/{productId}`, whose `images` object holds `iconFileId`,
/// `titleLogoFileId` and `bannerFileId`) and "App version listing"
/// (`/rest/3/app-software/{appSoftwareId}/versions/{buildNumber}/listing`, whose `screenshots`
/// is a list of `{"caption", "imageId"}` and whose `highlights` each carry a `screenshot` of
/// that same shape and a `thumbnail` image ID). By imageType:
///
/// | imageType | goes to | fragment |
/// |---|---|---|
/// | `icon`, `logo` | the app listing's `images` | `"iconFileId": "img-…"` |
/// | `title-logo` | the app listing's `images` | `"titleLogoFileId": "img-…"` |
/// | `banner` | the app listing's `images` | `"bannerFileId": "img-…"` |
/// | `screenshot` | a version listing's `screenshots`, or a highlight's `screenshot` | `{"imageId": "img-…", "caption": ""}` |
/// | `thumbnail` | a highlight's `thumbnail` | `"thumbnail": "img-…"` |
///
/// `logo` is the app logo Atlassian's marketing-asset rules size at 144×144, the one square
/// image a listing has: its `iconFileId`. `hero` and any other imageType have no field in
/// those APIs, and no fragment. An artifact's fragment is its ID with its self and binary
/// links made whole, what an app version takes.
public enum ListingFragment: Sendable, Equatable {
    /// A member of the app listing's `images` object: `field` is `iconFileId`,
    /// `titleLogoFileId` or `bannerFileId`.
    case listingImage(field: String, imageId: String)
    /// An element of a version listing's `screenshots` (or a highlight's `screenshot`).
    case screenshot(imageId: String)
    /// A highlight's `thumbnail`.
    case highlightThumbnail(imageId: String)
    /// An uploaded or fetched artifact: its ID and absolute links.
    case artifact(id: String, selfURL: String, binaryURL: String?)

    /// The app listing's `images` fields in the order the listing shows them.
    public static let listingImageFields = ["iconFileId", "titleLogoFileId", "bannerFileId"]

    /// The fragment for `entry`; `nil` for a failed attempt (no ID), an artifact whose
    /// SHA-512 did not match what was sent, and an image whose imageType has no place in a
    /// listing (`hero`, or one of the user's own).
    /// - Parameter baseURL: what the artifact's links are made whole against; by default the
    ///   server the entry was uploaded to.
    public init?(entry: HistoryEntry, baseURL: String? = nil) {
        guard let id = entry.id, entry.verified != false else { return nil }
        switch entry.kind {
        case .image:
            guard let imageType = entry.imageType, let fragment = Self.image(id: id, imageType: imageType) else { return nil }
            self = fragment
        case .artifact:
            guard let links = entry.artifact?.links else { return nil }
            let base = baseURL ?? entry.serverURL
            let whole: (Link) -> String = { $0.absolute(baseURL: base) }
            self = .artifact(id: id, selfURL: whole(links.selfLink), binaryURL: links.binary.map(whole))
        }
    }

    /// The fragment of an image uploaded as `imageType` (case ignored), if it has a place.
    public static func image(id: String, imageType: String) -> ListingFragment? {
        switch imageType.lowercased() {
        case "icon", "logo": .listingImage(field: "iconFileId", imageId: id)
        case "title-logo": .listingImage(field: "titleLogoFileId", imageId: id)
        case "banner": .listingImage(field: "bannerFileId", imageId: id)
        case "screenshot": .screenshot(imageId: id)
        case "thumbnail": .highlightThumbnail(imageId: id)
        default: nil
        }
    }

    /// The text to paste, on one line: `"bannerFileId": "img-…"` (a member, for inside
    /// `images`), `{"imageId": "img-…", "caption": ""}`, `"thumbnail": "img-…"`, or
    /// `{"artifactId": …, "self": …, "binary": …}`.
    public var text: String {
        switch self {
        case .listingImage(let field, let imageId): "\(Self.quoted(field)): \(Self.quoted(imageId))"
        case .screenshot: objectText
        case .highlightThumbnail(let imageId): "\"thumbnail\": \(Self.quoted(imageId))"
        case .artifact: objectText
        }
    }

    /// Where the fragment goes, for a menu or a message: `the app listing's images`.
    public var destination: String {
        switch self {
        case .listingImage: "the app listing's images"
        case .screenshot: "a version listing's screenshots"
        case .highlightThumbnail: "a highlight's thumbnail"
        case .artifact: "an app version"
        }
    }

    /// A screenshot or an artifact as a JSON object on one line, members in the order shown.
    var objectText: String {
        switch self {
        case .screenshot(let imageId):
            "{\"imageId\": \(Self.quoted(imageId)), \"caption\": \"\"}"
        case .artifact(let id, let selfURL, let binaryURL):
            "{\"artifactId\": \(Self.quoted(id)), \"self\": \(Self.quoted(selfURL))"
                + (binaryURL.map { ", \"binary\": \(Self.quoted($0))" } ?? "") + "}"
        case .listingImage, .highlightThumbnail:
            "{\(text)}"
        }
    }

    /// `text` as a JSON string literal, escaped as JSON requires.
    static func quoted(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }
}
