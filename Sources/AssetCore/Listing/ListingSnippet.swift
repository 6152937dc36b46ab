import Foundation

/// The listing fragments of several history entries, gathered into one JSON document a user
/// pastes from or pipes to jq (`history --snippet`):
///
/// ```json
/// {
///   "images": {"iconFileId": "img-…", "titleLogoFileId": "img-…", "bannerFileId": "img-…"},
///   "screenshots": [{"imageId": "img-…", "caption": ""}, {"imageId": "img-…", "caption": ""}],
///   "thumbnails": ["img-…"],
///   "artifacts": [{"artifactId": "…", "self": "https://…", "binary": "https://…"}]
/// }
/// ```
///
/// `images` is the app listing's `images` object and `screenshots` a version listing's
/// `screenshots` list, as they are (see `ListingFragment`); each screenshot is also what a
/// highlight's `screenshot` takes, and `thumbnails` are the image IDs a highlight's
/// `thumbnail` takes. A member is present only when some entry fills it.
public struct ListingSnippet: Sendable, Equatable {
    /// `images` members by field; when several entries fill one, the last given wins.
    public var listingImages: [String: String] { listingImageEntries.compactMapValues(\.id) }
    /// Screenshots in the order given.
    public private(set) var screenshots: [String] = []
    /// Highlight thumbnails in the order given.
    public private(set) var thumbnails: [String] = []
    /// Artifact fragments in the order given.
    public private(set) var artifacts: [ListingFragment] = []
    /// Image entries with an ID but no place in a listing (`hero`, the user's own imageTypes).
    public private(set) var unplaced: [HistoryEntry] = []
    /// Image entries an `images` member took, then a later entry for the same member: by member.
    public private(set) var replaced: [String: [HistoryEntry]] = [:]
    /// Entries without a fragment for want of one: failed attempts and checksum mismatches.
    public private(set) var failed: [HistoryEntry] = []
    /// Entries given a fragment whose last refresh failed (`artifact ID` got a 404, say): the
    /// artifact may be gone from Marketplace, or the server was only out of reach; said, not left out.
    public private(set) var refreshFailed: [HistoryEntry] = []
    /// The apps of the artifacts (the plugin keys the server's details name) and the versions
    /// of each, in the order given: an app version takes one artifact of one app.
    public private(set) var plugins: [PluginVersions] = []
    /// The plugin keys of `plugins`.
    public var pluginKeys: [String] { plugins.map(\.key) }

    /// One app's plugin key and the versions of its artifacts.
    public struct PluginVersions: Sendable, Equatable {
        public var key: String
        public var versions: [String]
    }
    /// What the document holds more than once, in the order given: a screenshot or a thumbnail
    /// of one local file uploaded again (its path and size), an artifact of one key and version
    /// (a release run twice); each as `01-dashboard.png (3 screenshots)`, with its server where
    /// the entries are of more than one (`… on https://staging.example.com`). A listing wants each once.
    public var repeated: [String] {
        let serverNamed = Set(repeatedCounts.map(\.server)).count > 1
        return repeatedCounts.filter { $0.count > 1 }.map { "\($0.what)\(serverNamed ? " on \($0.server)" : "") (\($0.count) \($0.of))" }
    }
    private var repeatedCounts: [Repeat] = []
    /// Where each key of `repeatedCounts` is, so that counting stays linear in the entries.
    private var repeatedIndex: [String: Int] = [:]

    private struct Repeat: Sendable, Equatable {
        var key: String, what: String, of: String, server: String, count: Int
    }
    /// The entry each `images` member holds now (its ID is the member's value).
    private var listingImageEntries: [String: HistoryEntry] = [:]
    /// The servers (normalised base URLs) of each ID given a fragment: one ID may be of two.
    private var serversOfID: [String: Set<String>] = [:]

