import AssetCore
import AssetThumbnails
import MarketplaceAPI

/// Thumbnails the runner made, by file (path, size, modification time), cells and style:
/// selecting a history entry again checks its file (one `stat`) and decodes it again only
/// when it changed.
final class ThumbnailCache: Sendable {
    struct Key: Hashable {
        var path: String
        var stamp: FileStamp
        var box: CellBox
        var style: ThumbnailStyle

        /// The path by its bytes (see ``ExactPath``).
        static func == (lhs: Key, rhs: Key) -> Bool {
            ExactPath(lhs.path) == ExactPath(rhs.path) && lhs.stamp == rhs.stamp && lhs.box == rhs.box && lhs.style == rhs.style
        }
    }

    static let limit = 64

    private let entries = LockedValue<(thumbnails: [Key: Thumbnail], order: [Key])>(([:], []))

    func thumbnail(for key: Key) -> Thumbnail? {
        entries.withLock { $0.thumbnails[key] }
    }

    func store(_ thumbnail: Thumbnail, for key: Key) {
        entries.withLock { entries in
            if entries.thumbnails.updateValue(thumbnail, forKey: key) == nil {
                entries.order.append(key)
                if entries.order.count > Self.limit {
                    entries.thumbnails[entries.order.removeFirst()] = nil
                }
            }
        }
    }
}
