#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// Reads the plugin key, name, version, vendor, framework version and `<plugin-info>` params
/// from an `atlassian-plugin.xml`.
///
/// ```xml
/// <atlassian-plugin key="com.example.app" name="Example App" plugins-version="2">
///     <plugin-info>
///         <version>1.0.0</version>
///         <vendor name="Example Corp" url="https://example.com"/>
///         <param name="atlassian-data-center-status">compatible</param>
///         <param name="atlassian-licensing-enabled">true</param>
///     </plugin-info>
/// </atlassian-plugin>
/// ```
///
/// External entities are never resolved. On Linux `XMLParser.parse()` returns `true` even
/// for malformed or truncated XML, so `parserError` is what decides. Only UTF-8 is read
/// (see the comment in ``descriptor(from:)`` for why).
public enum PluginXMLParser {
    /// The longest value kept for the key, name, version, vendor and each param.
    static let maximumValueLength = 256
    /// The most `<plugin-info>` param names kept (real descriptors have a handful), besides
    /// those ``MarketplaceFacts`` reads, which are kept wherever they come.
    public static let maximumParameterCount = 64
    /// The most bytes of UTF-8 libxml2 parses (past them, FoundationXML says only "malformed").
    static let maximumParsedSize = 10_000_000

    /// `xml` as UTF-8 text, its declaration saying so: as it is when it is UTF-8; else converted,
    /// as Java's XML readers read it, from UTF-16 (told by its byte order mark, or without one
    /// by its first `<?`, XML 1.0 Appendix F) or from the encoding its declaration names
    /// (ISO-8859-1, windows-1252, ISO-8859-15…, any that glibc's iconv knows); `nil` when the bytes
    /// are in none of these.
    static func utf8(_ xml: Data) -> Data? {
        if String(validating: xml, as: UTF8.self) != nil { return xml }
        // (UTF-32's marks first: its little-endian one starts as UTF-16's.)
        let encoding: String? = if xml.starts(with: [0x3C, 0, 0, 0]) || xml.starts(with: [0xFF, 0xFE, 0, 0]) {
            "UTF-32LE"
        } else if xml.starts(with: [0, 0, 0, 0x3C]) || xml.starts(with: [0, 0, 0xFE, 0xFF]) {
            "UTF-32BE"
        } else if xml.starts(with: [0xFF, 0xFE]) || xml.starts(with: [0xFE, 0xFF]) {
            "UTF-16"  // (iconv reads the mark, and drops it)
        } else if xml.starts(with: [0x3C, 0, 0x3F, 0]) {
            "UTF-16LE"
        } else if xml.starts(with: [0, 0x3C, 0, 0x3F]) {
            "UTF-16BE"
        } else {
            String(decoding: xml.prefix(200), as: UTF8.self).firstMatch(of: declaredEncoding).flatMap { $0.2 ?? $0.3 }.map(String.init)
        }
        guard let encoding else { return nil }
        // Java's own spelling of a name (`ISO8859_15`) where iconv knows only the standard one.
        let standard = encoding.uppercased().replacing("_", with: "-").replacing("ISO8859", with: "ISO-8859")
        guard let text = converted(xml, from: encoding) ?? converted(xml, from: standard) else { return nil }
        // The declaration names the encoding the bytes are now in.
        return Data(text.replacing(declaredEncoding, maxReplacements: 1) { "\($0.1)\"UTF-8\"\($0.4)" }.utf8)
    }

