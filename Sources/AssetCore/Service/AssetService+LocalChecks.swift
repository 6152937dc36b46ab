import AssetInspection

extension AssetService {
    /// The checks an image upload makes before a byte is sent: the file is readable and a
    /// PNG, JPEG, GIF or BMP. `uploadImage` makes them itself; a caller with several files
    /// makes them for every file first, so that a mistyped path stops the batch before any
    /// upload.
    public func inspectImage(path: String) throws(AssetError) -> (inspection: FileInspection, info: ImageInfo) {
        let inspection = try inspect(path: path)
        guard let info = inspection.imageInfo else {
            throw AssetError("\(SafeText.oneLine(inspection.fileName)) is not an image: images must be PNG, JPEG, GIF or BMP.", kind: .file)
        }
        return (inspection, info)
    }

    /// The checks an artifact upload makes before a byte is sent: the file is readable, a ZIP
    /// archive (a .jar or .obr plugin), and has what Marketplace refuses an app without (a
    /// descriptor with a plugin key and a known plugins-version, `ArtifactRefusal`).
    /// See `inspectImage(path:)`.
    public func inspectArtifact(path: String) throws(AssetError) -> FileInspection {
        let inspection = try inspect(path: path)
        guard inspection.isArtifact else {
            throw AssetError("\(SafeText.oneLine(inspection.fileName)) is not an app artifact: upload a .jar or .obr plugin (a ZIP archive).", kind: .file)
        }
        if let refusal = ArtifactRefusal(inspection) {
            throw AssetError(refusal.message(for: inspection, consequence: "it was not sent"), kind: .file)
        }
        return inspection
    }
}
