/// What an app artifact says about itself: its `atlassian-plugin.xml` and its manifest.
///
/// Values are single lines of safe text (see ``SafeText``), cut to a sane length.
public struct PluginDescriptor: Codable, Sendable, Equatable {
    /// The plugin key: the `key` attribute of `<atlassian-plugin>`, or, when that is
    /// missing, the manifest's `Atlassian-Plugin-Key` (as transformerless plugins give it).
    public var key: String?
    /// The `name` attribute of `<atlassian-plugin>`.
    public var name: String?
    /// The text of `<plugin-info><version>`.
    public var version: String?
    /// The `name` attribute of `<plugin-info><vendor>`.
    public var vendorName: String?
    /// The main section of `META-INF/MANIFEST.MF`, continuation lines joined; empty without one.
    public var manifest: [String: String]

    public init(key: String? = nil, name: String? = nil, version: String? = nil,
                vendorName: String? = nil, manifest: [String: String] = [:]) {
        self.key = key
        self.name = name
        self.version = version
        self.vendorName = vendorName
        self.manifest = manifest
    }
}