    /// `bytes` in `encoding` as text, by glibc's iconv; `nil` when iconv knows no such encoding,
    /// or the bytes are not text in it.
    private static func converted(_ bytes: Data, from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // 3 bytes of UTF-8 at most for each byte in (a byte of windows-1252 may be €; two of UTF-16 a character of 3).
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        let written: Int? = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { output in
                // (iconv takes `char **` for its input, and only reads it.)
                var (inPointer, inLeft) = (UnsafeMutablePointer(mutating: input.bindMemory(to: CChar.self).baseAddress), input.count)
                var (outPointer, outLeft) = (output.bindMemory(to: CChar.self).baseAddress, output.count)
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 || inLeft != 0 ? nil : output.count - outLeft
            }
        }
        return written.map { String(decoding: output[..<$0], as: UTF8.self) }
    }

    /// The XML declaration at the start: what comes before its encoding's name, the name (in
    /// double or single quotes), and what follows it to `?>`. (`Regex` is not `Sendable`; this
    /// one is never changed, and matching copies it.)
    nonisolated(unsafe) private static let declaredEncoding = /^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(?:"([^"]*)"|'([^']*)')([^>]*\?>)/

    /// The descriptor fields in `data` (the manifest is left empty), or an error saying why
    /// the XML cannot be used.
    public static func descriptor(from data: Data) throws(InspectionError) -> PluginDescriptor {
        // FoundationXML on Linux force-unwraps element and attribute names as UTF-8, and
        // libxml2 (in the recovery mode FoundationXML uses) hands it invalid bytes as they
        // come: one stray byte in a tag name would crash the process. Only valid UTF-8 is
        // parsed: a descriptor in another encoding its declaration names, or saved as UTF-16, is
        // converted first (the plugin framework reads it so); other bytes are refused.
        guard let data = utf8(data) else {
            throw InspectionError("atlassian-plugin.xml is not valid UTF-8 text, nor UTF-16 or UTF-32, nor text in an encoding its XML declaration names: save it as UTF-8")
        }
        // libxml2 reads no more (a descriptor of 8 MiB in windows-1252 may grow past it in UTF-8).
        guard data.count <= maximumParsedSize else {
            throw InspectionError("atlassian-plugin.xml is \(data.count) bytes once converted to UTF-8, more than the \(maximumParsedSize) the XML parser reads")
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let collector = DescriptorCollector()
        parser.delegate = collector
        let succeeded = parser.parse()
        if !succeeded || parser.parserError != nil || collector.failure != nil {
            // External entities are never loaded (they could read any file): one used fails the
            // parse, which may be why, rather than broken XML.
            if collector.failure == nil, data.range(of: Data("<!DOCTYPE".utf8)) != nil {
                throw InspectionError("atlassian-plugin.xml is not well-formed near line \(parser.lineNumber), or its <!DOCTYPE> names an "
                    + "external entity, which this tool never loads (a descriptor needs no DOCTYPE)")
            }
            let reason = collector.failure ?? "malformed XML near line \(parser.lineNumber)"
            throw InspectionError("atlassian-plugin.xml is not well-formed: \(reason)")
        }
        guard collector.sawRoot else {
            throw InspectionError("atlassian-plugin.xml has no <atlassian-plugin> root element")
        }
        // As the plugin framework keeps them (`getText()` into a map): untrimmed, the last of a name.
        var params: [String: String] = [:]
        for (name, value) in collector.params {
            guard let name = clean(name) else { continue }
            params[name] = String(value.prefix(maximumValueLength))
        }
        var descriptor = PluginDescriptor(
            key: clean(collector.key),
            name: clean(collector.name),
            version: clean(collector.version),
            vendorName: clean(collector.vendorName),
            vendorURL: clean(collector.vendorURL),
            // A blank one is no number to the framework (`Integer.parseInt("")` throws): kept, not taken for none.
            pluginsVersion: collector.pluginsVersion.map { clean($0) ?? "" },
            pluginInfoParams: params,
            hasRemotePluginContainer: collector.sawRemotePluginContainer
        )
        descriptor.pluginsVersionAttribute = collector.pluginsVersionAttribute
        return descriptor
    }

    /// `value` as one line of safe text, or nil when it is missing or blank.
    private static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let line = SafeText.oneLine(value, maxLength: maximumValueLength)
        return line.isEmpty ? nil : line
    }
}

/// The XMLParser delegate that picks the descriptor fields out of the element stream.
private final class DescriptorCollector: NSObject, XMLParserDelegate {
    var sawRoot = false
    var failure: String?
    var key: String?
    var name: String?
    var pluginsVersion: String?
    var pluginsVersionAttribute = "plugins-version"
    var version: String?
    var vendorName: String?
    var vendorURL: String?
    /// `<plugin-info><param>` names and texts, in document order.
    var params: [(name: String, value: String)] = []
    var sawRemotePluginContainer = false

    /// The names of the open elements, root first.
    private var path: [String] = []
    /// What the text being collected belongs to: `<plugin-info><version>` or a `<param>`.
    private enum TextOwner {
        case version
        case param(name: String)
    }
    private var textOwner: TextOwner?
    private var text = ""
    /// Caps the text collected for one element, so a huge text node is not kept.
    private let maximumTextLength = 4096

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if path.isEmpty {
            guard elementName == "atlassian-plugin" else {
                failure = "the root element is <\(SafeText.oneLine(elementName, maxLength: 64))>, not <atlassian-plugin>"
                parser.abortParsing()
                return
            }
            sawRoot = true
            key = attributes["key"]
            name = attributes["name"]
            // The framework reads `pluginsVersion` first (`XmlDescriptorParser.getPluginsVersion`).
            pluginsVersion = attributes["pluginsVersion"] ?? attributes["plugins-version"]
            if attributes["pluginsVersion"] != nil { pluginsVersionAttribute = "pluginsVersion" }
        } else if path == ["atlassian-plugin"], elementName == "remote-plugin-container" {
            sawRemotePluginContainer = true
        } else if path == ["atlassian-plugin", "plugin-info"] {
            if elementName == "version", version == nil {
                startText(.version)
            } else if elementName == "vendor", vendorName == nil, vendorURL == nil {
                vendorName = attributes["name"]
                vendorURL = attributes["url"]
            } else if elementName == "param", let paramName = attributes["name"],
                      params.count < PluginXMLParser.maximumParameterCount || MarketplaceFacts.readParams.contains(paramName) {
                startText(.param(name: paramName))
            }
        }
        path.append(elementName)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if path.count == 3, path.starts(with: ["atlassian-plugin", "plugin-info"]), let owner = textOwner {
            switch owner {
            case .version: version = text
            case .param(let name): params.append((name, text))
            }
            textOwner = nil
        }
        if !path.isEmpty { path.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard textOwner != nil, path.count == 3 else { return }
        if text.utf8.count < maximumTextLength {
            text += string
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    private func startText(_ owner: TextOwner) {
        textOwner = owner
        text = ""
    }
}
