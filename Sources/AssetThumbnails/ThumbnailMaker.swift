import AssetInspection
import Glibc

/// How thumbnails are drawn: the renderer and the terminal's colours.
public struct ThumbnailStyle: Sendable, Hashable {
    public var renderer: CellRenderer
    public var depth: ColorDepth

    public init(renderer: CellRenderer, depth: ColorDepth) {
        self.renderer = renderer
        self.depth = depth
    }
}

/// A thumbnail of an image file: what the file was, and its cells.
public struct Thumbnail: Sendable, Equatable {
    public var format: ImageFormat
    /// The image's size as stored (a JPEG's Exif orientation may show it turned, as its cells are).
    public var sourceWidth: Int
    public var sourceHeight: Int
    /// The file's size and modification time when it was read.
    public var stamp: FileStamp
    public var raster: ThumbnailRaster

    public init(format: ImageFormat, sourceWidth: Int, sourceHeight: Int, stamp: FileStamp, raster: ThumbnailRaster) {
        self.format = format
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.stamp = stamp
        self.raster = raster
    }
}

/// From an image file to its thumbnail: open, decode and scale (within the limits), lay it
/// over a checkerboard, make cells.
public enum ThumbnailMaker {
    /// The thumbnail of the image at `path`, as large as `box` allows with its shape kept, turned
    /// or mirrored as a JPEG's Exif orientation says.
    /// Slow work (file reads, decoding): call it off any interactive loop. `isCancelled` is
    /// asked between rows; when it says yes, this throws `ThumbnailError.cancelled`.
    public static func make(
        path: String, box: CellBox, style: ThumbnailStyle, limits: DecodeLimits = .standard,
        isCancelled: @escaping () -> Bool = { false }
    ) throws(ThumbnailError) -> Thumbnail {
        guard !box.isEmpty else { throw ThumbnailError("there is no room for it") }
        let file = try ImageFile(path: path)
        let perCell = style.renderer.pixelsPerCell
        // Drawn as browsers show it: a phone's portrait photo is stored on its side, with an
        // Exif orientation that says how to turn it. Decoded to the turned shape, then turned.
        let orientation = file.exifOrientation ?? 1
        let turned = ExifOrientation.isQuarterTurn(orientation)
        func shownCells(_ width: Int, _ height: Int) -> CellBox {
            let shown = ExifOrientation.shown(width: width, height: height, quarterTurned: turned)
            return ThumbnailGeometry.cells(forImageWidth: shown.width, height: shown.height, within: box)
        }
        let request = DecodeRequest(
            targetSize: { width, height in
                let cells = shownCells(width, height)
                // The size to decode to is the stored shape of the shown one.
                return ExifOrientation.shown(width: cells.columns * perCell.width, height: cells.rows * perCell.height, quarterTurned: turned)
            },
            limits: limits, isCancelled: isCancelled)
        let decoded = try decode(file, request)
        let cells = shownCells(decoded.sourceWidth, decoded.sourceHeight)
        let opaque = Checkerboard.composite(decoded.image.oriented(exif: orientation), square: perCell.height, depth: style.depth)
        return Thumbnail(
            format: file.format, sourceWidth: decoded.sourceWidth, sourceHeight: decoded.sourceHeight, stamp: file.stamp,
            raster: style.renderer.cells(for: opaque, box: cells, depth: style.depth))
    }

    /// The size and modification time of the file at `path` now (one `stat`), or nil when
    /// there is no file there.
    public static func stamp(path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Decodes and scales the image in `file` as `request` asks (the pixels, before cells).
    static func decode(_ file: ImageFile, _ request: DecodeRequest) throws(ThumbnailError) -> DecodedImage {
        switch file.format {
        case .png: try PNGDecoder.decode(file, request)
        case .jpeg: try JPEGDecoder.decode(file, request)
        case .gif: try GIFDecoder.decode(file, request)
        case .bmp: try BMPDecoder.decode(file, request)
        }
    }

    /// The decoded pixels of the image at `path`, scaled to fit `width`×`height` pixels with
    /// its shape kept (for measuring and testing the decoders without cells, and for the damage
    /// check, which `readsToEnd`); `isCancelled` as for `make`.
    public static func pixels(
        path: String, fitting width: Int, _ height: Int, limits: DecodeLimits = .standard, readsToEnd: Bool = false,
        isCancelled: @escaping () -> Bool = { false }
    ) throws(ThumbnailError) -> DecodedImage {
        let file = try ImageFile(path: path)
        var request = DecodeRequest(
            targetSize: { sourceWidth, sourceHeight in
                let scale = min(Double(width) / Double(sourceWidth), Double(height) / Double(sourceHeight))
                return (max(1, Int((Double(sourceWidth) * scale).rounded())), max(1, Int((Double(sourceHeight) * scale).rounded())))
            },
            limits: limits, isCancelled: isCancelled)
        request.readsToEnd = readsToEnd
        return try decode(file, request)
    }
}
