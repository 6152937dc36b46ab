import AssetCore
import Foundation
import Testing
import TestSupport

@Suite("Demo uploads folder")
struct DemoUploadsFolderTests {
    @Test("a folder no demo holds in use (its demo killed) is removed at the next start; one held, an older release's, another name's and a file stay")
    func abandonedFoldersAreRemoved() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let files = FileManager.default
        // A demo that was killed: its lock file is there, and no one holds it (the value is gone at once).
        let abandonedPath = try DemoUploadsFolder(in: temporary.path).path
        try files.createDirectory(atPath: abandonedPath + "/artifacts", withIntermediateDirectories: true)
        let held = try DemoUploadsFolder(in: temporary.path)
        let older = temporary.file("marketplace-assets-demo-01207021-FBB5-47DA-A9C8-D32938F1A18B")
        try files.createDirectory(atPath: older + "/images", withIntermediateDirectories: true)
        let file = temporary.file("marketplace-assets-demo-file")
        #expect(files.createFile(atPath: file, contents: Data()))
        DemoUploadsFolder.removeAbandoned(in: temporary.path)
        #expect(!files.fileExists(atPath: abandonedPath))
        #expect(files.fileExists(atPath: held.path) && files.fileExists(atPath: older) && files.fileExists(atPath: file))
        withExtendedLifetime(held) {}
    }
}