    /// - Parameter entries: in the order they should appear, oldest first for the history
    ///   (so screenshots uploaded in one call keep the order they were given, and of two icons
    ///   the newer wins). Failed entries are left out.
    public init(entries: [HistoryEntry], baseURL: String? = nil) {
        for entry in entries {
            guard let fragment = ListingFragment(entry: entry, baseURL: baseURL) else {
                if entry.id == nil || entry.verified == false {
                    failed.append(entry)
                } else if entry.kind == .image {
                    unplaced.append(entry)
                }
                continue
            }
            // One ID, one fragment: an upload and a lookup of it (two histories merged) are one artifact.
            let server = ServerURL.normalized(entry.serverURL)
            let newID = entry.id.map { serversOfID[$0, default: []].insert(server).inserted } ?? true
            if entry.refreshFailed, newID || !refreshFailed.contains(where: { $0.id == entry.id }) { refreshFailed.append(entry) }
            guard newID else { continue }
            if let details = entry.artifact?.details, let key = details.key {
                if !plugins.contains(where: { $0.key == key }) { plugins.append(PluginVersions(key: key, versions: [])) }
                if let version = details.version, let index = plugins.firstIndex(where: { $0.key == key }), !plugins[index].versions.contains(version) {
                    plugins[index].versions.append(version)
                }
            }
            count(entry, as: fragment)
            switch fragment {
            case .listingImage(let field, _):
                if let earlier = listingImageEntries[field] { replaced[field, default: []].append(earlier) }
                listingImageEntries[field] = entry
            case .screenshot(let imageId): screenshots.append(imageId)
            case .highlightThumbnail(let imageId): thumbnails.append(imageId)
            case .artifact: artifacts.append(fragment)
            }
        }
    }

    /// Counts `entry` toward `repeated`: by its local file for a screenshot or a thumbnail, by
    /// its key and version for an artifact (an `images` member holds one anyway).
    private mutating func count(_ entry: HistoryEntry, as fragment: ListingFragment) {
        // One file however its path was spelt (`b/../a/shot.png`, a link to it), on one server
        // (staging's and production's are two).
        let path = entry.localPath.map { ($0 as NSString).resolvingSymlinksInPath } ?? entry.name
        let server = ServerURL.normalized(entry.serverURL)
        let file = path + " " + String(entry.size ?? -1) + " " + server
        let (key, what, of): (String, String, String)
        switch fragment {
        case .screenshot: (key, what, of) = ("s " + file, entry.name, "screenshots")
        case .highlightThumbnail: (key, what, of) = ("t " + file, entry.name, "thumbnails")
        case .artifact:
            guard let details = entry.artifact?.details, let plugin = details.key, let version = details.version else { return }
            (key, what, of) = ("a " + plugin + " " + version + " " + server, plugin + " " + version, "artifacts")
        case .listingImage: return
        }
        if let index = repeatedIndex[key] {
            repeatedCounts[index].count += 1
        } else {
            repeatedIndex[key] = repeatedCounts.count
            repeatedCounts.append(Repeat(key: key, what: what, of: of, server: server, count: 1))
        }
    }

    /// The servers of the IDs the document holds (an icon replaced by a newer one no longer
    /// counts): an ID is known only to its own server, so more than one is worth a warning.
    public var servers: Set<String> {
        let ids = Array(listingImages.values) + screenshots + thumbnails + artifacts.compactMap { fragment in
            if case .artifact(let id, _, _) = fragment { id } else { nil }
        }
        return ids.reduce(into: Set<String>()) { $0.formUnion(serversOfID[$1] ?? []) }
    }

    /// For each `images` member more than one entry filled: the entry it holds (the last
    /// given) and those it left out, in the order given; by member, in the listing's order.
    public var competingImages: [(field: String, kept: HistoryEntry, leftOut: [HistoryEntry])] {
        ListingFragment.listingImageFields.compactMap { field in
            guard let leftOut = replaced[field], let kept = listingImageEntries[field] else { return nil }
            return (field, kept, leftOut)
        }
    }

    public var isEmpty: Bool { listingImages.isEmpty && screenshots.isEmpty && thumbnails.isEmpty && artifacts.isEmpty }

    /// The document, indented by two spaces, one fragment per line; `{}` when empty.
    public var json: String {
        var members: [String] = []
        let images = ListingFragment.listingImageFields.compactMap { field in
            listingImages[field].map { ListingFragment.listingImage(field: field, imageId: $0).text }
        }
        if !images.isEmpty {
            members.append("\"images\": {\n" + images.map { "    " + $0 }.joined(separator: ",\n") + "\n  }")
        }
        if !screenshots.isEmpty {
            members.append(Self.list("screenshots", screenshots.map { ListingFragment.screenshot(imageId: $0).text }))
        }
        if !thumbnails.isEmpty {
            members.append(Self.list("thumbnails", thumbnails.map(ListingFragment.quoted)))
        }
        if !artifacts.isEmpty {
            members.append(Self.list("artifacts", artifacts.map(\.text)))
        }
        guard !members.isEmpty else { return "{}" }
        return "{\n" + members.map { "  " + $0 }.joined(separator: ",\n") + "\n}"
    }

    private static func list(_ name: String, _ elements: [String]) -> String {
        "\"\(name)\": [\n" + elements.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
    }
}
