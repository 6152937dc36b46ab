import AssetInspection
import Testing

/// Inspection of the real sample files in Resources/samples/.
@Suite struct SampleFileTests {
    @Test(arguments: [
        (Samples.icon, ImageInfo(format: .png, width: 144, height: 144)),
        (Samples.banner, ImageInfo(format: .jpeg, width: 1120, height: 548)),
        (Samples.thumbnail, ImageInfo(format: .gif, width: 580, height: 330)),
        (Samples.logo, ImageInfo(format: .bmp, width: 72, height: 72)),
    ])
    func imageSampleIsReadFromItsHeader(name: String, expected: ImageInfo) throws {
        let path = Samples.path(name)
        let inspection = try FileInspector.inspect(path: path)
        #expect(inspection.content == .image(expected))
        #expect(inspection.contentType == expected.format.mimeType)
        #expect(inspection.fileName == name)
        #expect(inspection.path == path)
        #expect(inspection.size == Int64(try Samples.bytes(name).count))
        #expect(inspection.warnings.isEmpty)
    }

    @Test func pluginJarSampleHasItsDescriptorAndManifest() throws {
        let inspection = try FileInspector.inspect(path: Samples.path(Samples.plugin))
        guard case .artifact(let descriptor?) = inspection.content else {
            Issue.record("expected an artifact with a descriptor, got \(inspection.content)")
            return
        }
        #expect(descriptor.key == "com.example.sample-plugin")
        #expect(descriptor.name == "Sample Plugin")
        #expect(descriptor.version == "1.0.0")
        #expect(descriptor.vendorName == "Example Corp")
        #expect(descriptor.manifest["Atlassian-Plugin-Key"] == "com.example.sample-plugin")
        #expect(descriptor.manifest["Bundle-Version"] == "1.0.0")
        // This header is folded over three lines in the sample's manifest.
        #expect(descriptor.manifest["Import-Package"]
            == #"com.atlassian.plugin;version="[5.0,9.0)",com.atlassian.plugin.spring.scanner.annotation.imports;resolution:=optional,org.slf4j;version="[1.7,3)""#)
        #expect(inspection.contentType == "application/java-archive")
        #expect(inspection.warnings.isEmpty)
    }

    @Test func imageHeaderReaderAgreesOnBytesInMemory() throws {
        #expect(try ImageHeaderReader.imageInfo(of: Samples.bytes(Samples.banner))
            == ImageInfo(format: .jpeg, width: 1120, height: 548))
        #expect(try ImageHeaderReader.imageInfo(of: Samples.bytes(Samples.logo))
            == ImageInfo(format: .bmp, width: 72, height: 72))
    }

    @Test func everyImageSampleTruncatedAnywhereInItsHeaderIsAnErrorNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        for name in [Samples.icon, Samples.banner, Samples.thumbnail, Samples.logo] {
            let bytes = try Samples.bytes(name)
            // Every cut before the size fields end: 24 bytes for PNG, 10 for GIF, 26 for BMP
            // (whose longest size fields end there), for the JPEG at its frame header.
            let headerLength = switch name {
            case Samples.icon: 24
            case Samples.thumbnail: 10
            case Samples.logo: 26
            default: try jpegFrameHeaderEnd(bytes)
            }
            for length in 1..<min(headerLength, bytes.count) {
                let path = try directory.write(Array(bytes.prefix(length)), to: "cut-\(length)-\(name)")
                #expect {
                    _ = try FileInspector.inspect(path: path)
                } throws: { error in
                    let message = (error as? InspectionError)?.message ?? ""
                    return message.hasPrefix(path) && !message.contains("\n")
                }
            }
        }
    }

    /// The offset just past the width field of the banner's frame header.
    private func jpegFrameHeaderEnd(_ bytes: [UInt8]) throws -> Int {
        for index in 0..<(bytes.count - 1) where bytes[index] == 0xFF && [0xC0, 0xC2].contains(bytes[index + 1]) {
            return index + 9
        }
        throw InspectionError("the banner sample has no SOF0 or SOF2 marker")
    }
}
