import Foundation

/// What Marketplace derives from a plugin descriptor, beyond its key, name and version: the
/// rest of an artifact answer's `details`, and what a vendor is warned about before upload.
///
/// One set of rules for the emulator's answers and the client's preview, so that both say
/// the same. Where they come from (the README's "Where the artifact rules come from" lists
/// the pages):
/// - `<plugin-info>` params are read as the plugin framework and UPM read them: their text as
///   it is, white space around it too (`getText()`), the last of a repeated name; a boolean
///   param is `true` only when its text is `true` in any case (Java's `Boolean.parseBoolean`),
///   so a missing or misspelt one, or `true` on a line of its own, is `false`.
/// - `atlassian-licensing-enabled`: the SDK's licensing module sets it to `true`; without it
///   UPM treats the app as free.
/// - `atlassian-data-center-status`: `compatible` (compared ignoring case, as UPM does) is
///   what Marketplace's Data Center program asks for. The older `atlassian-data-center-compatible`
///   param alone no longer makes a version Data Center compatible; Atlassian asks for both
///   (older UPM versions read only the old one).
/// - `plugins-version="2"` makes an OSGi (P2) plugin, as does an `Atlassian-Plugin-Key`
///   manifest header (a transformerless plugin); without either the plugin is P1.
/// - A `<remote-plugin-container>` element marks a remotable plugin (the Atlassian Connect
///   precursor); an `atlassian-plugin.xml` has no documented way to enable editions.
public struct MarketplaceFacts: Sendable, Equatable {
    public static let dataCenterStatusParam = "atlassian-data-center-status"
    public static let licensingParam = "atlassian-licensing-enabled"
    /// The Data Center status Marketplace asks for.
    public static let compatibleStatus = "compatible"
    /// The status answered for a descriptor without `atlassian-data-center-status`.
    public static let statusWithoutParam = "incompatible"
    /// The params read here: a descriptor's params past the parser's cap still include them.
    static let readParams: Set<String> = [dataCenterStatusParam, licensingParam]

    /// `atlassian-licensing-enabled` is `true`.
    public var licensingEnabled: Bool
    /// `atlassian-data-center-status`, lowercased; ``statusWithoutParam`` when the param is
    /// missing or blank.
    public var dataCenterStatus: String
    /// Whether Marketplace treats the version as Data Center compatible: the status is
    /// `compatible`.
    public var dataCenterCompatible: Bool
    /// `one` (P1) or `two` (P2); `nil` for a `plugins-version` that no plugin framework loads.
    public var addOnType: String?
    /// A `<remote-plugin-container>` is present.
    public var remotable: Bool
    /// Always `false` for an `atlassian-plugin.xml` (see above).
    public var editionsEnabled: Bool
    /// Whether the descriptor has an `atlassian-data-center-status` param at all.
    public var declaresDataCenterStatus: Bool
    /// The `plugins-version` as written, for messages about one that is not known.
    public var pluginsVersion: String?
    /// The attribute it was written as (`PluginDescriptor.pluginsVersionAttribute`).
    private var pluginsVersionAttribute: String
    /// The params whose value is right but for white space around it (`true` on a line of its own).
    public var paddedParams: [String] = []

    public init(_ descriptor: PluginDescriptor) {
        let params = descriptor.pluginInfoParams
        licensingEnabled = Self.isTrue(params[Self.licensingParam])
        let status = params[Self.dataCenterStatusParam].map { $0.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        declaresDataCenterStatus = status != nil
        dataCenterStatus = status ?? Self.statusWithoutParam
        dataCenterCompatible = status == Self.compatibleStatus
        pluginsVersion = descriptor.pluginsVersion
        pluginsVersionAttribute = descriptor.pluginsVersionAttribute
        addOnType = Self.addOnType(pluginsVersion: descriptor.pluginsVersion, manifest: descriptor.manifest)
        remotable = descriptor.hasRemotePluginContainer
        editionsEnabled = false
        paddedParams = [(Self.licensingParam, "true"), (Self.dataCenterStatusParam, Self.compatibleStatus)].compactMap { name, right in
            guard let value = params[name], value.lowercased() != right,
                  value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == right else { return nil }
            return name
        }
    }

    /// What commonly gets a Data Center app version rejected or mislabelled, in the vendor's
    /// terms: for `inspect` and the TUI's preview of a jar. Inspection does not add them to
    /// ``FileInspection/warnings``, so an upload does not repeat them (a free app is right to
    /// have licensing off, and would be told so on every upload).
    public var warnings: [String] {
        var warnings: [String] = []
        if addOnType == nil {
            warnings.append("\(pluginsVersionAttribute)=\"\(pluginsVersion ?? "")\" is neither 1 nor 2: no plugin framework loads it, so Marketplace will refuse the artifact")
        }
        for name in paddedParams {
            warnings.append("the \(name) param's text has white space around it (a line break?), which the plugin framework keeps, "
                + "so it is read as another value: write <param name=\"\(name)\">…</param> on one line")
        }
        if !declaresDataCenterStatus {
            warnings.append("no \(Self.dataCenterStatusParam) param: Marketplace will not treat this version as Data Center compatible (set it to compatible in <plugin-info>)")
        } else if !dataCenterCompatible, !paddedParams.contains(Self.dataCenterStatusParam) {
            warnings.append("\(Self.dataCenterStatusParam) is \"\(SafeText.oneLine(dataCenterStatus, maxLength: 64))\", not \"compatible\": Marketplace will not treat this version as Data Center compatible")
        }
        if !licensingEnabled {
            warnings.append("licensing is not enabled (\(Self.licensingParam) is not true): fine for a free app, but a paid app needs it")
        }
        return warnings
    }

    /// Java's `Boolean.parseBoolean`: `true` in any case, nothing else.
    static func isTrue(_ text: String?) -> Bool {
        text?.lowercased() == "true"
    }

    /// `two` for `plugins-version="2"` or a transformerless plugin, `one` for `1` or no
    /// attribute, `nil` for anything else. The number is read as Java's `Integer.parseInt`
    /// reads it, as the framework does (`02` and `+2` are 2, `2.0` is no number).
    static func addOnType(pluginsVersion: String?, manifest: [String: String]) -> String? {
        switch pluginsVersion.map({ Int($0) }) {
        case 2: return "two"
        case 1: return "one"
        case nil:
            let transformerless = !(manifest["Atlassian-Plugin-Key"] ?? "").isEmpty
            return transformerless ? "two" : "one"
        default: return nil
        }
    }
}
