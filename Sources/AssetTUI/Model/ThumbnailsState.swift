import AssetThumbnails

/// Whether thumbnails are drawn, in how many colours, or why not.
enum ThumbnailSupport: Sendable, Equatable {
    case on(ColorDepth)
    /// No thumbnails; the Details pane says why in one line (`NO_COLOR is set`).
    case off(reason: String)
}

/// Which thumbnail of which file: the path, the file's size and modification time when they
/// are known (a Files entry; a history entry's file is checked when it is read), and the
/// cells it may take.
struct ThumbnailKey: Sendable, Hashable {
    var path: String
    var stamp: FileStamp?
    var box: CellBox

    /// The path by its bytes (see ``ExactPath``): twins in NFC and NFD are two files.
    static func == (lhs: ThumbnailKey, rhs: ThumbnailKey) -> Bool {
        ExactPath(lhs.path) == ExactPath(rhs.path) && lhs.stamp == rhs.stamp && lhs.box == rhs.box
    }
}

/// A thumbnail, or why there is none.
enum ThumbnailResult: Sendable, Equatable {
    case ready(Thumbnail)
    /// "cannot preview: " and this reason.
    case failed(String)
}

/// The Details pane's thumbnails: how they are drawn, and those made so far.
struct ThumbnailsState: Sendable, Equatable {
    /// How many thumbnails are kept (a few KB each).
    static let cacheLimit = 64

    var support: ThumbnailSupport
    var renderer: CellRenderer
    private(set) var results: [ThumbnailKey: ThumbnailResult] = [:]
    private var order: [ThumbnailKey] = []
    /// The thumbnail asked for and not answered yet (one at a time: a newer request replaces it).
    var requested: ThumbnailKey?
    /// The thumbnail Details wanted at the last update, to know when a subject is selected anew.
    var shown: ThumbnailKey?

    init(support: ThumbnailSupport = .on(.palette256), renderer: CellRenderer = .chafa) {
        self.support = support
        self.renderer = renderer
    }

    /// The style requests are made with, when thumbnails are on.
    var style: ThumbnailStyle? {
        guard case .on(let depth) = support else { return nil }
        return ThumbnailStyle(renderer: renderer, depth: depth)
    }

    /// The result for exactly `key`, or else the newest for the same file at another size
    /// (shown while the right size is made, after a resize).
    func result(for key: ThumbnailKey) -> ThumbnailResult? {
        if let exact = results[key] { return exact }
        return order.last { ExactPath($0.path) == ExactPath(key.path) && $0.stamp == key.stamp }.flatMap { results[$0] }
    }

    /// Whether `key` itself (not another size) has a result.
    func hasResult(for key: ThumbnailKey) -> Bool { results[key] != nil }

    /// Records a result, forgetting the oldest beyond the limit.
    mutating func record(_ result: ThumbnailResult, for key: ThumbnailKey) {
        if results.updateValue(result, forKey: key) != nil {
            order.removeAll { $0 == key }
        }
        order.append(key)
        if order.count > Self.cacheLimit {
            results[order.removeFirst()] = nil
        }
    }
}
