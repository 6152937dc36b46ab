import AssetInspection

extension AssetService {
    /// The earlier upload, to this server, of the plugin key and version of the artifact
    /// `inspection` describes, according to the history; `nil` when there is none, or when the
    /// file is not an artifact whose descriptor names both (the history is then not read).
    /// - Throws: `AssetError` when the history cannot be read.
    public func previousUpload(of inspection: FileInspection) throws(AssetError) -> PreviousUpload? {
        guard let (key, version) = PreviousUpload.identity(of: inspection) else { return nil }
        return PreviousUpload.find(key: key, version: version, in: try entries(kind: .artifact))
    }
}
