import AssetCore
import Foundation
import Testing
import TestSupport

@Suite("Demo uploads folder")
struct DemoUploadsFolderTests {
    @Test("a folder left by a demo whose process is gone is removed at the next start; this process's, another name's and a file stay")
    func abandonedFoldersAreRemoved() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let files = FileManager.default
        // The ID of a process that has ended: one that ran `true` and was waited for.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = temporary.file("marketplace-assets-demo-pid\(ended.processIdentifier)-A")
        try files.createDirectory(atPath: abandoned + "/artifacts", withIntermediateDirectories: true)
        let mine = DemoUploadsFolder.path(in: temporary.path)
        #expect((mine as NSString).lastPathComponent.hasPrefix("marketplace-assets-demo-pid\(getpid())-"))
        try files.createDirectory(atPath: mine, withIntermediateDirectories: true)
        let other = temporary.file("marketplace-assets-demo-notes")
        try files.createDirectory(atPath: other, withIntermediateDirectories: true)
        let file = temporary.file("marketplace-assets-demo-pid\(ended.processIdentifier)-file")
        #expect(files.createFile(atPath: file, contents: Data()))
        DemoUploadsFolder.removeAbandoned(in: temporary.path)
        #expect(!files.fileExists(atPath: abandoned))
        #expect(files.fileExists(atPath: mine) && files.fileExists(atPath: other) && files.fileExists(atPath: file))
    }
}
