import AssetInspection
import Foundation
import Testing

/// What Marketplace derives from a descriptor: `<plugin-info>` params, `plugins-version`,
/// `<remote-plugin-container>`, read as the plugin framework and UPM read them.
@Suite struct MarketplaceFactsTests {
    private func descriptor(_ xml: String) throws -> PluginDescriptor {
        try PluginXMLParser.descriptor(from: Data(xml.utf8))
    }

    private func facts(pluginsVersion: String? = "2", params: [(String, String)] = [], extra: String = "",
                       manifest: [String: String] = [:]) throws -> MarketplaceFacts {
        let version = pluginsVersion.map { " plugins-version=\"\($0)\"" } ?? ""
        let paramElements = params.map { "<param name=\"\($0.0)\">\($0.1)</param>" }.joined()
        var parsed = try descriptor(
            "<atlassian-plugin key=\"k\"\(version)><plugin-info><version>1</version>\(paramElements)</plugin-info>\(extra)</atlassian-plugin>")
        parsed.manifest = manifest
        return parsed.marketplaceFacts
    }

    @Test func theParserReadsParamsVendorFrameworkAndRemoteContainer() throws {
        let parsed = try descriptor("""
            <atlassian-plugin key="com.example.app" name="App" plugins-version="2">
                <plugin-info>
                    <version>1.0</version>
                    <vendor name="Example Corp" url="https://example.com"/>
                    <param name="atlassian-data-center-status">ignored: the last wins</param>
                    <param name="atlassian-data-center-status">compatible</param>
                    <param name="atlassian-licensing-enabled"> true
                    </param>
                    <param name="plugin-icon"><![CDATA[images/icon.png]]></param>
                    <param>no name, not kept</param>
                </plugin-info>
                <remote-plugin-container key="container" display-url="https://remote.example.com"/>
                <web-item key="x"><param name="not-plugin-info">x</param></web-item>
            </atlassian-plugin>
            """)
        #expect(parsed.vendorName == "Example Corp")
        #expect(parsed.vendorURL == "https://example.com")
        #expect(parsed.pluginsVersion == "2")
        // As the plugin framework keeps them: the last of a name, the text untrimmed.
        #expect(parsed.pluginInfoParams == [
            "atlassian-data-center-status": "compatible", "atlassian-licensing-enabled": " true\n        ", "plugin-icon": "images/icon.png",
        ])
        #expect(parsed.hasRemotePluginContainer)
        // ... so `true` on a line of its own is not true (UPM's `Boolean.parseBoolean` of it), and said why.
        let facts = parsed.marketplaceFacts
        #expect(!facts.licensingEnabled && facts.dataCenterCompatible && facts.paddedParams == ["atlassian-licensing-enabled"])
        #expect(facts.warnings.first == "the atlassian-licensing-enabled param's text has white space around it (a line break?), which the plugin "
            + "framework keeps, so it is read as another value: write <param name=\"atlassian-licensing-enabled\">…</param> on one line")
    }

    @Test("the params the checks read are kept past the cap on param names")
    func theCheckedParamsAreKeptPastTheCap() throws {
        let facts = try facts(params: (0..<70).map { ("p\($0)", "v") } + [("atlassian-data-center-status", "compatible"), ("atlassian-licensing-enabled", "true")])
        #expect(facts.dataCenterCompatible && facts.licensingEnabled && facts.warnings.isEmpty, "\(facts.warnings)")
    }

    @Test func aRemotePluginContainerCountsOnlyAtTheTopLevel() throws {
        let nested = try descriptor(#"<atlassian-plugin key="k"><plugin-info><remote-plugin-container/></plugin-info></atlassian-plugin>"#)
        #expect(!nested.hasRemotePluginContainer)
        #expect(try facts(extra: "<remote-plugin-container key=\"c\"/>").remotable)
    }

    @Test func aDataCenterAppWithLicensingHasNoWarnings() throws {
        let facts = try facts(params: [
            ("atlassian-data-center-status", "compatible"), ("atlassian-data-center-compatible", "true"),
            ("atlassian-licensing-enabled", "true"),
        ])
        #expect(facts.dataCenterStatus == "compatible")
        #expect(facts.dataCenterCompatible)
        #expect(facts.licensingEnabled)
        #expect(facts.addOnType == "two")
        #expect(!facts.remotable)
        #expect(!facts.editionsEnabled)
        #expect(facts.warnings.isEmpty)
    }

    @Test func withoutAnyParamMarketplaceSeesAFreeAppThatIsNotDataCenterCompatible() throws {
        let facts = try facts(pluginsVersion: nil)
        #expect(facts.dataCenterStatus == "incompatible")
        #expect(!facts.dataCenterCompatible)
        #expect(!facts.declaresDataCenterStatus)
        #expect(!facts.licensingEnabled)
        #expect(facts.addOnType == "one")
        #expect(facts.warnings.count == 2)
        #expect(facts.warnings[0] == "no atlassian-data-center-status param: Marketplace will not treat this version as Data Center compatible (set it to compatible in <plugin-info>)")
        #expect(facts.warnings[1] == "licensing is not enabled (atlassian-licensing-enabled is not true): fine for a free app, but a paid app needs it")
    }

    @Test func theOldCompatibleParamAloneDoesNotMakeAVersionDataCenterCompatible() throws {
        let facts = try facts(params: [("atlassian-data-center-compatible", "true")])
        #expect(!facts.dataCenterCompatible)
        #expect(facts.dataCenterStatus == "incompatible")
        #expect(facts.warnings.first?.hasPrefix("no atlassian-data-center-status param") == true)
    }

    @Test(arguments: [
        ("compatible", "compatible", true), ("Compatible", "compatible", true), ("  COMPATIBLE ", "  compatible ", false),
        ("pending", "pending", false), ("incompatible", "incompatible", false), ("", "incompatible", false),
    ])
    func theStatusIsLowercasedAndOnlyCompatibleCounts(written: String, status: String, compatible: Bool) throws {
        let facts = try facts(params: [("atlassian-data-center-status", written)])
        #expect(facts.dataCenterStatus == status)
        #expect(facts.dataCenterCompatible == compatible)
        // White space around `compatible` is said once, by its own warning, not as "is "compatible", not "compatible"".
        if !compatible, !written.isEmpty, written != "  COMPATIBLE " {
            #expect(facts.warnings.contains("atlassian-data-center-status is \"\(SafeText.oneLine(status))\", not \"compatible\": Marketplace will not treat this version as Data Center compatible"))
        }
        // UPM compares the text as the plugin framework keeps it: white space around it is said.
        #expect(facts.paddedParams == (written == "  COMPATIBLE " ? ["atlassian-data-center-status"] : []))
        #expect(facts.warnings.filter { $0.contains("atlassian-data-center-status") }.count == (compatible ? 0 : 1))
    }

    @Test(arguments: [("true", true), ("TRUE", true), (" True ", false), ("yes", false), ("1", false), ("false", false), ("", false)])
    func licensingIsOnOnlyForTrueInAnyCase(written: String, enabled: Bool) throws {
        #expect(try facts(params: [("atlassian-licensing-enabled", written)]).licensingEnabled == enabled)
    }

    @Test func theFrameworkComesFromPluginsVersionOrATransformerlessManifest() throws {
        #expect(try facts(pluginsVersion: "2").addOnType == "two")
        #expect(try facts(pluginsVersion: "1").addOnType == "one")
        #expect(try facts(pluginsVersion: nil).addOnType == "one")
        #expect(try facts(pluginsVersion: nil, manifest: ["Atlassian-Plugin-Key": "k"]).addOnType == "two")
        let unknown = try facts(pluginsVersion: "3")
        #expect(unknown.addOnType == nil)
        #expect(unknown.warnings.first == "plugins-version=\"3\" is neither 1 nor 2: no plugin framework loads it, so Marketplace will refuse the artifact")
    }

    /// `XmlDescriptorParser.getPluginsVersion` reads `pluginsVersion`, then `plugins-version`,
    /// with `Integer.parseInt`.
    @Test(arguments: [("02", "two"), ("+1", "one"), ("-2", nil), ("2.0", nil)] as [(String, String?)])
    func thePluginsVersionIsANumberAsJavaParsesIt(written: String, type: String?) throws {
        #expect(try facts(pluginsVersion: written).addOnType == type)
    }

    @Test func theCamelCaseAttributeIsReadFirst() throws {
        let both = try descriptor("<atlassian-plugin key=\"k\" plugins-version=\"1\" pluginsVersion=\"2\"/>")
        #expect(both.pluginsVersion == "2")
        #expect(both.marketplaceFacts.addOnType == "two")
        #expect(try descriptor("<atlassian-plugin key=\"k\" pluginsVersion=\"2\"/>").marketplaceFacts.addOnType == "two")
        let blank = try descriptor("<atlassian-plugin key=\"k\" pluginsVersion=\"\" plugins-version=\"2\"/>")
        #expect(blank.marketplaceFacts.addOnType == nil, "a blank one is read, and is no number")
        // ... and named as written, so that a search of the descriptor finds it.
        #expect(blank.marketplaceFacts.warnings.first?.hasPrefix("pluginsVersion=\"\" is neither 1 nor 2") == true)
        #expect(ArtifactRefusal(descriptor: blank)?.message(name: "a.jar") == "The atlassian-plugin.xml of a.jar has pluginsVersion=\"\": only 1 and 2 are plugin framework versions.")
        #expect(ArtifactRefusal(descriptor: try descriptor("<atlassian-plugin key=\"k\" plugins-version=\"3\"/>"))?.message(name: "a.jar")
                == "The atlassian-plugin.xml of a.jar has plugins-version=\"3\": only 1 and 2 are plugin framework versions.")
    }

    @Test func paramsAreCappedInNumberAndLength() throws {
        let many = (0..<100).map { ("p\($0)", String(repeating: "v", count: 1000)) }
        let parsed = try descriptor("<atlassian-plugin key=\"k\"><plugin-info>"
            + many.map { "<param name=\"\($0.0)\">\($0.1)</param>" }.joined() + "</plugin-info></atlassian-plugin>")
        #expect(parsed.pluginInfoParams.count == PluginXMLParser.maximumParameterCount)
        #expect(parsed.pluginInfoParams.values.allSatisfy { $0.count <= 257 })
    }
}
