import AssetCore
import Foundation
import Testing
import TestSupport
@testable import AssetTUI
#if canImport(Glibc)
import Glibc
#endif

/// Listing real folders: kinds, odd names, errors, and a folder of 100,000 entries.
@Suite(.serialized, .ownThreads) struct DirectoryListerTests {
    @Test func listsFilesFoldersLinksAndFIFOs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("icon.png", "12345")
        _ = try folder.write(".hidden")
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link-to-sub", withDestinationPath: folder.path + "/sub")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling", withDestinationPath: folder.path + "/nowhere")
        #expect(mkfifo(folder.path + "/pipe", 0o600) == 0)

        var chunks = 0
        let entries = try DirectoryLister.list(path: folder.path) { _ in chunks += 1 }
        #expect(chunks == 1)
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["icon.png", ".hidden", "sub", "link-to-sub", "dangling", "pipe"])
        #expect(byName["icon.png"]?.kind == .file)
        #expect(byName["icon.png"]?.size == 5)
        #expect(byName["icon.png"]?.uploadKind == .image)
        #expect(byName["icon.png"]?.path == folder.path + "/icon.png")
        #expect(byName[".hidden"]?.isHidden == true)
        #expect(byName["sub"]?.kind == .directory)
        #expect(byName["link-to-sub"]?.kind == .directory)
        #expect(byName["link-to-sub"]?.isSymlink == true)
        #expect(byName["dangling"]?.kind == .other)
        #expect(byName["dangling"]?.isSymlink == true)
        #expect(byName["pipe"]?.kind == .other)
        #expect(byName["pipe"]?.uploadKind == nil)
    }

    @Test func oddNamesAreShownSafely() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let escapeName = "title\u{1B}]0;pwned\u{07}.png"
        _ = try folder.write(escapeName)
        // Not valid UTF-8: "bad", 0xFF, ".png".
        let badBytes: [UInt8] = Array(folder.path.utf8) + [0x2F, 0x62, 0x61, 0x64, 0xFF, 0x2E, 0x70, 0x6E, 0x67, 0]
        let descriptor = badBytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o600) }
        }
        #expect(descriptor >= 0)
        close(descriptor)

        let entries = try DirectoryLister.list(path: folder.path) { _ in }
        let escaped = try #require(entries.first { $0.name.hasPrefix("title") })
        #expect(escaped.name == "title\u{FFFD}]0;pwned\u{FFFD}.png")
        #expect(escaped.path == folder.path + "/" + escapeName)  // the real name, to open it
        #expect(FileManager.default.fileExists(atPath: escaped.path!))
        let bad = try #require(entries.first { $0.name.hasPrefix("bad") })
        #expect(bad.name == "bad\u{FFFD}.png")
        #expect(bad.path == nil)
    }

    @Test func aMissingFolderOrAFileIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("plain.txt")
        #expect(throws: DirectoryLister.Failure(message: "Cannot read \(folder.path)/missing: No such file or directory")) {
            try DirectoryLister.list(path: folder.path + "/missing") { _ in }
        }
        #expect(throws: DirectoryLister.Failure(message: "Cannot read \(file): Not a directory")) {
            try DirectoryLister.list(path: file) { _ in }
        }
    }

    /// 100,000 entries: listed off the key loop in chunks, complete and sorted, and the state
    /// handles them (filtering narrows, the screen draws only the rows in view).
    /// (Its files are made, and its state worked on, on threads of their own: for half a minute
    /// in a debug build they held one of the two threads Swift's concurrency has on 2 cores, and
    /// tests run beside it that read answers on them, Slow drip's, timed out.)
    @Test func aHundredThousandEntries() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let count = 100_000
        let path = folder.path
        let unmade = await OwnThread.run {
            (0..<count).filter { index in
                let descriptor = open(path + "/" + String(format: "file-%06d.png", index), O_CREAT | O_WRONLY, 0o600)
                defer { if descriptor >= 0 { close(descriptor) } }
                return descriptor < 0
            }.count
        }
        #expect(unmade == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/zz-folder", withIntermediateDirectories: false)

        let inbox = ActionInbox()
        let runner = EffectRunner(actions: FakeAssetActions(), inbox: inbox, clipboard: Clipboard(tools: [], insideTmux: false, logPath: nil),
                                  chunkSize: 5_000)
        var state = AppState(mode: .demo(serverURL: Fixtures.serverURL), directory: folder.path,
                             screen: ScreenSize(width: 80, height: 24), imageTypeChoices: [], timeZone: Fixtures.utc)
        for effect in Update.start(&state) where effect != .loadHistory { runner.perform(effect) }
        let actions = await inbox.collect { $0.contains { if case .directoryListed = $0 { true } else { false } } }
        let chunks = actions.filter { if case .directoryChunk = $0 { true } else { false } }
        #expect(chunks.count == 21)  // 100,001 entries in chunks of 5,000
        let listed = state
        let seen = await OwnThread.run {
            var state = listed
            for action in actions { _ = Update.update(&state, action) }
            let names = state.visibleFileNames
            var filtered = state
            filtered.type("/7777")
            let sevens = filtered.visibleFileNames
            filtered.type("7")
            let oneFile = filtered.visibleFileNames
            filtered.press(.escape)
            filtered.type("G")
            return (state: state, names: names, sevens: sevens, oneFile: oneFile, last: filtered.files.selectedEntry?.name, screen: Renderer.render(filtered).text)
        }

        #expect(seen.state.files.listing == .complete)
        #expect(seen.state.files.visible.count == count + 1)
        #expect(seen.state.files.selectedEntry?.name == "zz-folder")  // folders first
        #expect(seen.names[1] == "file-000000.png")
        #expect(seen.names.last == "file-099999.png")
        let names = seen.names.dropFirst()
        #expect(zip(names, names.dropFirst()).allSatisfy { $0 < $1 })
        #expect(seen.sevens.count == 19)  // x7777y and xy7777 for each digit, 077777 once
        #expect(seen.oneFile == ["file-077777.png"])
        #expect(seen.last == "file-099999.png")
        #expect(seen.screen.contains("file-099999.png"))
        #expect(seen.screen.contains("100001/100001"))
    }
}
