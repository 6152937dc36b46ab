import AssetInspection
import Foundation
import PropertyBased
import Testing
import TestSupport

/// Random and mutated bytes never crash the readers: they give a plausible answer or an
/// InspectionError of one line.
@Suite(.ownThreads) struct HeaderFuzzTests {
    /// The sample images' first bytes, the material for mutations.
    static let sampleHeads: [[UInt8]] = [Samples.icon, Samples.banner, Samples.thumbnail, Samples.logo].map { name in
        Array(((try? Samples.bytes(name)) ?? []).prefix(2048))
    }

    /// A byte array read by the header reader: either an answer with a positive size, or a one-line error.
    private func checkReader(_ bytes: [UInt8]) {
        do {
            let info = try ImageHeaderReader.imageInfo(of: bytes)
            #expect(info.width > 0 && info.height > 0)
        } catch {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    @Test func randomBytesNeverCrashTheHeaderReader() async {
        await propertyCheck(count: 2000, input: Gen.uint8().array(of: 0...300)) { bytes in
            checkReader(bytes)
        }
    }

    @Test func randomBytesAfterEachMagicNeverCrashTheHeaderReader() async {
        let magics: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], Array("GIF89a".utf8), Array("GIF87a".utf8),
            Array("BM".utf8), Array("BM".utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0],
            Array("BM".utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0],
        ]
        await propertyCheck(count: 3000, input: Gen.element(of: magics), Gen.uint8().array(of: 0...200)) { magic, tail in
            checkReader((magic ?? []) + tail)
        }
    }

    @Test func jpegSegmentSoupNeverCrashesTheWalk() async {
        // Markers and lengths drawn from the values that matter, in random order.
        let pieces: [[UInt8]] = [
            [0xFF], [0xFF, 0xFF], [0xFF, 0xC0], [0xFF, 0xC2], [0xFF, 0xC4], [0xFF, 0xDA], [0xFF, 0xD9], [0xFF, 0xE1],
            [0xFF, 0x00], [0xFF, 0xD0], [0x00, 0x00], [0x00, 0x02], [0x00, 0x08], [0xFF, 0xFF], [0x00, 0x11], [0x01],
        ]
        await propertyCheck(count: 3000, input: Gen.element(of: pieces).array(of: 0...40)) { chosen in
            checkReader([0xFF, 0xD8] + chosen.flatMap { $0 ?? [] })
        }
    }

    @Test func mutatedSampleHeadersNeverCrashTheHeaderReader() async {
        let mutation = zip(
            Gen.int(in: 0...(Self.sampleHeads.count - 1)),
            Gen.int(in: 0...2047).array(of: 1...8),
            Gen.uint8().array(of: 8),
            Gen.int(in: 0...2048)
        )
        await propertyCheck(count: 3000, input: mutation) { sampleIndex, positions, values, cut in
            var bytes = Self.sampleHeads[sampleIndex]
            for (position, value) in zip(positions, values) where position < bytes.count {
                bytes[position] = value
            }
            checkReader(Array(bytes.prefix(cut)))
        }
    }

    @Test func mutatedDescriptorXMLNeverCrashesTheParser() async {
        let xml = Array(Descriptors.xml().utf8)
        let mutation = zip(Gen.int(in: 0...(xml.count - 1)).array(of: 1...6), Gen.uint8().array(of: 6), Gen.int(in: 0...xml.count))
        await propertyCheck(count: 1000, input: mutation) { positions, values, cut in
            var bytes = xml
            for (position, value) in zip(positions, values) { bytes[position] = value }
            do {
                let descriptor = try PluginXMLParser.descriptor(from: Data(bytes.prefix(cut)))
                for value in [descriptor.key, descriptor.name, descriptor.version, descriptor.vendorName].compactMap({ $0 }) {
                    #expect(SafeText.isSafe(value) && !value.contains("\n"))
                }
            } catch {
                #expect((error as? InspectionError)?.message.hasPrefix("atlassian-plugin.xml") == true)
            }
        }
    }
}

/// Damaged archives never crash the artifact reader (ZIPFoundation and the descriptor parser).
@Suite(.ownThreads) struct ArchiveFuzzTests {
    @Test func mutatedPluginJarsNeverCrashTheInspector() async throws {
        let jar = try Samples.bytes(Samples.plugin)
        let directory = try TemporaryDirectory()
        let mutation = zip(Gen.int(in: 0...(jar.count - 1)).array(of: 1...6), Gen.uint8().array(of: 6), Gen.int(in: 1...jar.count))
        await propertyCheck(count: 400, input: mutation) { positions, values, cut in
            var bytes = jar
            for (position, value) in zip(positions, values) { bytes[position] = value }
            let path = try directory.write(Array(bytes.prefix(cut)), to: "mutated.jar")
            do {
                let inspection = try FileInspector.inspect(path: path)
                #expect(inspection.isArtifact)
            } catch let error as InspectionError {
                #expect(error.message.hasPrefix(path) && !error.message.contains("\n"))
            }
        }
    }
}
