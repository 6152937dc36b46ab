import AssetInspection

/// The two kinds of upload, as far as a file's extension tells.
enum UploadKind: Sendable, Equatable {
    case image
    case artifact

    /// The kind for a file name's extension, as inspection reads it: an image format's
    /// (`ImageFormat.fileExtensions`: png, jpg, jpeg, gif, bmp) or an artifact's (`jar`, `obr`).
    init?(fileName: String) {
        let fileExtension = FileInspector.fileExtension(of: fileName)
        if ImageFormat(fileExtension: fileExtension) != nil {
            self = .image
        } else if FileInspector.artifactExtensions.contains(fileExtension) {
            self = .artifact
        } else {
            return nil
        }
    }
}
