import Foundation
import Testing
@testable import MarketplaceAPI

/// Foundation's file errors on Linux say only "The operation could not be completed"; the
/// reason is their underlying POSIX error.
@Suite struct FileErrorReasonTests {
    /// A fresh folder for one test.
    private static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "/file-error-reason-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFolderThatCannotBeMadeSaysWhy() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/a-file"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let error = #expect(throws: (any Error).self) {
            try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true)
        }
        #expect(error.map(FileErrorReason.describe) == "Not a directory")
        let exists = #expect(throws: (any Error).self) {
            try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        }
        #expect(exists.map(FileErrorReason.describe) == "File exists")
    }

    @Test func aProgramThatCannotStartSaysWhy() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let program = folder + "/not-a-program"
        #expect(FileManager.default.createFile(atPath: program, contents: Data([0, 1, 2, 3]), attributes: [.posixPermissions: 0o755]))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        let error = #expect(throws: (any Error).self) { try process.run() }
        #expect(error.map(FileErrorReason.describe) == "Exec format error")
    }
}
