import AssetInspection
import Glibc

/// An image file opened for decoding: a regular file (opened by AssetInspection's
/// `RegularFile`, with the same checks an upload makes), its stamp, and its format from its
/// first bytes (never from its name). The descriptor closes when the value goes away.
final class ImageFile {
    private let file: RegularFile
    let stamp: FileStamp
    let format: ImageFormat
    /// A JPEG's Exif orientation when it is not upright (2 to 8), read from its header.
    let exifOrientation: Int?

    var descriptor: Int32 { file.descriptor }

    /// Opens `path`. Only a regular, non-empty file whose bytes start like a PNG, JPEG, GIF
    /// or BMP is accepted.
    init(path: String) throws(ThumbnailError) {
        var link = stat()
        if lstat(path, &link) != 0 && errno == ENOENT { throw .missingFile }
        do {
            file = try RegularFile(path: path)
        } catch {
            throw Self.reason(error, path: path)
        }
        var info = stat()
        guard fstat(file.descriptor, &info) == 0 else { throw ThumbnailError("the file cannot be examined") }
        stamp = FileStamp(info)
        // Reads block on nothing from here on: it is a regular file.
        _ = fcntl(file.descriptor, F_SETFL, fcntl(file.descriptor, F_GETFL) & ~O_NONBLOCK)
        let head: [UInt8]
        do {
            head = try file.read(at: 0, length: 32)
        } catch {
            throw Self.reason(error, path: path)
        }
        guard let format = ImageFormat.detect(in: head) else {
            throw ThumbnailError("not an image: the bytes are not PNG, JPEG, GIF or BMP")
        }
        self.format = format
        exifOrientation = ImageHeaderReader.exifOrientation(of: file, as: format)
    }

    /// Up to `length` bytes at `offset`; fewer at the end of the file.
    func read(at offset: Int64, length: Int) throws(ThumbnailError) -> [UInt8] {
        do {
            return try file.read(at: offset, length: length)
        } catch {
            throw Self.reason(error, path: file.path)
        }
    }

    /// An inspection message as a reason after "cannot preview: ", with "it" for the path
    /// it starts with ("it is a directory, not a file").
    private static func reason(_ error: InspectionError, path: String) -> ThumbnailError {
        let subject = RegularFile.subject(path)
        let message = error.message
        return ThumbnailError(message.hasPrefix(subject) ? "it" + message.dropFirst(subject.count) : message)
    }
}
