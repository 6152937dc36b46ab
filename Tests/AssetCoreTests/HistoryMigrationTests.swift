import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetCore

/// Histories written by the release before schema 2 (`Fixtures/history-schema-1`, see its
/// README): read as they are, and turned into one schema-2 file by the first write, with
/// nothing lost and nothing doubled.
@Suite("History migration from schema 1", .ownThreads)
struct HistoryMigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/history-schema-1").path

    static let cases = ["journal-only", "document-only", "document-and-journal", "torn-journal"]

    /// A copy of a fixture in a temporary folder, and its expected entries.
    static func copy(_ name: String) throws -> (TemporaryFolder, HistoryStore, [HistoryEntry]) {
        let folder = try TemporaryFolder("history-migration")
        let source = (fixtures as NSString).appendingPathComponent(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file != "expected.json" {
            try FileManager.default.copyItem(atPath: (source as NSString).appendingPathComponent(file), toPath: folder.file(file))
        }
        let expected = try #require(FileManager.default.contents(atPath: (source as NSString).appendingPathComponent("expected.json")))
        let objects = try #require(try JSONSerialization.jsonObject(with: expected) as? [[String: Any]])
        return (folder, HistoryStore(path: folder.file("history.json")), try objects.map(entry))
    }

    @Test("each fixture reads as that release read it, and a read changes no file", arguments: cases)
    func readAsItIs(_ name: String) throws {
        let (folder, store, expected) = try Self.copy(name)
        defer { folder.remove() }
        #expect(expected.count >= 4)
        let before = try folder.snapshot()
        #expect(try store.load() == expected)
        // A torn last line (a writer killed mid-append) is said, not passed over: it may hold an ID.
        #expect(store.warnings.count == (name == "torn-journal" ? 1 : 0), "\(store.warnings)")
        var after = try folder.snapshot()
        after["history.json.lock"] = nil
        #expect(after == before)
    }

    @Test("history --merge of each fixture takes in its entries (a journal alone too), says what it skipped, and changes none of its files", arguments: cases)
    func mergedIntoAnotherHistory(_ name: String) throws {
        let (folder, old, expected) = try Self.copy(name)
        defer { folder.remove() }
        let before = try folder.snapshot()
        let target = try TemporaryFolder("history-merge-target")
        defer { target.remove() }
        let store = HistoryStore(path: target.file("history.json"))
        let (added, refreshed, _) = try store.merge(from: old.path)
        #expect(added == expected && refreshed.isEmpty)
        #expect(try store.load() == expected)
        // A torn journal line may hold an ID: said, as a read of that history says it.
        #expect(store.warnings.count == (name == "torn-journal" ? 1 : 0), "\(store.warnings)")
        // ... in words about that file, which the merge leaves as it is (not "kept as a .corrupt file").
        #expect(store.warnings.allSatisfy { $0.hasSuffix("could not be read and were skipped (line 5), and were not merged.") }, "\(store.warnings)")
        #expect(try folder.snapshot() == before)
        // Given by its journal's name (`document-only` has none), the history beside it is merged whole.
        let byJournal = try TemporaryFolder("history-merge-by-journal")
        defer { byJournal.remove() }
        let journalPath = (old.path as NSString).deletingLastPathComponent + "/history.journal.jsonl"
        #expect(try HistoryStore(path: byJournal.file("history.json")).merge(from: journalPath).added == expected)
        // ... and of a history named without .json (`hist` beside `hist.journal.jsonl`, as a store pairs them).
        let renamed = try TemporaryFolder("history-merge-renamed")
        defer { renamed.remove() }
        for (from, to) in [("history.json", "hist"), ("history.journal.jsonl", "hist.journal.jsonl")] where FileManager.default.fileExists(atPath: folder.file(from)) {
            try FileManager.default.copyItem(atPath: folder.file(from), toPath: renamed.file(to))
        }
        let intoRenamed = try TemporaryFolder("history-merge-target-2")
        defer { intoRenamed.remove() }
        #expect(try HistoryStore(path: intoRenamed.file("history.json")).merge(from: renamed.file("hist.journal.jsonl")).added == expected)
    }

    @Test("a history of today's schema that is named .journal.jsonl merges as itself")
    func currentHistoryNamedAsAJournal() throws {
        let folder = try TemporaryFolder("history-named-journal")
        defer { folder.remove() }
        let entries = [SampleEntries.image("icon.png"), SampleEntries.artifact("app-1.0.0.jar")]
        try HistoryStore(path: folder.file("one.journal.jsonl")).append(contentsOf: entries)
        let target = HistoryStore(path: folder.file("history.json"))
        #expect(try target.merge(from: folder.file("one.journal.jsonl")).added == entries)
        // A folder named as the journal's partner is none: the journal merges alone.
        let (old, _, expected) = try Self.copy("journal-only")
        defer { old.remove() }
        try FileManager.default.createDirectory(atPath: old.file("history"), withIntermediateDirectories: false)
        #expect(try HistoryStore(path: folder.file("second.json")).merge(from: old.file("history.journal.jsonl")).added == expected)
    }

    @Test("history --merge of this history's own old journal is refused: the write would fold it in and remove it")
    func mergeOfItsOwnJournal() throws {
        let (folder, _, _) = try Self.copy("document-and-journal")
        defer { folder.remove() }
        let before = try folder.snapshot()
        let store = HistoryStore(path: folder.file("history"))  // beside history.journal.jsonl too, as `history.json` is
        let error = #expect(throws: AssetError.self) { try store.merge(from: folder.file("history.journal.jsonl")) }
        #expect(error?.message.contains("is this history itself") == true, "\(String(describing: error))")
        #expect(try folder.snapshot() == before)
    }

    @Test("the first write leaves one schema-2 file with every entry once, and no journal", arguments: cases)
    func firstWriteMigrates(_ name: String) throws {
        let (folder, store, expected) = try Self.copy(name)
        defer { folder.remove() }
        let added = SampleEntries.image("after-the-upgrade.png")
        try store.append(added)
        // The journal goes once its entries are in the file; one with a torn line is kept aside.
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(Set(files.filter { !$0.hasPrefix("history.journal.jsonl.corrupt-") }) == ["history.json", "history.json.lock"])
        #expect(files.count == (name == "torn-journal" ? 3 : 2))
        #expect(try store.load() == expected + [added])
        #expect(try HistoryStoreTests.entryIdsByPython(store.path) == (expected + [added]).map(\.entryId.uuidString))
        let text = String(decoding: try #require(FileManager.default.contents(atPath: store.path)), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"schemaVersion\": 2,\n"))
        #expect(store.warnings.count == (name == "torn-journal" ? 2 : 0), "read, then kept aside: \(store.warnings)")
    }

    @Test("an old journal with two different uploads under one entryId is refused before anything is moved, a damaged file beside it included; a line in Latin-1 keeps the journal aside")
    func journalConflictsAndEncodings() throws {
        let upload = SampleEntries.image("a.png")
        var other = SampleEntries.image("b.png")
        other.entryId = upload.entryId
        let journal = "{\"schemaVersion\":1}\n" + [upload, other].map { String(decoding: $0.jsonLine, as: UTF8.self) + "\n" }.joined()
        let folder = try TemporaryFolder("history-migration")
        defer { folder.remove() }
        _ = try folder.write("history.journal.jsonl", journal)
        _ = try folder.write("history.json", "{\"schemaVersion\": 1, \"entries\": [")
        let store = HistoryStore(path: folder.file("history.json"))
        let before = try folder.snapshot()
        let error = #expect(throws: AssetError.self) { try store.append(SampleEntries.image("new.png")) }
        #expect(error?.message.contains("Two different uploads share one entryId") == true && error?.message.contains("old history journal") == true)
        var after = try folder.snapshot()
        after["history.json.lock"] = nil
        #expect(after == before, "nothing moved aside, nothing written")

        // A whole line with a Latin-1 byte in a string: not read as U+FFFD, the journal kept aside.
        let latin1 = Array(String(decoding: SampleEntries.image("cafe.png").jsonLine, as: UTF8.self).utf8).map { $0 == UInt8(ascii: "e") ? 0xE9 : $0 }
        let lines = Array("{\"schemaVersion\":1}\n".utf8) + latin1 + [0x0A]
        let read = lines.withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) }
        #expect(read.entries.isEmpty && read.unreadableLines == [2])
    }

    @Test("a history reached through a link: the journal beside the link, where that release wrote it, is read and folded in")
    func journalBesideALink() throws {
        let (folder, _, expected) = try Self.copy("document-and-journal")
        defer { folder.remove() }
        // The document moved to a synced folder, the link and the journal where they were.
        try FileManager.default.createDirectory(atPath: folder.file("sync"), withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: folder.file("history.json"), toPath: folder.file("sync/history.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("history.json"), withDestinationPath: "sync/history.json")
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(store.legacyJournalPath == folder.file("history.journal.jsonl"))
        #expect(try store.load() == expected)
        let added = SampleEntries.image("after-the-upgrade.png")
        try store.append(added)
        #expect(try store.load() == expected + [added])
        #expect(!FileManager.default.fileExists(atPath: folder.file("history.journal.jsonl")))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("history.json")) == "sync/history.json")
    }

    @Test("a crash after the new file was in place but before the journal was removed: the journal's entries are not doubled")
    func crashBeforeJournalRemoved() throws {
        let (folder, store, expected) = try Self.copy("document-and-journal")
        defer { folder.remove() }
        let journal = try #require(FileManager.default.contents(atPath: store.legacyJournalPath))
        try store.remove(entryIds: [])  // a write that changes nothing still migrates
        #expect(!FileManager.default.fileExists(atPath: store.legacyJournalPath))
        try journal.write(to: URL(fileURLWithPath: store.legacyJournalPath))
        #expect(try store.load() == expected)
        try store.append(SampleEntries.failed())
        #expect(try store.load().count == expected.count + 1)
        #expect(!FileManager.default.fileExists(atPath: store.legacyJournalPath))
    }

    @Test("a journal an older release appends to after the upgrade is folded in by the next write")
    func olderWriterAfterUpgrade() throws {
        let (folder, store, expected) = try Self.copy("journal-only")
        defer { folder.remove() }
        try store.remove(entryIds: [])
        let oldJournal = try String(contentsOfFile: Self.fixtures + "/journal-only/history.journal.jsonl", encoding: .utf8)
        let lastLine = try #require(oldJournal.split(separator: "\n").last)
        // That release writes its header and one line (here: its last update of entry 1, again).
        try ("{\"schemaVersion\":1}\n" + lastLine + "\n").write(toFile: store.legacyJournalPath, atomically: false, encoding: .utf8)
        #expect(try store.load() == expected)
        try store.append(SampleEntries.image())
        #expect(try store.load().count == expected.count + 1)
    }

    @Test("journal lines that do not read are skipped with a warning, and the journal is kept as a .corrupt file, not deleted")
    func damagedJournalLine() throws {
        let (folder, store, expected) = try Self.copy("journal-only")
        defer { folder.remove() }
        var journal = try String(contentsOfFile: store.legacyJournalPath, encoding: .utf8)
        journal = journal.replacingOccurrences(of: "\n{", with: "\n{\"kind\": \"image\", broken}\n{", options: [], range: journal.range(of: "\n{"))
        try journal.write(toFile: store.legacyJournalPath, atomically: false, encoding: .utf8)
        #expect(try store.load() == expected)
        #expect(store.warnings.contains { $0.contains("line 2") })
        try store.append(SampleEntries.image())
        #expect(try store.load().count == expected.count + 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("history.journal.jsonl.corrupt-") })
        #expect(try String(contentsOfFile: folder.file(aside), encoding: .utf8).contains("broken"))
    }

    @Test("a journal larger than any history (a sparse file of 8 EiB overflowed its read) is refused, and left as it is")
    func hugeJournal() throws {
        let (folder, store, _) = try Self.copy("journal-only")
        defer { folder.remove() }
        #expect(truncate(store.legacyJournalPath, 2 << 30) == 0)  // sparse: no disk taken
        let error = #expect(throws: AssetError.self) { try store.load() }
        #expect(error?.message.contains("more than any file this tool reads") == true, "\(String(describing: error))")
        var info = stat()
        #expect(stat(store.legacyJournalPath, &info) == 0 && info.st_size == 2 << 30)
    }

    // MARK: expected.json, read independently of the store's reader

    /// An entry of `expected.json`: that release's `Codable` form, dates as seconds since 1970.
    static func entry(_ object: [String: Any]) throws -> HistoryEntry {
        func date(_ key: String) -> Date? {
            (object[key] as? Double).map { Date(timeIntervalSince1970: ($0 * 1000).rounded() / 1000) }
        }
        func int(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }
        var image: ImageAsset?
        if let answer = object["image"] as? [String: Any] {
            image = ImageAsset(id: try #require(answer["id"] as? String), mediaType: answer["mediaType"] as? String,
                               mimeType: answer["mimeType"] as? String, name: answer["name"] as? String, size: int(answer["size"]))
        }
        var artifact: Artifact?
        if let answer = object["artifact"] as? [String: Any] {
            let info = try #require(answer["fileInfo"] as? [String: Any])
            let links = try #require(answer["_links"] as? [String: Any])
            func link(_ key: String) -> Link? { ((links[key] as? [String: Any])?["href"] as? String).map(Link.init) }
            let details = (answer["details"] as? [String: Any]).map { details in
                ArtifactDetails(key: details["key"] as? String, name: details["name"] as? String, version: details["version"] as? String,
                                licensingEnabled: details["licensingEnabled"] as? Bool, dataCenterCompatible: details["dataCenterCompatible"] as? Bool,
                                addOnType: details["addOnType"] as? String, remotable: details["remotable"] as? Bool,
                                dataCenterStatus: details["dataCenterStatus"] as? String, editionsEnabled: details["editionsEnabled"] as? Bool)
            }
            artifact = Artifact(
                fileInfo: FileInfo(logicalFileName: try #require(info["logicalFileName"] as? String), size: try #require(int(info["size"])),
                                   checksum: info["checksum"] as? String),
                details: details,
                links: ArtifactLinks(selfLink: try #require(link("self")), binary: link("binary"), remote: link("remote")))
        }
        return HistoryEntry(
            entryId: try #require(UUID(uuidString: object["entryId"] as? String ?? "")),
            kind: try #require(HistoryEntry.Kind(rawValue: object["kind"] as? String ?? "")),
            id: object["id"] as? String, imageType: object["imageType"] as? String, name: try #require(object["name"] as? String),
            mimeType: object["mimeType"] as? String, size: int(object["size"]), localPath: object["localPath"] as? String,
            remoteURI: object["remoteURI"] as? String, checksum: object["checksum"] as? String, verified: object["verified"] as? Bool,
            image: image, artifact: artifact, serverURL: try #require(object["serverURL"] as? String),
            createdAt: try #require(date("createdAt")), refreshedAt: date("refreshedAt"), failure: object["failure"] as? String)
    }
}
