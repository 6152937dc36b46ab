import Foundation
import Testing
import TestSupport
@testable import AssetCore

/// The history shared by several processes (`history-stress`), and writes that fail.
@Suite("History across processes", .serialized, .ownThreads)
struct HistoryProcessTests {
    @Test("16 processes appending 20 entries each at once: all 320 present, none duplicated")
    func concurrentWriters() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        let writers = 16
        let perWriter = 20
        let children = try (0..<writers).map { number in
            try HistoryStressTool.start(["append", "--history", path, "--count", "\(perWriter)", "--tag", "w\(number)"])
        }
        for (process, output, errors) in children {
            let run = HistoryStressTool.finish(process, output, errors)
            #expect(run.status == 0, "\(run.standardError)")
        }
        let entries = try HistoryStore(path: path).load()
        #expect(entries.count == writers * perWriter)
        #expect(Set(entries.map(\.entryId)).count == entries.count)
        let expectedNames = Set((0..<writers).flatMap { w in (0..<perWriter).map { n in "w\(w)-\(n)" } })
        #expect(Set(entries.map { ($0.name as NSString).deletingPathExtension }) == expectedNames)
    }

    @Test("a relative history path is taken from the current folder: written there, and written again")
    func relativePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for count in [3, 1] {
            let run = try HistoryStressTool.run(["generate", "--history", "history.json", "--count", "\(count)"], wrapper: ["/usr/bin/env", "-C", folder.path])
            #expect(run.status == 0, "\(run.standardError)")
        }
        #expect(try HistoryStore(path: folder.file("history.json")).load().count == 4)
    }

    @Test("writers killed with SIGKILL mid-write: the history parses and every entry whose append returned is there")
    func killedWriters() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        var confirmed: Set<String> = []
        for round in 0..<4 {
            let before = (try? HistoryStore(path: path).load().count) ?? 0
            let children = try (0..<3).map { number in
                try HistoryStressTool.start(["append", "--history", path, "--count", "100000", "--tag", "r\(round)w\(number)", "--print-ids"])
            }
            // Killed once they write (a loaded machine can take seconds to start them), at a random moment.
            let deadline = Date().addingTimeInterval(60)
            while ((try? HistoryStore(path: path).load().count) ?? 0) == before, Date() < deadline { usleep(20_000) }
            usleep(UInt32.random(in: 150_000...450_000))
            for (process, _, _) in children { kill(process.processIdentifier, SIGKILL) }
            for (process, output, errors) in children {
                let run = HistoryStressTool.finish(process, output, errors)
                // The last line may be cut by the kill; whole lines were printed after their append returned.
                let whole = run.standardOutput.hasSuffix("\n") ? run.lines : Array(run.lines.dropLast())
                confirmed.formUnion(whole)
            }
            let store = HistoryStore(path: path)
            let ids = Set(try store.load().map(\.entryId.uuidString))
            #expect(confirmed.isSubset(of: ids), "lost \(confirmed.subtracting(ids).count) confirmed entries in round \(round)")
            #expect(store.warnings.isEmpty, "\(store.warnings)")
        }
        #expect(confirmed.count > 0)
    }

    @Test("a read-only history folder: a clear error, and the old history intact")
    func readOnlyFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        let seeded = try HistoryStressTool.run(["append", "--history", path, "--count", "6", "--tag", "old"])
        #expect(seeded.status == 0, "\(seeded.standardError)")
        let before = try folder.snapshot()
        #expect(before["history.json"] != nil)

        // Root ignores permissions, so as root the folder is made read-only with a bind
        // mount in a private mount namespace; otherwise chmod does it.
        let run: HistoryStressTool.Run
        if geteuid() == 0 {
            let script = "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\""
            run = try HistoryStressTool.run(["append", "--history", path, "--count", "1", "--tag", "new"],
                                            wrapper: ["/usr/bin/unshare", "-m", "/bin/sh", "-c", script, folder.path])
            try #require(!run.standardError.contains("unshare:") && !run.standardError.contains("mount:"),
                         "cannot make a read-only mount here: \(run.standardError)")
        } else {
            chmod(folder.path, 0o555)
            run = try HistoryStressTool.run(["append", "--history", path, "--count", "1", "--tag", "new"])
            chmod(folder.path, 0o700)
        }
        #expect(run.status == 1)
        #expect(run.standardError.contains("Read-only file system") || run.standardError.contains("Permission denied"), "\(run.standardError)")
        #expect(run.standardError.contains(folder.path))
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(try folder.snapshot() == before)
        #expect(try HistoryStore(path: path).load().count == 6)
    }

    @Test("a full disk while adding an entry: a clear error, the file byte for byte as it was, no temporary file")
    func fullDiskOnAppend() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        #expect(try HistoryStressTool.run(["append", "--history", path, "--count", "3", "--tag", "old"]).status == 0)
        let before = try folder.snapshot()
        let size = try #require(before["history.json"]).count

        // The file size limit lets the new file start but not finish: a short write.
        let run = try HistoryStressTool.run(["append", "--history", path, "--count", "1", "--tag", "new",
                                             "--file-size-limit", "\(size + 100)"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("File too large"), "\(run.standardError)")
        #expect(run.standardError.contains("history.json"))
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(try folder.snapshot() == before)
        #expect(try HistoryStore(path: path).load().count == 3)
    }

    @Test("a full disk, or a read-only file, when a damaged history is to be moved aside: it stays where it was, with no new history claimed")
    func damagedFileStaysWhenTheWriteFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        #expect(try HistoryStressTool.run(["append", "--history", path, "--count", "3", "--tag", "old"]).status == 0)
        #expect(truncate(path, 300) == 0)  // cut short: moved aside by the next write that succeeds
        let before = try folder.snapshot()
        let run = try HistoryStressTool.run(["append", "--history", path, "--count", "1", "--tag", "new", "--file-size-limit", "100"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("File too large") && !run.standardError.contains("moved"), "\(run.standardError)")
        #expect(try folder.snapshot() == before, "not moved aside, no temporary file")
        #expect(chmod(path, 0o444) == 0)
        #expect { try HistoryStore(path: path).append(SampleEntries.image()) } throws: {
            ($0 as? AssetError)?.message.contains("it is read-only") == true
        }
        #expect(try folder.snapshot() == before)
        #expect(chmod(path, 0o600) == 0)
        let store = HistoryStore(path: path)
        try store.append(SampleEntries.image("new.png"))
        #expect(store.movedAside.count == 1 && store.warnings.first?.hasPrefix(HistoryStore.movedAsideWarningStart) == true)
        #expect(try store.load().map(\.name) == ["new.png"])
    }

    @Test("a full disk while folding an older release's journal in: the old files as they were, no temporary file")
    func fullDiskOnMigration() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = HistoryMigrationTests.fixtures + "/document-and-journal"
        for name in ["history.json", "history.journal.jsonl"] {
            try FileManager.default.copyItem(atPath: fixture + "/" + name, toPath: folder.file(name))
        }
        let path = folder.file("history.json")
        let count = try HistoryStore(path: path).load().count
        let before = try folder.snapshot()

        let run = try HistoryStressTool.run(["append", "--history", path, "--count", "1", "--tag", "new", "--file-size-limit", "1000"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("File too large"), "\(run.standardError)")
        #expect(try folder.snapshot() == before)
        #expect(try HistoryStore(path: path).load().count == count)
    }
}
