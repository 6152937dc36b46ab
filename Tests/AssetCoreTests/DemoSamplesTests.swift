import AssetCore
import AssetInspection
import Foundation
import Testing

/// The samples embedded in the binary are the files in Resources/samples/, and the demo can
/// write them out as real files.
@Suite struct DemoSamplesTests {
    /// `Resources/samples/` of the repository this test file is in.
    static let samplesDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/samples").path

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "/demo-samples-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func embeddedBytesEqualTheFilesInResources() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samplesDirectory)
            .filter { !$0.hasPrefix(".") }
        #expect(Set(DemoSamples.fileNames) == Set(files), "run scripts/embed-samples.py after changing Resources/samples")
        for name in files {
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: Self.samplesDirectory + "/" + name))
            #expect(DemoSamples.bytes(of: name) == [UInt8](onDisk), "\(name) differs: run scripts/embed-samples.py")
        }
    }

    @Test func thereIsOneSampleOfEachKind() {
        let extensions = Set(DemoSamples.fileNames.map { ($0 as NSString).pathExtension })
        #expect(extensions == ["png", "jpg", "gif", "bmp", "jar"])
        #expect(DemoSamples.bytes(of: "no-such-sample.png") == nil)
    }

    @Test func materializedSamplesAreRealInspectableFiles() throws {
        let parent = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/nested/samples"
        #expect(try DemoSamples.materialize(into: folder) == folder)
        var kinds: [String: FileInspection.Content] = [:]
        for name in DemoSamples.fileNames {
            let inspection = try FileInspector.inspect(path: folder + "/" + name)
            #expect(inspection.warnings.isEmpty, "\(name): \(inspection.warnings)")
            kinds[name] = inspection.content
        }
        #expect(kinds["app-icon.png"] == .image(ImageInfo(format: .png, width: 144, height: 144)))
        #expect(kinds["banner.jpg"] == .image(ImageInfo(format: .jpeg, width: 1120, height: 548)))
        #expect(kinds["thumbnail.gif"] == .image(ImageInfo(format: .gif, width: 580, height: 330)))
        #expect(kinds["logo.bmp"] == .image(ImageInfo(format: .bmp, width: 72, height: 72)))
        guard case .artifact(let descriptor?) = kinds["sample-plugin-1.0.0.jar"] else {
            Issue.record("the sample jar has no descriptor")
            return
        }
        #expect(descriptor.key == "com.example.sample-plugin")
        #expect(descriptor.version == "1.0.0")
    }

    @Test func materializeRewritesOnlyMissingOrChangedSamples() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DemoSamples.materialize(into: folder)
        let icon = folder + "/app-icon.png"
        let banner = folder + "/banner.jpg"
        let old = Date(timeIntervalSince1970: 1_000_000)
        for path in [icon, banner] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        }
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: banner))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: banner)
        try FileManager.default.removeItem(atPath: folder + "/logo.bmp")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))

        try DemoSamples.materialize(into: folder)

        func modified(_ path: String) throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }
        #expect(try modified(icon) == old, "an unchanged sample is left alone")
        #expect(try modified(banner) != old, "a changed sample is rewritten")
        #expect(DemoSamples.bytes(of: "banner.jpg") == [UInt8](try Data(contentsOf: URL(fileURLWithPath: banner))))
        #expect(FileManager.default.fileExists(atPath: folder + "/logo.bmp"))
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "mine")
    }

    @Test func materializeIntoAFileIsAnError() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: AssetError.self) { try DemoSamples.materialize(into: file) }
    }
}
