import AssetInspection
import PropertyBased
import Testing
import TestSupport

@Suite(.ownThreads) struct ManifestParserTests {
    @Test func mainSectionWithContinuationLinesAndAnyLineEnding() {
        for ending in ["\r\n", "\n", "\r"] {
            let text = ["Manifest-Version: 1.0", "Import-Package: com.a,com", " .b,com.c", "Empty:", "no colon here",
                        "Bundle-Name:Tight", "", "Name: com/x/Y.class", "Digest: abc", ""].joined(separator: ending)
            #expect(ManifestParser.mainAttributes(of: Array(text.utf8)) == [
                "Manifest-Version": "1.0", "Import-Package": "com.a,com.b,com.c", "Empty": "", "Bundle-Name": "Tight",
            ])
        }
    }

    @Test func firstOfRepeatedNamesWins() {
        #expect(ManifestParser.mainAttributes(of: Array("A: 1\nA: 2\n".utf8)) == ["A": "1"])
    }

    @Test func valuesFoldedAt72BytesReadBackWhole() async {
        let value = Gen.character(in: "!"..."~").string(of: 0...300)
        await propertyCheck(count: 300, input: value) { value in
            // Fold as the JAR specification says: 72 bytes a line, continuations after one space.
            var bytes = Array("Long-Header: \(value)".utf8)
            var lines = [Array(bytes.prefix(72))]
            bytes.removeFirst(min(72, bytes.count))
            while !bytes.isEmpty {
                lines.append([0x20] + bytes.prefix(71))
                bytes.removeFirst(min(71, bytes.count))
            }
            let manifest = lines.map { $0 + [0x0D, 0x0A] }.joined()
            #expect(ManifestParser.mainAttributes(of: Array(manifest))["Long-Header"] == value)
        }
    }

    @Test func randomBytesGiveSafeAttributes() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...400)) { bytes in
            for (name, value) in ManifestParser.mainAttributes(of: bytes) {
                #expect(SafeText.isSafe(name) && SafeText.isSafe(value))
            }
        }
    }
}
