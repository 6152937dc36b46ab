/// A local file to upload, as inspected before the upload.
///
/// `size` is the size the caller saw when it inspected the file; the upload refuses to start
/// (or stops) when the file on disk no longer has that size, so the `Content-Length` sent is
/// always exact.
public struct UploadFile: Sendable, Equatable {
    /// The path to read the bytes from.
    public var path: String
    /// The file name sent in the part's `Content-Disposition` (may be any Unicode text).
    public var fileName: String
    /// The part's `Content-Type`, e.g. `image/png` or `application/java-archive`.
    public var contentType: String
    /// The file's size in bytes.
    public var size: Int64

    public init(path: String, fileName: String, contentType: String, size: Int64) {
        self.path = path
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
    }
}
