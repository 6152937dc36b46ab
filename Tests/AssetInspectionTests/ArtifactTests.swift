import AssetInspection
import Foundation
import Testing
import TestSupport

/// App artifacts: jars and obrs, with and without descriptors, damaged and hostile ones.
@Suite(.ownThreads) struct ArtifactTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func inspect(_ bytes: [UInt8], as name: String) throws -> FileInspection {
        try FileInspector.inspect(path: directory.write(bytes, to: name))
    }

    private func failure(_ bytes: [UInt8], as name: String) throws -> String? {
        let path = try directory.write(bytes, to: name)
        do {
            _ = try FileInspector.inspect(path: path)
            return nil
        } catch {
            #expect(error.message.hasPrefix(path))
            return error.message
        }
    }

    private func descriptor(of inspection: FileInspection) -> PluginDescriptor? {
        if case .artifact(let descriptor) = inspection.content { return descriptor }
        Issue.record("expected an artifact, got \(inspection.content)")
        return nil
    }

    @Test("a jar named as a Maven side jar (-sources, -javadoc, -tests) is read, with a warning that it is not the app; other names are not")
    func mavenSideJars() throws {
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml())])
        for name in ["app-2.3.4-sources.jar", "app-2.3.4-javadoc.jar", "app-2.3.4-TESTS.jar", "app-2.3.4-test-sources.jar"] {
            let inspection = try inspect(jar, as: name)
            #expect(inspection.warnings.contains { $0.hasPrefix("\(name) is named as Maven's ") && $0.hasSuffix("upload the build's main jar") },
                    "\(name): \(inspection.warnings)")
        }
        for name in ["app-2.3.4.jar", "resources.jar", "app-sources.obr", "my-tests-app.jar"] {
            #expect(FileInspector.mavenSideJarClassifier(of: name) == nil, "\(name)")
        }
    }

    @Test("a jar holding atlassian-plugin.xml twice (a shaded dependency's) is read by the last, as Java's JarFile reads it, and warned of")
    func theLastOfTwoDescriptorsIsRead() throws {
        for stored in [false, true] {
            let jar = try ZipMaker.archive([
                ("atlassian-plugin.xml", Descriptors.xml(key: "com.example.first", version: "1.0.0")), ("a/b.class", "x"),
                ("atlassian-plugin.xml", Descriptors.xml(key: "com.example.last", version: "9.9.9")),
            ].map { ZipMaker.Item($0.0, Array($0.1.utf8)) }, stored: stored)
            let inspection = try inspect(jar, as: "shaded.jar")
            #expect(descriptor(of: inspection)?.key == "com.example.last" && descriptor(of: inspection)?.version == "9.9.9", "stored: \(stored)")
            #expect(inspection.warnings.first == "shaded.jar holds atlassian-plugin.xml 2 times (a shaded dependency's?): the last is read, as Java reads it")
        }
    }

    @Test("a plugin key with a ':' is warned of: the plugin framework refuses to load it")
    func aKeyWithAColonIsWarnedOf() throws {
        let inspection = try inspect(try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml(key: "com.example:colon"))]), as: "colon.jar")
        #expect(inspection.warnings == ["colon.jar: its plugin key com.example:colon holds a ':', which the plugin framework refuses to load"])
    }

    @Test("a key or version the build left as ${…} is warned of: Maven resource filtering was off")
    func anUnfilteredPlaceholderIsWarnedOf() throws {
        let unfiltered = try inspect(try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml(key: "${atlassian.plugin.key}", version: "${project.version}"))]),
                                     as: "raw.jar")
        #expect(unfiltered.warnings == ["raw.jar: the build did not fill in atlassian-plugin.xml's key ${atlassian.plugin.key}, version ${project.version} "
            + "(Maven resource filtering off?): Marketplace reads them as written"])
        #expect(PluginDescriptor.isUnfilled("${project.version}") && !PluginDescriptor.isUnfilled("a}b${c") && !PluginDescriptor.isUnfilled("1.0"))
    }

    @Test func jarDescriptorAndManifestAreRead() throws {
        let manifest = "Manifest-Version: 1.0\nAtlassian-Plugin-Key: com.example.test\nBundle-Name: Test\n  App\n\nName: a/b.class\nSHA-256-Digest: xyz\n"
        let jar = try ZipMaker.archive([("META-INF/MANIFEST.MF", manifest), ("atlassian-plugin.xml", Descriptors.xml())])
        let inspection = try inspect(jar, as: "test-app.jar")
        #expect(descriptor(of: inspection) == PluginDescriptor(
            key: "com.example.test", name: "Test App", version: "2.3.4", vendorName: "Test Vendor",
            vendorURL: "https://example.com", pluginsVersion: "2",
            manifest: ["Manifest-Version": "1.0", "Atlassian-Plugin-Key": "com.example.test", "Bundle-Name": "Test App"]))
        #expect(inspection.warnings.isEmpty)
        #expect(inspection.contentType == "application/java-archive")
    }

    @Test("a descriptor's key that is not the manifest's Atlassian-Plugin-Key is warned of: the plugin framework refuses to install it")
    func keysThatDifferAreWarnedOf() throws {
        let manifest = "Manifest-Version: 1.0\nAtlassian-Plugin-Key: com.example.manifestkey\nBundle-SymbolicName: com.example.bundle\n"
        let jar = try ZipMaker.archive([("META-INF/MANIFEST.MF", manifest), ("atlassian-plugin.xml", Descriptors.xml(key: "com.example.descriptorkey", version: "1.0.0"))])
        let inspection = try inspect(jar, as: "keymismatch-1.0.0.jar")
        #expect(descriptor(of: inspection)?.key == "com.example.descriptorkey")
        #expect(inspection.warnings == ["keymismatch-1.0.0.jar: atlassian-plugin.xml's key com.example.descriptorkey is not the manifest's "
            + "Atlassian-Plugin-Key com.example.manifestkey, and the plugin framework refuses to install a plugin whose two keys differ"])
    }

    @Test func jarWithoutDescriptorIsAnArtifactWithAWarning() throws {
        let jar = try ZipMaker.archive([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), ("lib/Util.class", "cafebabe")])
        let inspection = try inspect(jar, as: "library.jar")
        #expect(inspection.content == .artifact(nil))
        #expect(inspection.warnings == ["library.jar has no atlassian-plugin.xml, so its plugin key, name and version are unknown"])
    }

    /// The framework reads only the jar's top `atlassian-plugin.xml`; one in a folder is named, so that the slip shows.
    @Test func aDescriptorInAFolderIsNamedAsMisplaced() throws {
        let jar = try ZipMaker.archive([("META-INF/atlassian-plugin.xml", Descriptors.xml()), ("sub/atlassian-plugin.xml", Descriptors.xml())])
        let inspection = try inspect(jar, as: "nested.jar")
        #expect(inspection.content == .artifact(nil))
        #expect(inspection.warnings == ["nested.jar has no atlassian-plugin.xml at its root (one is at META-INF/atlassian-plugin.xml, "
            + "where the plugin framework does not look: it must be at the jar's top), so its plugin key, name and version are unknown"])
        #expect(ArtifactRefusal(inspection)?.message(name: "nested.jar") == "nested.jar has no atlassian-plugin.xml at its root (one is at "
            + "META-INF/atlassian-plugin.xml, where the plugin framework does not look: it must be at the jar's top), so it is not an app Marketplace can read.")
    }

    @Test func descriptorWithoutKeyTakesTheManifestKeyAndWarnsOfAMissingVersion() throws {
        let xml = #"<atlassian-plugin name="Keyless"><plugin-info><vendor name="V"/></plugin-info></atlassian-plugin>"#
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", xml), ("META-INF/MANIFEST.MF", "Atlassian-Plugin-Key: from.manifest\r\n")])
        let inspection = try inspect(jar, as: "keyless.jar")
        #expect(descriptor(of: inspection)?.key == "from.manifest")
        #expect(descriptor(of: inspection)?.version == nil)
        #expect(inspection.warnings == ["keyless.jar: atlassian-plugin.xml gives no version"])
    }

    @Test(arguments: [
        #"<atlassian-plugin key="a" name="b"><plugin-info><version>1</version></plugin-info>"#,  // truncated
        #"<atlassian-plugin key="a" name="b"><plugin-info></atlassian-plugin>"#,  // mismatched tags
        #"<atlassian-plugin key="a name="b"/>"#,  // broken attribute
        "not xml at all",
        "",
    ])
    func malformedDescriptorIsAnError(xml: String) throws {
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", xml)])
        let message = try failure(jar, as: "broken.jar")
        #expect(message?.contains("atlassian-plugin.xml") == true)
    }

    @Test func descriptorWithAnotherRootElementIsAnError() throws {
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", #"<plugin key="a"/>"#)])
        let message = try failure(jar, as: "wrong-root.jar")
        #expect(message?.contains("the root element is <plugin>, not <atlassian-plugin>") == true)
    }

    @Test func descriptorValuesAreOneLineOfSafeText() throws {
        // XML 1.0 forbids C0 controls but for tab and newlines; C1 controls (CSI, 0x9B) and
        // bidi overrides are allowed, and a terminal would act on them.
        let xml = Descriptors.xml(name: "Evil&#x9B;2J&#x202E; App&#10;line two", version: "\n   1.0.0\n  ")
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", xml)])
        let found = descriptor(of: try inspect(jar, as: "evil.jar"))
        #expect(found?.version == "1.0.0")
        #expect(found?.name == "Evil\u{FFFD}2J\u{FFFD} App line two")
    }

    @Test func descriptorThatIsNotUTF8IsRefusedBeforeParsing() throws {
        // A stray byte in a tag name: FoundationXML would crash on it, so it never gets it.
        var xml = Array(Descriptors.xml().utf8)
        xml[xml.firstIndex(of: UInt8(ascii: "k"))!] = 0xE9
        let jar = try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", xml)])
        #expect(try failure(jar, as: "latin1.jar")?.contains("atlassian-plugin.xml is not valid UTF-8 text") == true)
    }

    @Test("a descriptor in an encoding its declaration names, or saved as UTF-16 with or without its byte order mark, is read as the plugin framework reads it")
    func descriptorsInOtherEncodingsAreRead() throws {
        let body = #"<atlassian-plugin key="com.example.enc" name="Caf\#u{E9} App" plugins-version="2"><plugin-info>"#
            + #"<version>1.0.0</version><vendor name="M\#u{FC}ller GmbH"/></plugin-info></atlassian-plugin>"#
        let latin1 = try #require(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + body).data(using: .isoLatin1))
        let alias = try #require(("<?xml version=\"1.0\" encoding = 'ISO_8859-1' standalone=\"yes\" ?>" + body).data(using: .isoLatin1))
        var utf16 = [UInt8]([0xFF, 0xFE])
        for unit in ("<?xml version='1.0' encoding='UTF-16'?>" + body).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var utf32LittleEndianWithoutMark: [UInt8] = []
        for scalar in ("<?xml version='1.0' encoding='UTF-32LE'?>" + body).unicodeScalars {
            utf32LittleEndianWithoutMark += withUnsafeBytes(of: scalar.value.littleEndian, Array.init)
        }
        var utf16BigEndianWithoutMark: [UInt8] = []
        for unit in ("<?xml version='1.0' encoding='UTF-16BE'?>" + body).utf16 { utf16BigEndianWithoutMark += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        // windows-1252 (Windows' default, with curly quotes at 0x93 and 0x94), and Java's spelling of ISO-8859-15 (with € at 0xA4).
        let windows = [UInt8]("<?xml version=\"1.0\" encoding=\"windows-1252\"?>".utf8) + [UInt8](latin1.dropFirst(latin1.firstIndex(of: UInt8(ascii: "\n"))! + 1))
        let quoted = windows.replacing(Array("App".utf8), with: [0x93] + Array("App".utf8) + [0x94])
        let latin9 = [UInt8]("<?xml version=\"1.0\" encoding=\"ISO8859_15\"?>".utf8) + [UInt8](latin1.dropFirst(latin1.firstIndex(of: UInt8(ascii: "\n"))! + 1))
            .replacing(Array("App".utf8), with: [0xA4])
        for (name, xml, expected) in [("windows.jar", quoted, "Caf\u{E9} \u{201C}App\u{201D}"), ("latin9.jar", latin9, "Caf\u{E9} \u{20AC}")] {
            let jar = try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", xml)])
            let found = descriptor(of: try inspect(jar, as: name))
            #expect(found?.name == expected && found?.vendorName == "M\u{FC}ller GmbH", "\(name): \(String(describing: found))")
        }
        let unknown = [UInt8]("<?xml version=\"1.0\" encoding=\"x-no-such\"?>".utf8) + [UInt8](latin1.dropFirst(latin1.firstIndex(of: UInt8(ascii: "\n"))! + 1))
        #expect(try failure(try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", unknown)]), as: "unknown.jar")?.contains("is not valid UTF-8 text") == true)
        for (name, xml) in [("latin1.jar", [UInt8](latin1)), ("alias.jar", [UInt8](alias)), ("utf16.jar", utf16), ("utf16be.jar", utf16BigEndianWithoutMark), ("utf32.jar", utf32LittleEndianWithoutMark)] {
            let jar = try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", xml)])
            let found = descriptor(of: try inspect(jar, as: name))
            #expect(found?.name == "Caf\u{E9} App" && found?.vendorName == "M\u{FC}ller GmbH", "\(name): \(String(describing: found))")
        }
        // Named in a comment, not in the declaration: UTF-8, as an XML reader takes it, and these bytes are not.
        let commented = try #require(("<?xml version=\"1.0\"?><!-- encoding=\"ISO-8859-1\" -->" + body).data(using: .isoLatin1))
        let jar = try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", [UInt8](commented))])
        #expect(try failure(jar, as: "commented.jar")?.contains("is not valid UTF-8 text") == true)
    }

    @Test func externalEntitiesAreNotResolved() throws {
        let secret = try directory.write(Array("TOP-SECRET-CONTENT".utf8), to: "secret.txt")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE atlassian-plugin [<!ENTITY leak SYSTEM "file://\(secret)">]>
            <atlassian-plugin key="k" name="&leak;"><plugin-info><version>1</version></plugin-info></atlassian-plugin>
            """
        let jar = try ZipMaker.archive([("atlassian-plugin.xml", xml)])
        let path = try directory.write(jar, to: "xxe.jar")
        // Refusing the document is fine too; leaking the file is not.
        if let inspection = try? FileInspector.inspect(path: path) {
            #expect(descriptor(of: inspection)?.name?.contains("TOP-SECRET") != true)
        }
        // The refusal names the DOCTYPE, not "not well-formed": the XML is valid.
        let message = try failure(jar, as: "xxe.jar")
        #expect(message?.contains("or its <!DOCTYPE> names an external entity, which this tool never loads") == true, "\(message ?? "")")
        // One with only an internal subset, an entity of its own, is read.
        let plain = """
            <?xml version="1.0"?>
            <!DOCTYPE atlassian-plugin [<!ENTITY nice "Nice">]>
            <atlassian-plugin key="k" name="&nice;"><plugin-info><version>1</version></plugin-info></atlassian-plugin>
            """
        let inspection = try FileInspector.inspect(path: try directory.write(try ZipMaker.archive([("atlassian-plugin.xml", plain)]), to: "own.jar"))
        #expect(descriptor(of: inspection)?.name == "Nice")
    }

    @Test func zipBombDescriptorIsRefusedByItsDeclaredSize() throws {
        // 50 MB of zeros deflate to about 50 KB.
        let bomb = try ZipMaker.archive([ZipMaker.Item.zeros("atlassian-plugin.xml", size: 50_000_000)])
        #expect(bomb.count < 1_000_000)
        let message = try failure(bomb, as: "bomb.jar")
        #expect(message?.contains("atlassian-plugin.xml is 50000000 bytes unpacked, more than the 8 MiB read at most") == true)
        // A large app's descriptor (2 MB of web items) is read.
        let items = String(repeating: "<web-item key=\"item\" section=\"system.top.navigation.bar\"><label key=\"x\"/></web-item>\n", count: 25_000)
        let large = Descriptors.xml().replacingOccurrences(of: "</atlassian-plugin>", with: items + "</atlassian-plugin>")
        #expect(large.utf8.count > 2_000_000)
        let read = try FileInspector.inspect(path: try directory.write(try ZipMaker.archive([("atlassian-plugin.xml", large)]), to: "large.jar"))
        #expect(descriptor(of: read)?.key != nil)
        // One that grows past what libxml2 parses once converted (4 MB of € in windows-1252, 12 MB in UTF-8): said so, not "malformed".
        let euros = [UInt8]("<?xml version=\"1.0\" encoding=\"windows-1252\"?><atlassian-plugin key=\"k\"><!--".utf8)
            + [UInt8](repeating: 0x80, count: 4_000_000) + [UInt8]("--></atlassian-plugin>".utf8)
        let grown = try failure(try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", euros)]), as: "euros.jar")
        #expect(grown?.contains("bytes once converted to UTF-8, more than the 10000000 the XML parser reads") == true, "\(String(describing: grown))")
    }

    @Test func zipBombWithALyingSizeIsStoppedWhileUnpacking() throws {
        let honest = try ZipMaker.archive([ZipMaker.Item.zeros("atlassian-plugin.xml", size: 50_000_000)])
        let lying = ZipMaker.lyingAboutSize(of: "atlassian-plugin.xml", in: honest, as: 100)
        #expect(lying != honest)
        let message = try failure(lying, as: "lying.jar")
        #expect(message?.contains("unpacks to more than the 8 MiB read at most") == true)
    }

    @Test("a stored entry (its data is its size) sized past the end of the file is refused as the central directory's damage")
    func storedEntrySizedPastTheFile() throws {
        let stored = try ZipMaker.archive([ZipMaker.Item("atlassian-plugin.xml", Array(Descriptors.xml().utf8))], stored: true)
        #expect(descriptor(of: try FileInspector.inspect(path: try directory.write(stored, to: "stored.jar"))) != nil)
        let lying = ZipMaker.lyingAboutSize(of: "atlassian-plugin.xml", in: stored, as: 0x7FFF_FFFF)
        let message = try failure(lying, as: "stored-lying.jar")
        #expect(message?.contains("its central directory places or sizes an entry past the end of the file") == true, "\(String(describing: message))")
    }

    /// `zip` with its first central directory entry's `field` (20 compressed size, 24 uncompressed
    /// size, 42 local header offset) moved to a ZIP64 extra field holding `value`.
    private static func zip64(_ zip: [UInt8], field: Int, value: UInt64, dataDescriptor: Bool = false) throws -> [UInt8] {
        var bytes = zip
        let entry = try #require((0..<bytes.count - 4).first { bytes[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        let nameLength = Int(bytes[entry + 28]) | Int(bytes[entry + 29]) << 8
        let extraLength = Int(bytes[entry + 30]) | Int(bytes[entry + 31]) << 8
        bytes.replaceSubrange(entry + field..<entry + field + 4, with: [0xFF, 0xFF, 0xFF, 0xFF])
        if dataDescriptor { bytes[entry + 8] |= 0x08 }
        let extra = Headers.littleEndian16(1) + Headers.littleEndian16(8) + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        bytes.insert(contentsOf: extra, at: entry + 46 + nameLength + extraLength)
        bytes.replaceSubrange(entry + 30..<entry + 32, with: Headers.littleEndian16(UInt16(extraLength + extra.count)))
        let end = try #require((0..<bytes.count - 4).last { bytes[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        let directorySize = UInt32(bytes[end + 12]) | UInt32(bytes[end + 13]) << 8 | UInt32(bytes[end + 14]) << 16 | UInt32(bytes[end + 15]) << 24
        bytes.replaceSubrange(end + 12..<end + 16, with: Headers.littleEndian32(directorySize + UInt32(extra.count)))
        return bytes
    }

    @Test("ZIP64 places and sizes past the file are refused before ZIPFoundation reads them (they trapped the process)",
          arguments: [(42, UInt64(1) << 63, false), (42, UInt64.max, false), (20, UInt64.max - 15, false), (20, UInt64.max - 15, true),
                      (24, UInt64.max - 15, true), (20, UInt64(1) << 63, false)])
    func zip64FieldsPastTheFile(field: Int, value: UInt64, dataDescriptor: Bool) throws {
        let honest = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml())])
        let hostile = try Self.zip64(honest, field: field, value: value, dataDescriptor: dataDescriptor)
        let message = try failure(hostile, as: "zip64-\(field)-\(dataDescriptor).jar")
        #expect(message?.contains("its central directory places or sizes an entry past the end of the file") == true, "\(String(describing: message))")
        // ... and inside a bundle, as its app jar.
        let obr = try ZipMaker.archive([ZipMaker.Item("app.jar", hostile)])
        #expect(try failure(obr, as: "zip64-\(field)-\(dataDescriptor).obr")?.contains("app.jar inside is not a readable ZIP archive") == true)
    }

    @Test("a manifest is read from its start, where its main section is: a signed jar's of 1.5 MB is read, a bomb's first MiB only")
    func aManifestIsReadFromItsStartOnly() throws {
        // jarsigner writes a digest section per class after the main section: 1.5 MB for 12,000 classes.
        let digests = (0..<12_000).map { "Name: com/acme/big/Class\($0).class\r\nSHA-256-Digest: \(String(repeating: "A", count: 44))\r\n\r\n" }
        let manifest = "Manifest-Version: 1.0\r\nBundle-Version: 10.4.2\r\nAtlassian-Plugin-Key: com.acme.big\r\n\r\n" + digests.joined()
        #expect(manifest.utf8.count > 1 << 20, "more than the MiB read")
        for stored in [false, true] {
            let jar = try ZipMaker.archive([ZipMaker.Item("META-INF/MANIFEST.MF", Array(manifest.utf8)),
                                            ZipMaker.Item("atlassian-plugin.xml", Array(Descriptors.xml().utf8))], stored: stored)
            let inspection = try inspect(jar, as: "acme-bigapp-signed-10.4.2.jar")
            #expect(descriptor(of: inspection)?.manifest == ["Manifest-Version": "1.0", "Bundle-Version": "10.4.2", "Atlassian-Plugin-Key": "com.acme.big"])
        }
        // 5 MB of zeros: one MiB is unpacked, and nothing in it is an attribute.
        let bomb = try ZipMaker.archive([
            ZipMaker.Item("atlassian-plugin.xml", Array(Descriptors.xml().utf8)),
            ZipMaker.Item.zeros("META-INF/MANIFEST.MF", size: 5_000_000),
        ])
        #expect(descriptor(of: try inspect(bomb, as: "manifest-bomb.jar"))?.manifest == [:])
    }

    @Test func obrDescriptorComesFromItsAppJar() throws {
        let appJar = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml(key: "com.example.bundled", version: "9.9"))])
        let dependency = try ZipMaker.archive([("dep/Dep.class", "cafebabe")])
        let obr = try ZipMaker.archive([
            ZipMaker.Item("obr.xml", Array("<repository/>".utf8)),
            ZipMaker.Item("dependencies/dependency.jar", dependency),
            ZipMaker.Item("app.jar", appJar),
        ])
        let inspection = try inspect(obr, as: "bundle.obr")
        #expect(descriptor(of: inspection)?.key == "com.example.bundled")
        #expect(descriptor(of: inspection)?.version == "9.9")
        #expect(inspection.warnings.isEmpty)
        #expect(inspection.contentType == "application/zip")
    }

    @Test("an obr holding two jars of one name is read by the last, as Java finds it; a jar in an obr with two descriptors is warned of")
    func anObrsJarOfANameGivenTwiceIsTheLast() throws {
        for stored in [false, true] {
            let first = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml(key: "com.example.first"))])
            let last = try ZipMaker.archive([
                ("atlassian-plugin.xml", Descriptors.xml(key: "com.example.shaded")), ("atlassian-plugin.xml", Descriptors.xml(key: "com.example.last")),
            ].map { ZipMaker.Item($0.0, Array($0.1.utf8)) })
            let obr = try ZipMaker.archive([ZipMaker.Item("plugin.jar", first), ZipMaker.Item("plugin.jar", last)], stored: stored)
            let inspection = try inspect(obr, as: "dup.obr")
            #expect(descriptor(of: inspection)?.key == "com.example.last", "stored: \(stored)")
            #expect(inspection.warnings == ["dup.obr (its jar plugin.jar) holds atlassian-plugin.xml 2 times (a shaded dependency's?): the last is read, as Java reads it"])
        }
    }

    @Test func obrWithItsOwnDescriptorUsesIt() throws {
        let appJar = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml(key: "inner"))])
        let obr = try ZipMaker.archive([
            ZipMaker.Item("atlassian-plugin.xml", Array(Descriptors.xml(key: "outer").utf8)),
            ZipMaker.Item("app.jar", appJar),
        ])
        #expect(descriptor(of: try inspect(obr, as: "own.obr"))?.key == "outer")
    }

    @Test func obrWhoseJarHasNoDescriptorWarns() throws {
        let appJar = try ZipMaker.archive([("Main.class", "cafebabe")])
        let obr = try ZipMaker.archive([ZipMaker.Item("app.jar", appJar)])
        let inspection = try inspect(obr, as: "empty.obr")
        #expect(inspection.content == .artifact(nil))
        #expect(inspection.warnings == ["empty.obr has no atlassian-plugin.xml, and neither has its jar app.jar"])
    }

    @Test func obrWithADamagedJarIsAnError() throws {
        let obr = try ZipMaker.archive([("app.jar", "PK\u{3}\u{4} this is not really a jar")])
        let message = try failure(obr, as: "damaged.obr")
        #expect(message?.contains("the jar app.jar inside is not a readable ZIP archive") == true)
    }

    @Test("an .obr's jar over 64 MiB is read from an unnamed temporary file: its key and version are known")
    func obrWithALargeJarIsReadFromATemporaryFile() throws {
        let jar = try ZipMaker.archive([
            ZipMaker.Item("atlassian-plugin.xml", Array(Descriptors.xml(key: "com.example.big", version: "8.0.0").utf8)),
            ZipMaker.Item.zeros("lib/huge-dependency.bin", size: 70 << 20),
        ], stored: true)
        let obr = try ZipMaker.archive([ZipMaker.Item("obr.xml", Array("<repository/>".utf8)), ZipMaker.Item("big-obr-plugin-8.0.0.jar", jar)], stored: true)
        let inspection = try inspect(obr, as: "big-obr-8.0.0.obr")
        #expect(descriptor(of: inspection)?.key == "com.example.big" && descriptor(of: inspection)?.version == "8.0.0")
        #expect(!inspection.descriptorUnread && inspection.warnings.isEmpty, "\(inspection.warnings)")
    }

    @Test func obrWithAnInnerJarBombIsRefused() throws {
        let obr = try ZipMaker.archive([ZipMaker.Item.zeros("app.jar", size: 80 << 20)])
        let inspection = try inspect(obr, as: "jar-bomb.obr")
        #expect(inspection.content == .artifact(nil))
        #expect(inspection.warnings == ["jar-bomb.obr has no atlassian-plugin.xml, and the descriptor of its jar app.jar was not read: "
            + "it unpacks to more than twice its packed size (a zip bomb?)"])
        // Unread is not absent: the upload is not refused for it (Marketplace reads the jar, and judges).
        #expect(inspection.descriptorUnread && ArtifactRefusal(inspection) == nil)
        let empty = try inspect(try ZipMaker.archive([ZipMaker.Item("app.jar", try ZipMaker.archive([("Main.class", "cafebabe")]))]), as: "empty.obr")
        #expect(!empty.descriptorUnread && ArtifactRefusal(empty) == .noDescriptor(misplacedAt: nil))
    }

    @Test func jarThatIsNotAZipIsAnError() throws {
        #expect(try failure(Array("just text".utf8), as: "fake.jar")?.contains("is not a ZIP archive, so it is not an app artifact") == true)
        #expect(try failure(Samples.bytes(Samples.icon), as: "icon.jar")?.hasSuffix("; it is really a PNG image") == true)
    }

    @Test func truncatedJarIsAnErrorNotACrash() throws {
        let jar = try Samples.bytes(Samples.plugin)
        for length in [4, 30, jar.count / 2, jar.count - 10, jar.count - 1] {
            let message = try failure(Array(jar.prefix(length)), as: "cut-\(length).jar")
            #expect(message != nil)
        }
    }

    @Test func damagedEntryDataIsAnError() throws {
        var jar = try ZipMaker.archive([("atlassian-plugin.xml", Descriptors.xml())])
        // Flip bits in the deflated data of the only entry (after its 30-byte header and name).
        for index in 52..<60 { jar[index] ^= 0x5A }
        let message = try failure(jar, as: "flipped.jar")
        #expect(message?.contains("atlassian-plugin.xml") == true)
    }

    /// A jar as Python's `zipfile` writes it, its descriptor's last deflated byte set to 0: ZIPFoundation's
    /// `Archive.extract` inflated on past the end of the file, for ever (found by fuzzing).
    static let damagedStreamEnd = "UEsDBBQAAAAIAHtThl0j391M1wAAAJYBAAAUAAAAYXRsYXNzaWFuLXBsdWdpbi54bWyFkEFuAyEMRfdzCuQ9Q5pVVAFRVTUnaA/g"
            + "zLgpKhgETJXePiSTtNNsys6f/+xv6+0xePFFubjIBh76FQjiIY6ODwbeXndyA1vbaaweS3HIMvnp4Fh80reBIYaejhiSpx5TAsEY"
            + "yMDLLImnszT7i/yZsQbbifb0/CMdv8dZuahXn21R+pVWt3Jp4DHmu1HPMbdZU/YGPmpN5VGpW7AWEtSCT5gxXPHftUasKAfiSlmW"
            + "inUqYBuZsLq9J60u1L9dvGstSrudJMbGjWBrnv7irVgurtX9bW13AFBLAQIUAxQAAAAIAHtThl0j391M1wAAAJYBAAAUAAAAAAAA"
            + "AAAAAACAAQAAAABhdGxhc3NpYW4tcGx1Z2luLnhtbFBLBQYAAAAAAQABAEIAAAAJAQAAAAA="

    @Test("a descriptor whose deflated stream is damaged at its end is refused, not inflated for ever past the file's end")
    func damagedEndOfEntryDataIsAnErrorNotAHang() throws {
        let jar = try #require(Data(base64Encoded: Self.damagedStreamEnd))
        let message = try failure([UInt8](jar), as: "damaged-end.jar")
        #expect(message?.contains("atlassian-plugin.xml cannot be unpacked: the archive is damaged") == true, "\(message ?? "read")")
    }

    /// A jar as Python's `zipfile` writes it with a symbolic link named `atlassian-plugin.xml`
    /// (to `target.xml`) before the descriptor itself, of key `com.example.sym`.
    static let linkBeforeDescriptor = "UEsDBBQAAAAIAAAAIQBvPWctDAAAAAoAAAAUAAAAYXRsYXNzaWFuLXBsdWdpbi54bWwrSSxKTy3Rq8jNAQBQSwMEFAAAAAgAMluG"
            + "XT6ikkFeAAAAiwAAABQAAABhdGxhc3NpYW4tcGx1Z2luLnhtbLNJLMlJLC7OTMzTLcgpTc/MU8hOrbRVSs7P1UutSMwtyEnVK67M"
            + "VVLIS8xNtVUKBjEh6op1y1KLijPz82yVjJTsbCCCupl5afl2NlAZO0M9Axt9GMdGH0WNPrrFdgBQSwECFAMUAAAACAAAACEAbz1n"
            + "LQwAAAAKAAAAFAAAAAAAAAAAAAAA/6EAAAAAYXRsYXNzaWFuLXBsdWdpbi54bWxQSwECFAMUAAAACAAyW4ZdPqKSQV4AAACLAAAA"
            + "FAAAAAAAAAAAAAAAgAE+AAAAYXRsYXNzaWFuLXBsdWdpbi54bWxQSwUGAAAAAAIAAgCEAAAAzgAAAAAA"

    @Test("a link named as the descriptor before it is passed over, as ZIPFoundation passes it: the descriptor is read")
    func aLinkNamedAsTheDescriptorIsPassedOver() throws {
        let jar = try #require(Data(base64Encoded: Self.linkBeforeDescriptor))
        #expect(descriptor(of: try inspect([UInt8](jar), as: "link-first.jar"))?.key == "com.example.sym")
    }

    @Test("an entry named in bytes that are not UTF-8 (Latin-1, no UTF-8 flag) is refused, as Java refuses to open the archive")
    func anEntryNameThatIsNotUTF8IsRefused() throws {
        var jar = try ZipMaker.archive([("rXsumX-latin1.txt", "hello"), ("atlassian-plugin.xml", Descriptors.xml())])
        // `résumé` in Latin-1, in the local header and the central directory alike.
        let name = Array("rXsumX".utf8)
        var patched = 0
        for index in 0..<(jar.count - name.count) where jar[index..<index + name.count].elementsEqual(name) {
            (jar[index + 1], jar[index + 5]) = (0xE9, 0xE9)
            patched += 1
        }
        #expect(patched == 2)
        let message = try failure(jar, as: "nonutf8-names.jar")
        #expect(message?.contains("names an entry in bytes that are not UTF-8 (r\u{FFFD}sum\u{FFFD}-latin1.txt)") == true, "\(String(describing: message))")
        #expect(message?.contains("no Atlassian product can load it") == true)
        // A UTF-8 name is read as ever.
        let fine = try ZipMaker.archive([("résumé.txt", "hello"), ("atlassian-plugin.xml", Descriptors.xml())])
        #expect(descriptor(of: try inspect(fine, as: "utf8-names.jar"))?.key != nil)
    }

    /// ZIPFoundation ends its list of entries at one it cannot read (an encrypted one), as if the
    /// archive ended there: such an archive is refused, not taken for one without a descriptor.
    @Test(arguments: [0, 1]) func encryptedEntryIsAnErrorNotAMissingDescriptor(encrypted: Int) throws {
        var jar = try ZipMaker.archive([("readme.txt", "hello"), ("atlassian-plugin.xml", Descriptors.xml())])
        // Set bit 0 of the general purpose flags (encrypted) in the entry's central directory header.
        var seen = 0
        for index in 0..<(jar.count - 4) where jar[index..<index + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            if seen == encrypted { jar[index + 8] |= 1 }
            seen += 1
        }
        #expect(seen == 2)
        let message = try failure(jar, as: "locked.jar")
        #expect(message?.contains("entry \(encrypted + 1) of the 2 in the ZIP archive cannot be read: the archive is encrypted (password-protected) or damaged, and Java loads a plugin from neither") == true)
    }
}
