/// What an app artifact says about itself: its `atlassian-plugin.xml` and its manifest.
///
/// Values are single lines of safe text (see ``SafeText``), cut to a sane length. What
/// Marketplace derives from these values (Data Center status, licensing, framework) is
/// ``MarketplaceFacts``.
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
    /// The `url` attribute of `<plugin-info><vendor>`.
    public var vendorURL: String?
    /// The `pluginsVersion` attribute of `<atlassian-plugin>` as written, else its
    /// `plugins-version` (the framework reads both, in that order): `2` for a plugin of the
    /// OSGi plugin framework (P2), `1` or nothing for the old one (P1).
    public var pluginsVersion: String?
    /// The attribute `pluginsVersion` was read from, as messages about it name it.
    public var pluginsVersionAttribute = "plugins-version"
    /// The `<param name="…">value</param>` elements of `<plugin-info>`, by name, their text as
    /// the plugin framework keeps it (not trimmed; the last of a repeated name), such as
    /// `atlassian-data-center-status` or `atlassian-licensing-enabled`. At most
    /// ``PluginXMLParser/maximumParameterCount`` names besides those two.
    public var pluginInfoParams: [String: String]
    /// Whether `<atlassian-plugin>` has a `<remote-plugin-container>` element: the mark of a
    /// remotable plugin (the Atlassian Connect precursor that ran outside the product).
    public var hasRemotePluginContainer: Bool
    /// The main section of `META-INF/MANIFEST.MF`, continuation lines joined; empty without one.
    public var manifest: [String: String]

    public init(key: String? = nil, name: String? = nil, version: String? = nil,
                vendorName: String? = nil, vendorURL: String? = nil, pluginsVersion: String? = nil,
                pluginInfoParams: [String: String] = [:], hasRemotePluginContainer: Bool = false,
                manifest: [String: String] = [:]) {
        self.key = key
        self.name = name
        self.version = version
        self.vendorName = vendorName
        self.vendorURL = vendorURL
        self.pluginsVersion = pluginsVersion
        self.pluginInfoParams = pluginInfoParams
        self.hasRemotePluginContainer = hasRemotePluginContainer
        self.manifest = manifest
    }

    /// What Marketplace derives from this descriptor.
    public var marketplaceFacts: MarketplaceFacts { MarketplaceFacts(self) }

    /// Whether `value` holds a `${…}` the build was to fill in (the SDK's template writes
    /// `key="${atlassian.plugin.key}"` and `${project.version}` for Maven's resource filtering).
    public static func isUnfilled(_ value: String) -> Bool {
        value.contains(/\$\{[^}]*\}/)
    }
}
