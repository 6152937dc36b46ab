/// The two kinds of upload, as far as a file's extension tells.
enum UploadKind: Sendable, Equatable {
    case image
    case artifact

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "bmp"]
    static let artifactExtensions: Set<String> = ["jar", "obr"]

    /// The kind for a file name's extension (jpg, png, gif, bmp: image; jar, obr: artifact).
    init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        let fileExtension = fileName[fileName.index(after: dot)...].lowercased()
        if Self.imageExtensions.contains(fileExtension) {
            self = .image
        } else if Self.artifactExtensions.contains(fileExtension) {
            self = .artifact
        } else {
            return nil
        }
    }
}
