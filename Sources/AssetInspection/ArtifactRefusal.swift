/// Why Marketplace refuses an artifact, known from its descriptor before a byte is sent: one
/// rule for the emulator's answer (its error `code` and message) and the client's refusal
/// before upload, so that `upload-artifact` stops where the server would.
public enum ArtifactRefusal: Sendable, Equatable {
    /// No `atlassian-plugin.xml` (in an .obr, nor in its first jar): Marketplace cannot read the
    /// app. `misplacedAt`: where one is in a folder instead.
    case noDescriptor(misplacedAt: String?)
    /// `<atlassian-plugin>` has no `key`, and the manifest no `Atlassian-Plugin-Key`.
    case noPluginKey
    /// `plugins-version` (or `pluginsVersion`, the attribute named) is neither 1 nor 2: no plugin framework loads it.
    case unsupportedPluginsVersion(String, attribute: String)

    /// The refusal for the artifact `inspection` read, or `nil` when Marketplace takes it, when
    /// its descriptor was not read (Marketplace reads it, and judges), or for an image.
    public init?(_ inspection: FileInspection) {
        guard case .artifact(let descriptor) = inspection.content, !inspection.descriptorUnread else { return nil }
        self.init(descriptor: descriptor)
        if case .noDescriptor = self { self = .noDescriptor(misplacedAt: inspection.misplacedDescriptor) }
    }

    /// The refusal for an artifact with `descriptor` (`nil`: it has none), or `nil` when
    /// Marketplace takes it.
    public init?(descriptor: PluginDescriptor?) {
        guard let descriptor else { self = .noDescriptor(misplacedAt: nil); return }
        guard let key = descriptor.key, !key.isEmpty else { self = .noPluginKey; return }
        guard MarketplaceFacts(descriptor).addOnType != nil else {
            self = .unsupportedPluginsVersion(descriptor.pluginsVersion ?? "", attribute: descriptor.pluginsVersionAttribute)
            return
        }
        return nil
    }

    /// The refusal of the file `inspection` read, for a person: the reason, that Marketplace
    /// refuses such an artifact, and what that means here (`consequence`: "it was not sent").
    public func message(for inspection: FileInspection, consequence: String) -> String {
        message(name: SafeText.oneLine(inspection.fileName)) + " Marketplace refuses such an artifact, so \(consequence)."
    }

    /// The emulator's error code.
    public var code: String {
        switch self {
        case .noDescriptor: "missing_plugin_descriptor"
        case .noPluginKey: "missing_plugin_key"
        case .unsupportedPluginsVersion: "unsupported_plugins_version"
        }
    }

    /// The reason in words; `name` is the file's name, already safe to print.
    public func message(name: String) -> String {
        switch self {
        case .noDescriptor(let misplaced):
            "\(name) has no atlassian-plugin.xml\(ArtifactReader.misplaced(misplaced)), so it is not an app Marketplace can read."
        case .noPluginKey:
            "The atlassian-plugin.xml of \(name) names no plugin key."
        case .unsupportedPluginsVersion(let version, let attribute):
            "The atlassian-plugin.xml of \(name) has \(attribute)=\"\(SafeText.oneLine(version, maxLength: 40))\": only 1 and 2 are plugin framework versions."
        }
    }
}
