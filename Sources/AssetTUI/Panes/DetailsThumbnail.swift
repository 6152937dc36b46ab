import AssetCore
import AssetInspection
import AssetThumbnails
import Foundation

/// The thumbnail at the top of the Details pane, above the facts: which file it is of, the
/// room it has, and what stands there now: cells, one line saying why there are none, or
/// the room kept while it is being drawn.
///
/// Built from the state alone, like `DetailsContent`, so `update` knows what to ask for and
/// how far the pane scrolls, and tests can read it.
enum DetailsThumbnail {
    /// The image file Details shows.
    struct Subject: Sendable {
        var path: String
        /// Size and modification time from the folder listing (Files); nil for a history
        /// entry's file, which is checked when it is read.
        var stamp: FileStamp?
        /// The pixel size, once the file's preview has told it.
        var pixelSize: (width: Int, height: Int)?
        /// For a history entry: the size the file had when it was uploaded.
        var uploadedSize: Int64?
    }

    /// What the top of the pane holds.
    enum Block: Sendable, Equatable {
        case none
        /// Instead of a thumbnail, why there is none: one sentence, wrapped to the pane.
        case lines([String], DetailLine.Tone)
        /// Room kept while the thumbnail is made.
        case pending(rows: Int)
        /// The thumbnail.
        case cells(ThumbnailRaster)

        /// The rows it takes, a blank line before the facts included.
        var rows: Int {
            switch self {
            case .none: 0
            case .lines(let lines, _): lines.count + 1
            case .pending(let rows): rows + 1
            case .cells(let raster): raster.rows + 1
            }
        }
    }

    /// The image file Details is about, if it is about one.
    static func subject(_ state: AppState) -> Subject? {
        switch state.details.subject {
        case .file:
            guard let entry = state.files.selectedEntry, entry.kind == .file, let path = entry.path else { return nil }
            var pixelSize: (Int, Int)?
            switch state.details.preview(for: path) {
            case .ready(let preview)?:
                guard case .image(let image) = preview.content else { return nil }
                // The thumbnail's shape, as browsers show it (the facts give the size as stored).
                pixelSize = ExifOrientation.shown(width: image.width, height: image.height, quarterTurned: image.quarterTurned)
            case .failed?:
                return nil  // the facts say why
            case nil:
                guard entry.uploadKind == .image else { return nil }
            }
            return Subject(path: path, stamp: entry.stamp, pixelSize: pixelSize)
        case .history:
            return state.history.selectedEntry.flatMap(subject(of:))
        case .upload:
            guard let job = state.uploads.selectedJob else { return nil }
            if let entry = job.entry { return subject(of: entry) }
            if case .image(let path, _, _) = job.request { return Subject(path: path) }
            return nil
        }
    }

    private static func subject(of entry: HistoryEntry) -> Subject? {
        guard entry.kind == .image, let path = entry.localPath else { return nil }
        return Subject(path: path, uploadedSize: entry.size)
    }

    /// The rows an image's facts take under the thumbnail, up to its listing size: heading,
    /// format, pixels, a warning for the imageType its name suggests, listing size.
    static let factRows = 5

    /// The cells a thumbnail may take: the pane's width, and half its height or what the
    /// facts leave, whichever is less, but at least three rows (none in a pane too low for
    /// that and a line of facts). The box depends on the screen size alone, so a thumbnail
    /// made for it stays right until the terminal is resized.
    static func box(_ state: AppState) -> CellBox {
        let inner = state.layout.details.inner
        guard inner.height >= 5 else { return CellBox(columns: 0, rows: 0) }
        let rows = max(3, min(inner.height / 2, inner.height - factRows - 1))
        return CellBox(columns: inner.width, rows: rows)
    }

    /// The thumbnail Details wants now, if any.
    static func key(_ state: AppState) -> ThumbnailKey? {
        guard let subject = subject(state) else { return nil }
        let box = box(state)
        guard !box.isEmpty else { return nil }
        return ThumbnailKey(path: subject.path, stamp: subject.stamp, box: box)
    }

    static func block(_ state: AppState) -> Block {
        guard let subject = subject(state) else { return .none }
        let box = box(state)
        guard !box.isEmpty else { return .none }
        if case .off(let reason) = state.thumbnails.support {
            return sentence("No thumbnail: \(reason)", .muted, width: box.columns)
        }
        let key = ThumbnailKey(path: subject.path, stamp: subject.stamp, box: box)
        switch state.thumbnails.result(for: key) {
        case .ready(let thumbnail)?:
            // Another picture than the one uploaded would belie the facts below it (they are the upload's).
            if let uploaded = subject.uploadedSize, uploaded != thumbnail.stamp.size {
                return sentence("No thumbnail: the local file changed since it was uploaded (now \(ByteCount.format(thumbnail.stamp.size))).",
                                .muted, width: box.columns)
            }
            return .cells(thumbnail.raster)
        case .failed(let reason)?:
            if subject.stamp == nil && reason == ThumbnailError.missingFile.reason {
                return sentence("No thumbnail: the local file is not there any more.", .muted, width: box.columns)
            }
            return sentence("cannot preview: \(reason)", .warning, width: box.columns)
        case nil:
            let rows = subject.pixelSize.map {
                ThumbnailGeometry.cells(forImageWidth: $0.width, height: $0.height, within: box).rows
            } ?? box.rows
            return .pending(rows: rows)
        }
    }

    private static func sentence(_ text: String, _ tone: DetailLine.Tone, width: Int) -> Block {
        .lines(TextLayout.wrap(SafeText.oneLine(text), toWidth: max(1, width)), tone)
    }
}
