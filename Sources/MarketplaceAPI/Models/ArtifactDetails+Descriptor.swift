import AssetInspection

extension ArtifactDetails {
    /// The `details` Marketplace answers for an artifact with this descriptor: its key, name
    /// and version, and what ``MarketplaceFacts`` derives from it. The emulator answers with
    /// these, and the client previews them before an upload, so both say the same.
    public init(descriptor: PluginDescriptor) {
        let facts = descriptor.marketplaceFacts
        self.init(
            key: descriptor.key, name: descriptor.name, version: descriptor.version,
            licensingEnabled: facts.licensingEnabled, dataCenterCompatible: facts.dataCenterCompatible,
            addOnType: facts.addOnType, remotable: facts.remotable,
            dataCenterStatus: facts.dataCenterStatus, editionsEnabled: facts.editionsEnabled
        )
    }
}
