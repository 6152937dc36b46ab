import AssetInspection
import MarketplaceAPI

/// An artifact's `details` in a vendor's words, one row per field: what the TUI's Details
/// pane and the CLI's human summaries show, for the server's answer and for a jar's preview
/// alike (`ArtifactDetails(descriptor:)` gives the details a jar will get).
///
/// A field the server left out is shown as absent, never as `false`.
public struct ArtifactFact: Sendable, Equatable {
    /// How a fact reads: `good` and `warning` for the Data Center facts, `absent` for a field
    /// the answer does not have.
    public enum Tone: Sendable, Equatable {
        case plain
        case good
        case warning
        case absent
    }

    /// The `details` fields, in the reference's order.
    public enum Field: Sendable, Equatable, CaseIterable {
        case key, name, version, dataCenterStatus, dataCenterCompatible, licensingEnabled, addOnType, remotable, editionsEnabled
    }

    public var field: Field
    /// `Data Center`, `Licensing`, `Framework`, …
    public var label: String
    /// `compatible`, `enabled`, `P2`, … or the `absent` text.
    public var value: String
    public var tone: Tone

    public init(field: Field, label: String, value: String, tone: Tone = .plain) {
        self.field = field
        self.label = label
        self.value = value
        self.tone = tone
    }
}

/// The rows of `ArtifactFact`s for an artifact's `details`.
public enum ArtifactFacts {
    /// What a field reads as that the server's answer does not give as a value of its type.
    public static let absentFromAnswer = "absent (missing, null or another type)"

    /// One row for each documented field of `details`, in the reference's order:
    /// `Plugin key`, `Plugin name`, `Version`, `Data Center` (`dataCenterStatus`),
    /// `DC compatible`, `Licensing`, `Framework` (`addOnType`: `P1`, `P2`), `Remotable`, `Editions`.
    /// - Parameter absent: the text of a field that `details` does not have.
    public static func rows(_ details: ArtifactDetails, absent: String = absentFromAnswer) -> [ArtifactFact] {
        func row(_ field: ArtifactFact.Field, _ label: String, _ value: String?,
                 tone: (String) -> ArtifactFact.Tone = { _ in .plain }) -> ArtifactFact {
            guard let value else { return ArtifactFact(field: field, label: label, value: absent, tone: .absent) }
            return ArtifactFact(field: field, label: label, value: value, tone: tone(value))
        }
        let dataCenterTone: (String) -> ArtifactFact.Tone = { $0 == "compatible" || $0 == "yes" ? .good : .warning }
        return [
            row(.key, "Plugin key", details.key),
            row(.name, "Plugin name", details.name),
            row(.version, "Version", details.version),
            row(.dataCenterStatus, "Data Center", details.dataCenterStatus, tone: dataCenterTone),
            row(.dataCenterCompatible, "DC compatible", details.dataCenterCompatible.map { $0 ? "yes" : "no" }, tone: dataCenterTone),
            row(.licensingEnabled, "Licensing", details.licensingEnabled.map(enabledText)),
            row(.addOnType, "Framework", details.addOnType.map(framework)),
            row(.remotable, "Remotable", details.remotable.map { $0 ? "yes" : "no" }),
            row(.editionsEnabled, "Editions", details.editionsEnabled.map(enabledText)),
        ]
    }

    /// `addOnType` as vendors name the plugin frameworks: `one` is `P1`, `two` is `P2`;
    /// another value is shown as it is.
    public static func framework(_ addOnType: String) -> String {
        switch addOnType {
        case "one": "P1"
        case "two": "P2"
        default: addOnType
        }
    }

    /// The vendor of a descriptor, `Example Corp (https://example.com)`, or what it has of it.
    public static func vendor(of descriptor: PluginDescriptor) -> String? {
        switch (descriptor.vendorName, descriptor.vendorURL) {
        case let (name?, url?): "\(name) (\(url))"
        case let (name, url): name ?? url
        }
    }

    private static func enabledText(_ enabled: Bool) -> String {
        enabled ? "enabled" : "not enabled"
    }
}
