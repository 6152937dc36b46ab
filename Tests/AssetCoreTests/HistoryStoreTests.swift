import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

@Suite("History store", .ownThreads)
struct HistoryStoreTests {
    @Test("entries written are read back equal, by this store and by another on the same file")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(try store.load().isEmpty)
        let entries = [SampleEntries.image(), SampleEntries.artifact(), SampleEntries.failed()]
        for entry in entries { try store.append(entry) }
        #expect(try store.load() == entries)
        #expect(try HistoryStore(path: store.path).load() == entries)
        #expect(store.warnings.isEmpty)
    }

    @Test("after 1, 3 and 1,001 writes the file the user named holds every entry, Python's json reads it, and nothing else holds data")
    func everyWriteLandsInTheFile() throws {
        let folder = try TemporaryFolder(inMemory: true)
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        var written: [String] = []
        // Full entries first; small ones after, which keep a thousand writes quick in a debug build.
        let full = [SampleEntries.artifact(), SampleEntries.image(), SampleEntries.failed()]
        for target in [1, 3, 1_001] {
            while written.count < target {
                let entry = full.count > written.count ? full[written.count]
                    : HistoryEntry(kind: .image, name: "i\(written.count).png", serverURL: SampleEntries.server, createdAt: HistoryStore.now())
                try store.append(entry)
                written.append(entry.entryId.uuidString)
            }
            #expect(try Self.entryIdsByPython(store.path) == written, "after \(target) writes")
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["history.json", "history.json.lock"])
            #expect(FileManager.default.contents(atPath: store.lockPath)?.isEmpty == true)
        }
    }

    @Test("update changes one entry in place and keeps its entryId")
    func update() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let first = SampleEntries.image("a.png")
        let second = SampleEntries.image("b.png")
        try store.append(contentsOf: [first, second])
        let changed = try store.update(where: { $0.entryId == first.entryId }) { entry in
            entry.failure = "gone"
            entry.entryId = UUID()
        }
        #expect(changed.map(\.entryId) == [first.entryId])
        #expect(changed.first?.failure == "gone")
        let loaded = try store.load()
        #expect(loaded.map(\.name) == ["a.png", "b.png"])
        #expect(loaded[0].failure == "gone")
        let stamp = store.stamp()
        #expect(try store.update(where: { _ in false }) { $0.failure = "x" }.isEmpty)
        #expect(try store.remove(entryIds: [UUID()]).isEmpty)
        #expect(store.stamp() == stamp, "a change that matches nothing writes nothing")

        // Appending an entry with a known entryId replaces it where it stands.
        var replaced = second
        replaced.failure = "again"
        try store.append(replaced)
        #expect(try store.load().map(\.failure) == ["gone", "again"])
    }

    @Test("remove takes out exactly the named entries, returns them, and passes over unknown IDs")
    func remove() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = [SampleEntries.image("a.png"), SampleEntries.failed("b.jar"), SampleEntries.artifact("c.jar"), SampleEntries.failed("d.jar")]
        try store.append(contentsOf: entries)
        #expect(try store.remove(entryIds: [entries[2].entryId, UUID()]) == [entries[2]])
        #expect(try store.load() == [entries[0], entries[1], entries[3]])
        #expect(try store.remove(entryIds: [entries[3].entryId, entries[1].entryId]) == [entries[1], entries[3]], "oldest first")
        #expect(try store.load() == [entries[0]])
        let before = try folder.snapshot()
        #expect(try store.remove(entryIds: [UUID()]).isEmpty)
        #expect(try folder.snapshot() == before, "nothing removed, nothing written")
    }

    @Test("a write copies the other entries' lines as they are and encodes only what it adds or changes")
    func writesCopyOtherLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let artifact = SampleEntries.artifact("c.jar")
        let entries = [SampleEntries.image("a.png"), SampleEntries.image("b.png"), artifact]
        try store.append(contentsOf: entries)
        // A member a later release might add, in the second entry's line: a copied line keeps it.
        var text = try String(contentsOfFile: store.path, encoding: .utf8)
        let secondId = "{\"entryId\":\"\(entries[1].entryId.uuidString)\""
        text = text.replacingOccurrences(of: secondId, with: secondId + ",\"future\":{\"x\":[1,2]}")
        try text.write(toFile: store.path, atomically: true, encoding: .utf8)

        try store.update(where: { $0.entryId == entries[0].entryId }) { $0.failure = "changed" }
        try store.append(SampleEntries.failed("d.jar"))
        let refreshed = try store.update(where: { $0.id == artifact.id }) { $0.refreshedAt = HistoryStore.now() }
        #expect(refreshed.map(\.entryId) == [artifact.entryId])
        let failed = try #require(try store.load().last)
        #expect(try store.remove(entryIds: [failed.entryId]).map(\.entryId) == [failed.entryId])

        let written = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(written.contains(secondId + ",\"future\":{\"x\":[1,2]}"), "the untouched entry's line is copied byte for byte")
        #expect(written.hasPrefix("{\n  \"schemaVersion\": 2,\n  \"entries\": [\n    {"))
        #expect(written.split(separator: "\n").count == 3 + 3 + 2, "one entry per line")
        let loaded = try store.load()
        #expect(loaded.map(\.name) == ["a.png", "b.png", "c.jar"])
        #expect(loaded[0].failure == "changed")
        #expect(loaded[2].refreshedAt == refreshed.first?.refreshedAt, "the refresh is written, not the line as read")
        #expect(try Self.entryIdsByPython(store.path) == loaded.map(\.entryId.uuidString))
    }

    @Test("an add keeps every byte before the end of the last entry, in ours and in a file indented with tabs")
    func addKeepsEarlierBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = SampleEntries.mixed(4)
        try store.append(contentsOf: entries)
        let ours = try #require(FileManager.default.contents(atPath: store.path))
        let added = SampleEntries.artifact("next.jar")
        try store.append(added)
        let afterOurs = try #require(FileManager.default.contents(atPath: store.path))
        let kept = ours.dropLast("\n  ]\n}\n".utf8.count)
        #expect(afterOurs.starts(with: kept), "the entries before are not written anew")
        #expect(String(decoding: afterOurs.dropFirst(kept.count), as: UTF8.self).hasPrefix(",\n    {\"entryId\":\"\(added.entryId.uuidString)\""))
        #expect(String(decoding: afterOurs, as: UTF8.self).hasSuffix("}\n  ]\n}\n"))

        // Indented otherwise, the keys in their order: the add keeps every byte before the end of its last entry.
        _ = try Self.python("d = json.load(open(sys.argv[1])); open(sys.argv[1], 'w').write(json.dumps(d, indent='\\t') + '\\n')", on: store.path)
        let indented = try #require(FileManager.default.contents(atPath: store.path))
        let last = SampleEntries.image("last.png")
        try store.append(last)
        let afterIndented = try #require(FileManager.default.contents(atPath: store.path))
        let indentedText = String(decoding: indented, as: UTF8.self)
        let lastEntryEnd = try #require(indentedText.range(of: "}\n\t]", options: .backwards)).lowerBound
        #expect(indentedText.hasPrefix("{\n\t\"schemaVersion\": 2,\n\t\"entries\": [\n\t\t{\n\t\t\t\"entryId\""))
        #expect(afterIndented.starts(with: indented.prefix(indentedText[...lastEntryEnd].utf8.count)))
        #expect(try store.load() == entries + [added, last])
        #expect(try Self.entryIdsByPython(store.path) == (entries + [added, last]).map(\.entryId.uuidString))
    }

    @Test("a file that is JSON with an entry that does not read (an edit by hand) is refused by every operation, untouched, naming the entry")
    func aBadEntryIsRefusedNotMovedAside() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(contentsOf: [SampleEntries.artifact("a.jar"), SampleEntries.image("b.png")])
        let good = try String(contentsOfFile: store.path, encoding: .utf8)
        // The second entry (line 5): an unknown kind; a date without its time zone; a member nested
        // deeper than the reader goes (JSON all the same, which no crash makes).
        let deep = "\"kind\":\"image\",\"deep\":" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        for (from, to) in [("\"kind\":\"image\"", "\"kind\":\"video\""), ("Z\",\"imageType", "\",\"imageType"), ("\"kind\":\"image\"", deep)] {
            try good.replacingOccurrences(of: from, with: to).write(toFile: store.path, atomically: true, encoding: .utf8)
            let before = try #require(FileManager.default.contents(atPath: store.path))
            #expect(throws: AssetError.self) { try store.append(SampleEntries.artifact("c.jar")) }
            let error = #expect(throws: AssetError.self) { try store.load() }
            #expect(error?.message.contains("its entry 2 does not read") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("line 5") == true)
            #expect(throws: AssetError.self) { try store.checkWritable() }
            #expect(throws: AssetError.self) { try store.update(where: { _ in true }) { $0.failure = "x" } }
            #expect(FileManager.default.contents(atPath: store.path) == before, "untouched")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".corrupt-") })
        }
        try good.write(toFile: store.path, atomically: true, encoding: .utf8)
        #expect(try store.load().map(\.name) == ["a.jar", "b.png"], "fixed by hand, it reads again")
    }

    @Test("a history reached through a symbolic link is written through it: the link stays, its target holds the entries")
    func symbolicLink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = HistoryStore(path: folder.file("synced/history.json"))
        let first = SampleEntries.image()
        try target.append(first)
        try FileManager.default.createDirectory(atPath: folder.file("state"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.file("state/history.json"), withDestinationPath: "../synced/history.json")
        let viaLink = HistoryStore(path: folder.file("state/history.json"))
        #expect(viaLink.lockPath == target.lockPath, "one lock for both names")
        let second = SampleEntries.artifact()
        try viaLink.append(second)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("state/history.json")) == "../synced/history.json")
        #expect(try target.load() == [first, second])
    }

    @Test("a chain of links, an absolute target, and a target not written yet (the first run with a synced folder) are followed")
    func symbolicLinkChains() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("synced"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.file("second.json"), withDestinationPath: folder.file("synced/history.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("first.json"), withDestinationPath: "second.json")
        let store = HistoryStore(path: folder.file("first.json"))
        #expect(store.path.hasSuffix("/synced/history.json"))
        let entry = SampleEntries.image()
        try store.append(entry)
        #expect(try HistoryStore(path: folder.file("synced/history.json")).load() == [entry])
        for link in ["first.json", "second.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.file(link))
            #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "\(link) is still a link")
        }
    }

    /// What another user can plant in a shared folder (`/tmp`, sticky and world-writable): files
    /// and links owned by `nobody`, made by root here (the test needs root, as CI runs).
    @Test("in a shared folder, another user's link is not followed, their lock link is refused, and their file lends no permissions",
          .enabled(if: geteuid() == 0))
    func sharedFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let shared = folder.file("shared"), victim = folder.file("victim/target.json")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o1777])
        try FileManager.default.createDirectory(atPath: folder.file("victim"), withIntermediateDirectories: false)
        let nobody: uid_t = 65534
        // A link to a file of the other user's choosing: neither followed, read nor written over.
        try FileManager.default.createSymbolicLink(atPath: shared + "/history.json", withDestinationPath: victim)
        #expect(lchown(shared + "/history.json", nobody, nobody) == 0)
        let store = HistoryStore(path: shared + "/history.json")
        #expect(store.path == shared + "/history.json")
        for operation in [{ _ = try store.load() }, { try store.checkWritable() }, { try store.append(SampleEntries.image()) }] as [() throws -> Void] {
            #expect { try operation() } throws: { ($0 as? AssetError)?.message.contains("is a link another user made in a shared folder") == true }
        }
        #expect(!FileManager.default.fileExists(atPath: victim) && !FileManager.default.fileExists(atPath: victim + ".lock"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: store.path) == victim, "the link is left as it was")
        // A lock file that is a link is refused: opening it would create its target.
        let lockLinked = HistoryStore(path: shared + "/other.json")
        try FileManager.default.createSymbolicLink(atPath: lockLinked.lockPath, withDestinationPath: victim)
        #expect(throws: AssetError.self) { try lockLinked.append(SampleEntries.image()) }
        #expect(!FileManager.default.fileExists(atPath: victim))
        // A history another user made first, open to all: the new file keeps only the owner's bits.
        let planted = shared + "/planted.json"
        #expect(FileManager.default.createFile(atPath: planted, contents: Data(HistoryFile.encode([])), attributes: [.posixPermissions: 0o666]))
        #expect(chown(planted, nobody, nobody) == 0)
        try HistoryStore(path: planted).append(SampleEntries.artifact())
        #expect(try FileManager.default.attributesOfItem(atPath: planted)[.posixPermissions] as? Int == 0o600)
        // In a folder a team shares (not sticky), a colleague's history keeps the group's bits.
        try FileManager.default.createDirectory(atPath: folder.file("team"), withIntermediateDirectories: false, attributes: [.posixPermissions: 0o775])
        let teamHistory = folder.file("team/history.json")
        #expect(FileManager.default.createFile(atPath: teamHistory, contents: Data(HistoryFile.encode([])), attributes: [.posixPermissions: 0o664]))
        #expect(chown(teamHistory, nobody, nobody) == 0)
        try HistoryStore(path: teamHistory).append(SampleEntries.artifact())
        #expect(try FileManager.default.attributesOfItem(atPath: teamHistory)[.posixPermissions] as? Int == 0o664)
        // The user's own link in the same folder is followed, as anywhere.
        try FileManager.default.createSymbolicLink(atPath: shared + "/mine.json", withDestinationPath: folder.file("victim/mine.json"))
        #expect(HistoryStore(path: shared + "/mine.json").path == folder.file("victim/mine.json"))
    }

    @Test("waiting for another process's lock, a check before an upload, a removal and a merge stop once their task is cancelled (Ctrl-C, SIGTERM, x, quitting the TUI); a write, which may record what Marketplace made, waits and writes")
    func lockWaitEndsWhenCancelled() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let kept = SampleEntries.artifact()
        try store.append(kept)
        let other = HistoryStore(path: folder.file("other.json"))
        try other.append(SampleEntries.artifact())
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let held = open(store.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(held, LOCK_EX) == 0)
        let entry = SampleEntries.image()
        // On threads of their own: each blocks one while it waits for the lock.
        let check = Task(executorPreference: ThreadPerJobExecutor.shared) { try store.checkWritable() }
        let removal = Task(executorPreference: ThreadPerJobExecutor.shared) { _ = try store.remove(entryIds: [kept.entryId]) }
        let merge = Task(executorPreference: ThreadPerJobExecutor.shared) { _ = try store.merge(from: other.path) }
        let record = Task(executorPreference: ThreadPerJobExecutor.shared) { try store.append(entry) }
        try await Task.sleep(for: .milliseconds(50))
        for task in [check, removal, merge, record] { task.cancel() }
        for task in [check, removal, merge] {
            let error = await #expect(throws: AssetError.self) { try await task.value }
            #expect(error?.message.hasPrefix("Interrupted while waiting for the history") == true, "\(String(describing: error))")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before, "nothing is written while the lock is held")
        close(held)
        try await record.value
        #expect(try store.load() == [kept, entry])
    }

    @Test("the check before an upload takes the lock as the write that records it does: a reader holding it (a backup's flock -s) is waited for before anything is sent, not after")
    func checkWaitsForAReader() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image())
        let reader = open(store.lockPath, O_RDONLY | O_CLOEXEC)
        #expect(flock(reader, LOCK_SH) == 0)
        let done = LockedValue(false)
        let check = Task(executorPreference: ThreadPerJobExecutor.shared) {
            defer { done.withLock { $0 = true } }
            try store.checkWritable()
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!done.withLock { $0 }, "the check waits while the reader holds the lock")
        check.cancel()
        let error = await #expect(throws: AssetError.self) { try await check.value }
        #expect(error?.message.hasPrefix("Interrupted while waiting for the history") == true, "\(String(describing: error))")
        close(reader)
        try store.checkWritable()
    }

    @Test("times made one after the other are a millisecond apart at least, even when the clock says otherwise")
    func orderedTimes() {
        let ahead = HistoryStore.now().addingTimeInterval(5)
        let next = HistoryStore.now(after: ahead)
        #expect(next > ahead && next.timeIntervalSince(ahead) < 0.0015)
        #expect(HistoryStore.now(after: next) > next)
        #expect(HistoryStore.now(after: .distantPast) <= HistoryStore.now())
    }

    @Test("a write keeps the file's permissions; a read-only file is refused before an upload and by a write, untouched")
    func permissions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image())
        #expect(try Self.mode(store.path) == 0o600, "a new history is private")
        chmod(store.path, 0o640)
        try store.append(SampleEntries.artifact())
        #expect(try Self.mode(store.path) == 0o640)
        chmod(store.path, 0o440)
        let before = try #require(FileManager.default.contents(atPath: store.path))
        let error = #expect(throws: AssetError.self) { try store.checkWritable() }
        #expect(error?.message.contains("read-only (mode 440)") == true)
        #expect(throws: AssetError.self) { try store.append(SampleEntries.failed()) }
        #expect(FileManager.default.contents(atPath: store.path) == before)
        #expect(try store.load().count == 2)
    }

    @Test("a name too long for the temporary file's usual name still writes; one too long for its lock is refused before an upload")
    func longNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file(String(repeating: "h", count: 245) + ".json"))
        try store.checkWritable()
        let entry = SampleEntries.image()
        try store.append(entry)
        #expect(try store.load() == [entry])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2, "the file and its lock")
        let tooLong = HistoryStore(path: folder.file(String(repeating: "h", count: 246) + ".json"))
        #expect(throws: AssetError.self) { try tooLong.checkWritable() }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("the lock file and an older release's journal sit beside the file")
    func companionPaths() {
        let store = HistoryStore(path: "/state/marketplace-assets/history.json")
        #expect(store.legacyJournalPath == "/state/marketplace-assets/history.journal.jsonl")
        #expect(store.lockPath == "/state/marketplace-assets/history.json.lock")
        #expect(HistoryStore(path: "/tmp/records").legacyJournalPath == "/tmp/records.journal.jsonl")
    }

    @Test("a lock file replaced while a writer holds it (a sync client's copy) still keeps the next writer waiting")
    func aReplacedLockFileStillExcludes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        chmod(folder.path, 0o700)  // one's own, as the state folder is: its writers lock it too
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image())
        let taken = DispatchSemaphore(value: 0), replaced = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let order = LockedValue<[String]>([])
        Thread {
            try? FileLock.withLock(store.lockPath, exclusive: true) { () throws(AssetError) in
                taken.signal()
                replaced.wait()
                Thread.sleep(forTimeInterval: 0.2)
                order.withLock { $0.append("first done") }
            }
            done.signal()
        }.start()
        taken.wait()
        // What Syncthing or Dropbox does with another machine's lock file: a new file renamed over it.
        #expect(FileManager.default.createFile(atPath: folder.file(".lock.tmp"), contents: nil))
        #expect(rename(folder.file(".lock.tmp"), store.lockPath) == 0)
        replaced.signal()
        try FileLock.withLock(store.lockPath, exclusive: true) { () throws(AssetError) in order.withLock { $0.append("second") } }
        done.wait()
        #expect(order.withLock { $0 } == ["first done", "second"])
    }

    @Test("a folder other users or its group may read is not locked: none of them can lock a history there out", arguments: [0o755, 0o750])
    func aFolderOthersMayReadIsNotLocked(mode: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        chmod(folder.path, mode_t(mode))
        // Another user's `flock -x` on the folder, which any reader of it can open.
        let held = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image())
        #expect(try store.load().count == 1)
    }

    @Test("a history put in place while a write was under way (a sync client's copy renamed in) is read again, not written over")
    func aFileReplacedDuringAWriteIsReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        let store = HistoryStore(path: path)
        let mine = SampleEntries.image("mine.png"), theirs = SampleEntries.image("theirs.png")
        try store.append(mine)
        // Another machine's copy, with its own upload, renamed in between the read and the write.
        try HistoryStore(path: folder.file("copy.json")).append(contentsOf: [mine, theirs])
        var replaced = false
        try store.update(where: { entry in
            if !replaced {
                replaced = true
                #expect(rename(folder.file("copy.json"), path) == 0)
            }
            return entry.entryId == mine.entryId
        }) { $0.failure = "refreshed" }
        let entries = try store.load()
        #expect(entries.map(\.entryId) == [mine.entryId, theirs.entryId])
        #expect(entries.first?.failure == "refreshed")
    }

    @Test("the folder is created with mode 0700 on the first write, not by a read; a read makes no lock file")
    func createsFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("deep/er/history.json"))
        #expect(try store.load().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("deep")))
        // Nor does a read of a missing history beside other files make a lock file.
        #expect(try HistoryStore(path: folder.file("typo.json")).load().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("typo.json.lock")))
        try store.append(SampleEntries.image())
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file("deep/er"))
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    /// The entryIds of the history file at `path` as Python's `json` module reads them.
    static func entryIdsByPython(_ path: String) throws -> [String] {
        try python("print('\\n'.join(e['entryId'] for e in json.load(open(sys.argv[1]))['entries']))", on: path)
            .split(separator: "\n").map(String.init)
    }

    /// Runs `script` (with `json` and `sys` imported) with `path` as its argument; returns what
    /// it printed, expecting it to exit 0.
    static func python(_ script: String, on path: String) throws -> String {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import json, sys; " + script, path]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0, "python3 could not read \(path)")
        return String(decoding: data, as: UTF8.self)
    }
}
