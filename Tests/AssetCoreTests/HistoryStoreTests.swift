import Foundation
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
        let changed = try store.update(entryId: first.entryId) { entry in
            entry.failure = "gone"
            entry.entryId = UUID()
        }
        #expect(changed?.entryId == first.entryId)
        #expect(changed?.failure == "gone")
        let loaded = try store.load()
        #expect(loaded.map(\.name) == ["a.png", "b.png"])
        #expect(loaded[0].failure == "gone")
        #expect(try store.update(entryId: UUID()) { $0.failure = "x" } == nil)

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

        try store.update(entryId: entries[0].entryId) { $0.failure = "changed" }
        try store.append(SampleEntries.failed("d.jar"))
        let refreshed = try store.update(id: artifact.id, where: { $0.kind == .artifact }) { $0.refreshedAt = HistoryStore.now() }
        #expect(refreshed.map(\.entryId) == [artifact.entryId])
        #expect(try store.update(id: "no-such-id", where: { _ in true }) { $0.failure = "x" }.isEmpty, "only entries with that id are candidates")
        #expect(try store.remove(entryIds: [entries[2].entryId]).map(\.entryId) == [artifact.entryId])

        let written = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(written.contains(secondId + ",\"future\":{\"x\":[1,2]}"), "the untouched entry's line is copied byte for byte")
        #expect(written.hasPrefix("{\n  \"schemaVersion\": 2,\n  \"entries\": [\n    {"))
        #expect(written.split(separator: "\n").count == 3 + 3 + 2, "one entry per line")
        let loaded = try store.load()
        #expect(loaded.map(\.name) == ["a.png", "b.png", "d.jar"])
        #expect(loaded[0].failure == "changed")
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

        // Indented otherwise, the keys in their order: the layout describes it, and the add keeps its lines.
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

    @Test("a file that is JSON with an entry that does not read (an edit by hand) is refused, untouched, naming the entry; a write that adds copies it")
    func aBadEntryIsRefusedNotMovedAside() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(contentsOf: [SampleEntries.artifact("a.jar"), SampleEntries.image("b.png")])
        let good = try String(contentsOfFile: store.path, encoding: .utf8)
        // The second entry (line 5): an unknown kind; a date without its time zone.
        for (from, to) in [("\"kind\":\"image\"", "\"kind\":\"video\""), ("Z\",\"imageType", "\",\"imageType")] {
            try good.replacingOccurrences(of: from, with: to).write(toFile: store.path, atomically: true, encoding: .utf8)
            // An add copies the entries as they are; a read, a change or a check before an upload refuses.
            let added = SampleEntries.artifact("c.jar")
            try store.append(added)
            let before = try #require(FileManager.default.contents(atPath: store.path))
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

    @Test("waiting for another process's lock, a check before an upload stops once its task is cancelled (Ctrl-C, SIGTERM, x); a write, which may record what Marketplace made, waits and writes")
    func lockWaitEndsWhenCancelled() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let held = try FileLock.acquire(store.lockPath, exclusive: true)
        let entry = SampleEntries.image()
        // On threads of their own: each blocks one while it waits for the lock.
        let check = Task(executorPreference: ThreadPerJobExecutor.shared) { try store.checkWritable() }
        let record = Task(executorPreference: ThreadPerJobExecutor.shared) { try store.append(entry) }
        try await Task.sleep(for: .milliseconds(50))
        check.cancel()
        record.cancel()
        let error = await #expect(throws: AssetError.self) { try await check.value }
        #expect(error?.message.hasPrefix("Interrupted while waiting for the history") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: store.path), "nothing is written while the lock is held")
        held.release()
        try await record.value
        #expect(try store.load() == [entry])
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

    @Test("a file that does not parse is an error to a read, left as it is; the next write moves it aside, never deleted, and a fresh history starts")
    func corruptFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let garbage = "{\"schemaVersion\": 2, \"entries\": [ {\"kind\": \"image\" oops"
        _ = try folder.write("history.json", garbage)
        let store = HistoryStore(path: folder.file("history.json"))

        // A read (`history`, the TUI's pane) says what is wrong and where, and changes nothing:
        // the file may be a hand edit to correct, or a copy still being written.
        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.historyDoesNotRead && error.message.contains("line 1") && error.message.contains("left untouched"))
        #expect(try folder.snapshot().filter { $0.key != "history.json.lock" } == ["history.json": Data(garbage.utf8)])
        #expect(store.warnings.isEmpty)

        let first = SampleEntries.image("first.png")
        try store.append(first)
        #expect(try store.load() == [first])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("history.json.corrupt-") })
        #expect(FileManager.default.contents(atPath: folder.file(aside)) == Data(garbage.utf8))
        let warning = try #require(store.warnings.first)
        #expect(warning.contains(aside))
        #expect(warning.contains("line 1"))

        // The new history works, and a second corrupt file gets its own name.
        let entry = SampleEntries.image()
        try store.append(entry)
        #expect(try store.load() == [first, entry])
        _ = try folder.write("history.json", "{\"schemaVersion\": 2, \"entries\": [")
        try store.append(entry)
        #expect(try store.load() == [entry])
        let corrupt = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("history.json.corrupt-") }
        #expect(corrupt.count == 2)
    }

    @Test("a file that is no history (a README, a package.json, an OCI index, a HAR, an array) is refused by every operation and left untouched")
    func notAHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let texts = [
            "# My project\n\nNotes.\n", "{\"name\": \"my-app\", \"version\": \"1.0.0\"}\n", "[]",
            "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": []}",
            "{\"log\": {\"version\": \"1.2\", \"entries\": []}}", "{ name: 'not JSON' }", "\u{0}\u{0}\u{0} ftypisom",
        ]
        for text in texts {
            let path = try folder.write("notes.txt", text)
            let store = HistoryStore(path: path)
            let errors = [
                #expect(throws: AssetError.self) { try store.load() },
                #expect(throws: AssetError.self) { try store.append(SampleEntries.image()) },
                #expect(throws: AssetError.self) { try store.remove(entryIds: [UUID()]) },
            ]
            for error in errors { #expect(error?.message.contains("is not a marketplace-assets history") == true) }
            #expect(FileManager.default.contents(atPath: path) == Data(text.utf8), "left as it was")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".corrupt-") && !$0.contains(".tmp-") })
            #expect(store.warnings.isEmpty)
        }
    }

    @Test("a damaged history (NULs, cut inside its first key, an empty object) is moved aside before an upload, not refused; a byte order mark is read past")
    func damagedHistories() throws {
        for text in ["\u{0}\u{0}\u{0}\u{0}", "{\n  \"schem", "{}", "\u{FEFF}{\"schemaVersion\": 2, \"entries\": [ {\"kind\""] {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let path = try folder.write("history.json", text)
            let store = HistoryStore(path: path)
            #expect(throws: AssetError.self, "\(text.debugDescription)") { try store.load() }
            try store.checkWritable()
            #expect(try store.load().isEmpty, "\(text.debugDescription)")
            let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains(".corrupt-") })
            #expect(FileManager.default.contents(atPath: folder.file(aside)) == Data(text.utf8), "nothing lost")
            #expect(store.warnings.count == 1)
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entry = SampleEntries.image()
        let path = try folder.write("history.json", "\u{FEFF}" + String(decoding: HistoryFile.encode([entry]), as: UTF8.self))
        let store = HistoryStore(path: path)
        #expect(try store.load() == [entry])
        try store.append(SampleEntries.artifact())
        #expect(try store.load().count == 2)
        #expect(store.warnings.isEmpty)
        // Unknown members first (written by hand): it reads whole, so it is a history.
        let commented = try folder.write("commented.json", "{\"comment\": \"mine\", \"schemaVersion\": 2, \"entries\": []}")
        #expect(try HistoryStore(path: commented).load().isEmpty)
    }

    @Test("a file cut short is an error that says where it ends, then moved aside with a warning that says it")
    func truncatedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image("a.png"))
        let whole = try #require(FileManager.default.contents(atPath: store.path))
        let lines = whole.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        try whole.prefix(whole.count - "\n  ]\n}\n".utf8.count).write(to: URL(fileURLWithPath: store.path))

        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.message.contains("the file ends too early: expected ']' at line \(lines - 3)"), "\(error)")
        try store.append(SampleEntries.image("b.png"))
        let warning = try #require(store.warnings.first)
        #expect(warning.contains("the file ends too early: expected ']' at line \(lines - 3)"), "\(warning)")
    }

    @Test("a newer schemaVersion is refused with a clear error, and the file is left untouched")
    func newerSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("history.json", "{\"schemaVersion\": 3, \"entries\": [{\"something\": \"new\"}], \"more\": true}\n")
        let store = HistoryStore(path: folder.file("history.json"))
        let before = try folder.snapshot()

        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.message.contains("newer"))
        #expect(error.message.contains("schema version 3"))
        #expect(error.message.contains(store.path))
        #expect(throws: AssetError.self) { try store.append(SampleEntries.image()) }
        #expect(throws: AssetError.self) { try store.remove(entryIds: [UUID()]) }
        let after = try folder.snapshot()
        #expect(after["history.json"] == before["history.json"])
        #expect(!after.keys.contains { $0.contains("corrupt") || $0.contains(".tmp-") })
    }

    @Test("a journal of a newer schema beside the file is refused too")
    func newerJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let journal = try folder.write("history.journal.jsonl", "{\"schemaVersion\":3}\n{\"whatever\":1}\n")
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(store.legacyJournalPath == journal)
        let error = try #require(throws: AssetError.self) { try store.append(SampleEntries.image()) }
        #expect(error.message.contains("schema version 3"))
        #expect(FileManager.default.contents(atPath: journal) == Data("{\"schemaVersion\":3}\n{\"whatever\":1}\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test("temporary files left by writers killed before their rename are removed by the next writer, not by readers")
    func leftoverTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let kept = SampleEntries.image()
        try store.append(kept)
        let leftovers = [".history.json.tmp-4242-17", ".history.json.tmp-99-3456789"]
        for name in leftovers { _ = try folder.write(name, "{\"schemaVersion\": 2, \"entries\": [") }
        _ = try folder.write(".other.json.tmp-1-2", "not ours")

        #expect(try store.load() == [kept])
        #expect(leftovers.allSatisfy { FileManager.default.fileExists(atPath: folder.file($0)) }, "a reader leaves them")
        let next = SampleEntries.artifact()
        try store.append(next)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["history.json", "history.json.lock", ".other.json.tmp-1-2"])
        #expect(try store.load() == [kept, next])
    }

    @Test("a file indented by hand (jq .) is read, and added to, keeping every entry")
    func handIndentedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = SampleEntries.mixed(20)
        try store.append(contentsOf: entries)
        let object = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: store.path)))
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: store.path))
        #expect(try store.load() == entries)
        let added = SampleEntries.failed()
        try store.append(added)
        #expect(try store.load() == entries + [added])
        #expect(try Self.entryIdsByPython(store.path) == (entries + [added]).map(\.entryId.uuidString))
    }

    @Test("two copies merged by hand (jq -s): each entryId listed once, the copy refreshed last, with a warning; the next write keeps one")
    func copiesMergedByHand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let shared = SampleEntries.mixed(3), mine = SampleEntries.image("mine.png"), theirs = SampleEntries.artifact("theirs.jar")
        var refreshed = shared[0]
        refreshed.refreshedAt = HistoryStore.now().addingTimeInterval(60)
        // What `jq -s '{schemaVersion: 2, entries: (.[0].entries + .[1].entries)}' a b` makes.
        // The copy refreshed last wins wherever it stands; of equal ones, the later.
        let merged = String(decoding: HistoryFile.encode([shared[0], shared[1]] + [mine] + [refreshed, shared[1], shared[2], theirs] + [shared[0]]),
                            as: UTF8.self)
        _ = try folder.write("history.json", merged)

        #expect(try store.load() == [refreshed, shared[1], mine, shared[2], theirs])
        #expect(store.takeWarnings().first?.hasPrefix("In \(store.path), 3 entries repeat an earlier one's entryId") == true)
        let added = SampleEntries.failed()
        try store.append(added)
        #expect(try Self.entryIdsByPython(store.path) == [refreshed, shared[1], mine, shared[2], theirs, added].map(\.entryId.uuidString))
        #expect(store.takeWarnings().count == 1, "said again by the read the write makes, then no more")
        #expect(try store.load().count == 6 && store.warnings.isEmpty)
    }

    @Test("the lock file and an older release's journal sit beside the file")
    func companionPaths() {
        let store = HistoryStore(path: "/state/marketplace-assets/history.json")
        #expect(store.legacyJournalPath == "/state/marketplace-assets/history.journal.jsonl")
        #expect(store.lockPath == "/state/marketplace-assets/history.json.lock")
        #expect(HistoryStore(path: "/tmp/records").legacyJournalPath == "/tmp/records.journal.jsonl")
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
