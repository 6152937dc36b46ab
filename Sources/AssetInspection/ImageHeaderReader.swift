/// Reads an image's format and pixel size from its header, never decoding the pixels.
///
/// The readers check every index before using it: truncated or garbage bytes give an
/// ``InspectionError``, never a crash.
public enum ImageHeaderReader {
    /// The format and size of the image held in `bytes` (the whole file, or at least its
    /// header: for a JPEG, everything up to its frame header).
    public static func imageInfo(of bytes: [UInt8]) throws(InspectionError) -> ImageInfo {
        try imageInfo(from: MemoryByteSource(bytes: bytes))
    }

    /// The Exif orientation of the JPEG or PNG in `file` when it is not upright (2 to 8), else
    /// nil: for a thumbnail drawn as browsers show the image. Damage gives nil.
    package static func exifOrientation(of file: RegularFile, as format: ImageFormat) -> Int? {
        switch format {
        case .jpeg: (try? JPEGHeader.read(from: file))?.exifOrientation
        case .png: (try? PNGHeader.read(from: file))?.exifOrientation
        case .gif, .bmp: nil
        }
    }

    /// The format and size of the image in `source`.
    static func imageInfo(from source: some ByteSource) throws(InspectionError) -> ImageInfo {
        let prefix = try source.read(at: 0, length: 32)
        guard let format = ImageFormat.detect(in: prefix) else {
            throw InspectionError("not an image: the bytes are not PNG, JPEG, GIF or BMP")
        }
        return try imageInfo(from: source, as: format)
    }

    /// The size of the image in `source`, read as `format`.
    static func imageInfo(from source: some ByteSource, as format: ImageFormat) throws(InspectionError) -> ImageInfo {
        switch format {
        case .png: try PNGHeader.read(from: source)
        case .jpeg: try JPEGHeader.read(from: source)
        case .gif: try GIFHeader.read(from: source)
        case .bmp: try BMPHeader.read(from: source)
        }
    }
}
