import Foundation
import Testing
import TestSupport
@testable import AssetCore

@Suite("History store")
struct HistoryStoreTests {
    @Test("entries written are read back equal, from journal and from the folded document")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(try store.load().isEmpty)

        let entries = [SampleEntries.image(), SampleEntries.artifact(), SampleEntries.failed()]
        for entry in entries { try store.append(entry) }
        #expect(try store.load() == entries)

        try store.compact()
        #expect(try store.load() == entries)
        #expect(try folder.snapshot()["history.journal.jsonl"]?.isEmpty == true)
        #expect(store.warnings.isEmpty)

        // A second store on the same file (another process, say) sees the same.
        #expect(try HistoryStore(path: store.path).load() == entries)
    }

    @Test("the document is JSON with schemaVersion, ISO-8601 dates and sorted keys")
    func documentShape() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entry = SampleEntries.artifact(createdAt: Date(timeIntervalSince1970: 1_700_000_000.123))
        try store.append(entry)
        try store.compact()

        let data = try #require(FileManager.default.contents(atPath: store.path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let first = try #require((object["entries"] as? [[String: Any]])?.first)
        #expect(first["createdAt"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(first["entryId"] as? String == entry.entryId.uuidString)

        // Each entry line is byte for byte what JSONEncoder writes with sorted keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HistoryTimestamp.string(date))
        }
        let expected = String(decoding: try encoder.encode(entry), as: UTF8.self)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == "{")
        #expect(lines[1] == "  \"schemaVersion\": 1,")
        #expect(lines[2] == "  \"entries\": [")
        #expect(lines[3] == "    " + expected)
        #expect(lines[4...] == ["  ]", "}"])
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
    }

    @Test("a document that does not parse is moved aside, never deleted, and a fresh history starts")
    func corruptDocument() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let garbage = "{\"schemaVersion\": 1, \"entries\": [ {\"kind\": \"image\" oops"
        _ = try folder.write("history.json", garbage)
        let store = HistoryStore(path: folder.file("history.json"))

        #expect(try store.load().isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("history.json.corrupt-") })
        let asideData = try #require(FileManager.default.contents(atPath: folder.file(aside)))
        #expect(String(decoding: asideData, as: UTF8.self) == garbage)
        #expect(!names.contains("history.json"))
        let warning = try #require(store.warnings.first)
        #expect(warning.contains(aside))
        #expect(warning.contains("line 1"))

        // The new history works, and a second corrupt file gets its own name.
        let entry = SampleEntries.image()
        try store.append(entry)
        try store.compact()
        #expect(try store.load() == [entry])
        _ = try folder.write("history.json", "not json")
        #expect(try store.load().isEmpty)
        let corrupt = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("history.json.corrupt-") }
        #expect(corrupt.count == 2)
    }

    @Test("entries appended after the document went bad are still read")
    func corruptDocumentKeepsJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entry = SampleEntries.artifact()
        try store.append(entry)
        _ = try folder.write("history.json", "\u{0}\u{1}binary")
        #expect(try store.load() == [entry])
        #expect(store.warnings.count == 1)
    }

    @Test("a newer schemaVersion is refused with a clear error and the file is left untouched")
    func newerSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = "{\"schemaVersion\": 2, \"entries\": [{\"something\": \"new\"}], \"more\": true}\n"
        _ = try folder.write("history.json", text)
        let store = HistoryStore(path: folder.file("history.json"))
        let before = try folder.snapshot()

        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.message.contains("newer"))
        #expect(error.message.contains("schema version 2"))
        #expect(error.message.contains(store.path))
        #expect(throws: AssetError.self) { try store.append(SampleEntries.image()); try store.compact() }
        let after = try folder.snapshot()
        #expect(after["history.json"] == before["history.json"])
        #expect(!after.keys.contains { $0.contains("corrupt") })
    }

    @Test("a schemaVersion written after the entries is still checked first")
    func newerSchemaAfterEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("history.json", "{\"entries\": [{\"shape\": \"unknown\"}], \"schemaVersion\": 7}")
        let error = try #require(throws: AssetError.self) { try HistoryStore(path: folder.file("history.json")).load() }
        #expect(error.message.contains("schema version 7"))
    }

    @Test("a journal from a newer schema is refused too")
    func newerJournal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let journal = try folder.write("history.journal.jsonl", "{\"schemaVersion\":3}\n{\"whatever\":1}\n")
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(store.journalPath == journal)
        let error = try #require(throws: AssetError.self) { try store.append(SampleEntries.image()) }
        #expect(error.message.contains("schema version 3"))
        #expect(FileManager.default.contents(atPath: journal) == Data("{\"schemaVersion\":3}\n{\"whatever\":1}\n".utf8))
    }

    @Test("folding the journal into the document every few appends keeps every entry once")
    func journalFold() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"), journalLimit: 7)
        var written: [HistoryEntry] = []
        for number in 0..<50 {
            let entry = number % 3 == 0 ? SampleEntries.artifact("a\(number).jar") : SampleEntries.image("i\(number).png")
            try store.append(entry)
            written.append(entry)
            if number % 10 == 4 {
                // An update in between goes through the journal as well.
                let target = written[number / 2]
                written[number / 2] = try #require(try store.update(entryId: target.entryId) { $0.failure = "updated \(number)" })
            }
        }
        #expect(try store.load() == written)
        let documentData = try #require(FileManager.default.contents(atPath: store.path))
        let document = try JSONSerialization.jsonObject(with: documentData) as? [String: Any]
        let documentEntries = try #require(document?["entries"] as? [Any])
        #expect(documentEntries.count >= 40)
        let journalText = String(decoding: FileManager.default.contents(atPath: store.journalPath) ?? Data(), as: UTF8.self)
        #expect(journalText.split(separator: "\n").count <= 8)
    }

    @Test("a torn last journal line (a writer killed mid-append) is ignored, then cut off by the next writer")
    func tornJournalTail() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let kept = SampleEntries.artifact()
        try store.append(kept)
        let line = String(decoding: HistoryFileFormat.journalLine(SampleEntries.image()), as: UTF8.self)
        let handle = try #require(FileHandle(forWritingAtPath: store.journalPath))
        handle.seekToEndOfFile()
        handle.write(Data(line.prefix(line.count / 2).utf8))
        handle.closeFile()

        #expect(try store.load() == [kept])
        #expect(store.warnings.isEmpty)
        let next = SampleEntries.image("next.png")
        try store.append(next)
        #expect(try store.load() == [kept, next])
        let lines = String(decoding: try #require(FileManager.default.contents(atPath: store.journalPath)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)  // header, two entries, and the empty string after the last newline
        #expect(lines.last == "")
    }

    @Test("an unreadable line inside the journal is skipped with a warning and kept aside when folded")
    func damagedJournalLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let first = SampleEntries.image("first.png")
        try store.append(first)
        let handle = try #require(FileHandle(forWritingAtPath: store.journalPath))
        handle.seekToEndOfFile()
        handle.write(Data("{\"kind\": \"image\", broken}\n".utf8))
        handle.closeFile()
        let second = SampleEntries.image("second.png")
        try store.append(second)

        #expect(try store.load() == [first, second])
        #expect(store.warnings.contains { $0.contains("line 3") })
        try store.compact()
        #expect(try store.load() == [first, second])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("history.journal.jsonl.corrupt-") })
        let kept = String(decoding: try #require(FileManager.default.contents(atPath: folder.file(aside))), as: UTF8.self)
        #expect(kept.contains("broken"))
    }

    @Test("a large history (read in huge pages, on several threads) round-trips through the files")
    func largeHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = SampleEntries.mixed(8000)
        try store.append(contentsOf: entries)
        try store.compact()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        #expect(size > FileContents.mappingThreshold)
        let extra = SampleEntries.failed()
        try store.append(extra)
        #expect(try store.load() == entries + [extra])
    }

    @Test("the newest entries alone: the document's last lines with the journal applied, as load() has them")
    func newestEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = SampleEntries.mixed(2000)
        try store.append(contentsOf: Array(entries.prefix(10)))
        try store.compact()
        #expect(store.loadNewest(limit: 10) == nil, "the document is small: load() is quick")
        try store.append(contentsOf: Array(entries.dropFirst(10)))
        try store.compact()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        #expect(size >= HistoryStore.newestMinimumBytes)
        #expect(store.loadNewest(limit: 10) == Array(entries.suffix(10)))

        // The journal: one of the last ten changed, one far older changed, two new ones.
        var recent = entries[1995]
        recent.failure = "changed recently"
        var old = entries[3]
        old.failure = "changed long after"
        let new = [SampleEntries.failed("new-1.jar"), SampleEntries.image("new-2.png")]
        try store.append(contentsOf: [recent, old] + new)
        let newest = try #require(store.loadNewest(limit: 10))
        var expected = Array(entries.suffix(10))
        expected[5] = recent
        #expect(newest == expected + [old] + new)
        let all = try store.load()
        for entry in newest { #expect(all.contains(entry)) }
        #expect(store.loadNewest(limit: 100_000) == all, "a limit beyond the history reads all of it")
        #expect(store.loadNewest(limit: .max) == all)
    }

    @Test("the newest entries alone: nothing when only a full read can tell")
    func newestEntriesRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        #expect(store.loadNewest(limit: 10) == nil, "no history")
        var entries: [HistoryEntry] = []
        for number in 0..<2000 { entries.append(SampleEntries.artifact("a\(number).jar")) }
        try store.append(contentsOf: entries)
        try store.compact()
        let document = try #require(FileManager.default.contents(atPath: store.path))

        // Indented by hand (jq .): the lines are not entries.
        let indented = try JSONSerialization.data(
            withJSONObject: try JSONSerialization.jsonObject(with: document), options: [.prettyPrinted, .sortedKeys])
        try indented.write(to: URL(fileURLWithPath: store.path))
        #expect(store.loadNewest(limit: 10) == nil)
        #expect(try store.load() == entries)

        // A newer schema.
        var newer = document
        newer.replaceSubrange(0..<30, with: Data(String(decoding: document.prefix(30), as: UTF8.self)
            .replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 9").utf8))
        try newer.write(to: URL(fileURLWithPath: store.path))
        #expect(store.loadNewest(limit: 10) == nil)

        // A damaged last line.
        var damaged = document
        damaged.replaceSubrange((damaged.count - 40)..<(damaged.count - 30), with: Data("@@@@@@@@@@".utf8))
        try damaged.write(to: URL(fileURLWithPath: store.path))
        #expect(store.loadNewest(limit: 10) == nil)

        // An unreadable journal line.
        try document.write(to: URL(fileURLWithPath: store.path))
        #expect(store.loadNewest(limit: 10) == Array(entries.suffix(10)))
        try Data("{\"schemaVersion\":1}\nnot json\n".utf8).write(to: URL(fileURLWithPath: store.journalPath))
        #expect(store.loadNewest(limit: 10) == nil)
    }

    @Test("the journal and lock file sit beside the document")
    func companionPaths() {
        let store = HistoryStore(path: "/state/marketplace-assets/history.json")
        #expect(store.journalPath == "/state/marketplace-assets/history.journal.jsonl")
        #expect(store.lockPath == "/state/marketplace-assets/history.json.lock")
        #expect(HistoryStore(path: "/tmp/records").journalPath == "/tmp/records.journal.jsonl")
    }

    @Test("the folder is created with mode 0700 on the first write")
    func createsFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("deep/er/history.json"))
        #expect(try store.load().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("deep")))
        try store.append(SampleEntries.image())
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.file("deep/er"))
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }
}
