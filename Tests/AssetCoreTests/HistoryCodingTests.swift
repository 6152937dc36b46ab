import Foundation
import MarketplaceAPI
import PropertyBased
import Testing
@testable import AssetCore

@Suite("History JSON coding")
struct HistoryCodingTests {
    /// Characters that stress a JSON string coder: quotes, escapes, controls, non-ASCII,
    /// astral scalars, line separators, combining marks.
    static let awkward: [Character] = Array("aZ09 -_./:@\"\\\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}\u{7F}\u{85}éß中文🙂👍🏽\u{2028}\u{2029}\u{FEFF}\u{FFFD}e\u{301}\u{202E}")
    static let text = Gen<Character?>.element(of: awkward).map { $0! }.string(of: 0...24)
    static let millis = Gen.int64(in: -2_000_000_000_000...4_000_000_000_000)

    static func entry(_ a: String, _ b: String, _ c: String, size: Int64, millis: Int64, flag: Bool) -> HistoryEntry {
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        return HistoryEntry(
            kind: flag ? .artifact : .image, id: a, imageType: flag ? nil : b, name: a + b, mimeType: c,
            size: size, localPath: "/" + b, remoteURI: flag ? "https://x/" + c : nil, checksum: "sha512:" + c, verified: flag,
            image: flag ? nil : ImageAsset(id: b, mediaType: c.isEmpty ? nil : c, mimeType: a, name: c, size: size),
            artifact: flag ? Artifact(
                fileInfo: FileInfo(logicalFileName: b, size: size, checksum: c.isEmpty ? nil : c),
                details: ArtifactDetails(key: a, name: b, version: c, licensingEnabled: flag, dataCenterCompatible: nil,
                                         addOnType: c, remotable: !flag, dataCenterStatus: nil, editionsEnabled: flag),
                links: ArtifactLinks(selfLink: Link(href: a), binary: nil, remote: Link(href: c))) : nil,
            serverURL: c, createdAt: date, refreshedAt: flag ? date : nil, failure: flag ? nil : a + c)
    }

    @Test("any entry survives our writer and reader, as a journal line and in a document")
    func roundTrip() async {
        await propertyCheck(count: 300, input: Self.text, Self.text, Self.text, Gen.int64(), Self.millis, Gen.bool) { a, b, c, size, millis, flag in
            let original = Self.entry(a, b, c, size: size, millis: millis, flag: flag)
            let line = HistoryFileFormat.journalLine(original)
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") })
            let journal = (HistoryFileFormat.journalHeader + line).withUnsafeBufferPointer { HistoryFileFormat.readJournal($0) }
            #expect(journal.entries == [original])
            #expect(journal.unreadableLines.isEmpty)
            let document = HistoryFileFormat.document([original, original])
            let read = document.withUnsafeBufferPointer { try? HistoryFileFormat.readDocument($0) }
            #expect(read == .entries([original, original]))
        }
    }

    @Test("Foundation's JSONDecoder reads what we write, and we read what JSONEncoder writes")
    func foundationCompatible() async throws {
        await propertyCheck(count: 100, input: Self.text, Self.text, Self.text, Gen.int64(), Gen.int64(in: 0...4_000_000_000_000), Gen.bool) { a, b, c, size, millis, flag in
            let original = Self.entry(a, b, c, size: size, millis: millis, flag: flag)
            let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .custom { decoder in
                let text = try decoder.singleValueContainer().decode(String.self)
                return try Date(text, strategy: style)
            }
            let ours = Data(HistoryFileFormat.journalLine(original))
            let decoded = try? decoder.decode(HistoryEntry.self, from: ours)
            #expect(decoded?.entryId == original.entryId)
            #expect(decoded?.name == original.name)
            #expect(decoded?.artifact == original.artifact)
            #expect(decoded?.image == original.image)
            #expect(decoded.map { abs($0.createdAt.timeIntervalSince(original.createdAt)) < 0.001 } == true)

            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(date.formatted(style))
            }
            let theirs = try? [UInt8](encoder.encode(original))
            let read: HistoryEntry? = theirs?.withUnsafeBufferPointer { buffer in
                var reader = JSONReader(buffer)
                var strings = StringCache()
                return try? HistoryEntryCoding.read(from: &reader, depth: 0, strings: &strings)
            }
            // Foundation's formatter truncates to the millisecond where ours rounds.
            var normalized = read
            if let date = read?.createdAt, abs(date.timeIntervalSince(original.createdAt)) < 0.0015 {
                normalized?.createdAt = original.createdAt
            }
            if let date = read?.refreshedAt, let expected = original.refreshedAt, abs(date.timeIntervalSince(expected)) < 0.0015 {
                normalized?.refreshedAt = expected
            }
            #expect(normalized == original)
        }
    }

    @Test("reading garbage never crashes: random bytes and damaged documents give an error or entries")
    func damagedInput() async {
        let valid = HistoryFileFormat.document([SampleEntries.artifact(), SampleEntries.image(), SampleEntries.failed()])
        await propertyCheck(count: 400, input: Gen.int(in: 0...(valid.count - 1)), Gen.uint8(), Gen.int(in: 0...3)) { position, byte, mode in
            var damaged = valid
            switch mode {
            case 0: damaged[position] = byte
            case 1: damaged.removeSubrange(position...)
            case 2: damaged.insert(byte, at: position)
            default: damaged.remove(at: position)
            }
            _ = damaged.withUnsafeBufferPointer { try? HistoryFileFormat.readDocument($0) }
            _ = damaged.withUnsafeBufferPointer { HistoryFileFormat.readJournal($0) }
        }
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 0...300)) { bytes in
            _ = bytes.withUnsafeBufferPointer { try? HistoryFileFormat.readDocument($0) }
            _ = bytes.withUnsafeBufferPointer { HistoryFileFormat.readJournal($0) }
        }
    }

    @Test("deep nesting in an unknown member is an error, not a stack overflow")
    func deepNesting() {
        let deep = "{\"schemaVersion\":1,\"x\":" + String(repeating: "[", count: 100_000) + "],\"entries\":[]}"
        let result = Array(deep.utf8).withUnsafeBufferPointer { input -> String? in
            do throws(JSONReadError) {
                _ = try HistoryFileFormat.readDocument(input)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(result == "nesting too deep")
    }

    @Test("unknown members are skipped and null counts as absent")
    func lenient() throws {
        let text = """
        {"schemaVersion": 1, "comment": {"a": [1, 2.5e3, true, null, "x"]}, "entries": [
          {"entryId": "6d1799a0-5bb2-43b2-98dc-38a12cff7dec", "kind": "image", "name": "a\\u00e9\\ud83d\\ude42.png",
           "serverURL": "https://s", "createdAt": "2025-03-01T12:34:56+01:00", "failure": null, "future": {"x": 1}}
        ]}
        """
        let read = try Array(text.utf8).withUnsafeBufferPointer { try HistoryFileFormat.readDocument($0) }
        guard case .entries(let entries) = read else { Issue.record("not entries"); return }
        #expect(entries.count == 1)
        #expect(entries[0].name == "aé🙂.png")
        #expect(entries[0].failure == nil)
        #expect(entries[0].createdAt == Date(timeIntervalSince1970: 1_740_828_896))
    }

    @Test("a document missing required members is refused")
    func missingMembers() {
        for text in ["{\"entries\": []}", "{\"schemaVersion\": 1}", "{\"schemaVersion\": 0, \"entries\": []}",
                     "{\"schemaVersion\": 1, \"entries\": [{\"kind\": \"image\"}]}",
                     "{\"schemaVersion\": 1, \"entries\": [{\"entryId\": \"x\", \"kind\": \"image\", \"name\": \"n\", \"serverURL\": \"s\", \"createdAt\": \"2025-01-01T00:00:00Z\"}]}",
                     "{\"schemaVersion\": 1, \"entries\": []} trailing", "[]"] {
            let failed = Array(text.utf8).withUnsafeBufferPointer { (try? HistoryFileFormat.readDocument($0)) == nil }
            #expect(failed, "\(text)")
        }
        let empty = Array("  \n".utf8).withUnsafeBufferPointer { try? HistoryFileFormat.readDocument($0) }
        #expect(empty == .entries([]))
    }

    @Test("timestamps: written in UTC with milliseconds, read in the common ISO-8601 forms")
    func timestamps() async {
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        func parse(_ text: String) -> Date? { Array(text.utf8).withUnsafeBufferPointer { HistoryTimestamp.parse($0) } }
        #expect(parse("2024-02-29T23:59:59Z") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(parse("2024-02-29 23:59:59.5z") == Date(timeIntervalSince1970: 1_709_251_199.5))
        #expect(parse("2024-03-01T01:00:00+01:00") == Date(timeIntervalSince1970: 1_709_251_200))
        #expect(parse("2024-03-01T00:00:00-0130") == Date(timeIntervalSince1970: 1_709_256_600))
        for bad in ["2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00",
                    "2024-01-01T00:00:00.Z", "2024-01-01", "", "2024-01-01T00:00:00Zjunk"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        await propertyCheck(count: 500, input: Self.millis) { millis in
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            #expect(parse(HistoryTimestamp.string(date)) == date)
            #expect(HistoryTimestamp.rounded(date) == date)
        }
    }

    @Test("journal lines laid out alike but with other values read as themselves (the string cache is per value, not per offset)")
    func alikeJournalLines() throws {
        func entry(_ digit: Character) -> HistoryEntry {
            var entry = SampleEntries.artifact("same-length.jar")
            let checksum = "sha512:" + String(repeating: digit, count: 128)
            entry.checksum = checksum
            entry.artifact?.fileInfo.checksum = checksum
            return entry
        }
        let entries = [entry("a"), entry("b"), entry("c")]
        let journal = HistoryFileFormat.journalHeader + entries.flatMap { HistoryFileFormat.journalLine($0) }
        let read = journal.withUnsafeBufferPointer { HistoryFileFormat.readJournal($0) }
        #expect(read.entries == entries)
        // The same lines as the end of a document, read from there.
        var document = HistoryFileFormat.document(entries)
        let newest = document.withUnsafeBufferPointer { input in
            HistoryFileFormat.newestEntries(head: UnsafeBufferPointer(rebasing: input.prefix(64)), tail: input, limit: 10)
        }
        #expect(newest == entries)
        document.removeAll()
    }

    @Test("entryId: a UUID in either case; anything else is an error")
    func entryIds() throws {
        let id = UUID(uuidString: "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFD")!
        func read(_ text: String) -> UUID? {
            let line = #"{"createdAt":"2025-01-01T00:00:00.000Z","entryId":"\#(text)","kind":"image","name":"a.png","serverURL":"u"}"#
            return Array(line.utf8).withUnsafeBufferPointer { input in
                var strings = StringCache()
                var r = JSONReader(input)
                return try? HistoryEntryCoding.read(from: &r, depth: 0, strings: &strings).entryId
            }
        }
        #expect(read(id.uuidString) == id)
        #expect(read(id.uuidString.lowercased()) == id)
        for bad in ["0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFG", "0A1B2C3D-4E5F-6A7B-8C9D+AEBFCADBECFD", "0A1B2C3D4E5F-6A7B-8C9D-AEBFCADBECFD0",
                    "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECF", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC:D", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC@D",
                    " A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFD", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC\\u0046D"] {
            #expect(read(bad) == nil, "\(bad)")
        }
    }

    @Test("a large document read on several threads gives exactly the sequential result")
    func parallelRead() throws {
        let entries = SampleEntries.mixed(4000)
        let document = HistoryFileFormat.document(entries)
        #expect(document.count > ParallelEntryReader.minimumBytes)
        let read = try document.withUnsafeBufferPointer { try HistoryFileFormat.readDocument($0) }
        #expect(read == .entries(entries))
        #expect(Self.readInParallel(document) == entries, "the layout we write is read on several threads")

        // Hand-edited: an unknown member holding an array of objects on lines after commas
        // puts a cut inside an entry; the reader must notice and still read it right.
        var text = String(decoding: document, as: UTF8.self)
        let marker = "\"entryId\":\"\(entries[2100].entryId.uuidString)\""
        let nested = "\"notes\":[\n{\"a\":1},\n" + String(repeating: "{\"b\":2},\n", count: 60_000) + "{\"c\":3}\n],"
        text = text.replacingOccurrences(of: marker, with: nested + marker)
        let edited = try Array(text.utf8).withUnsafeBufferPointer { try HistoryFileFormat.readDocument($0) }
        #expect(edited == .entries(entries))
        #expect(Self.readInParallel(Array(text.utf8)) == nil, "the misplaced cut is noticed")

        // Indented as `jq .` would write it: every member on a line of its own.
        let object = try JSONSerialization.jsonObject(with: Data(document))
        let indented = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        #expect(indented.count > ParallelEntryReader.minimumBytes)
        let reread = try Array(indented).withUnsafeBufferPointer { try HistoryFileFormat.readDocument($0) }
        #expect(reread == .entries(entries))
        #expect(Self.readInParallel(Array(indented)) == entries, "one member per line is read on several threads too")
    }

    /// `ParallelEntryReader`'s result for the `entries` array of `document`; checks that
    /// the reader ends up right after the array's `]` and that there is room for 10 more.
    private static func readInParallel(_ document: [UInt8]) -> [HistoryEntry]? {
        let key = Array("\"entries\"".utf8)
        guard let keyStart = (0...(document.count - key.count)).first(where: { document[$0..<($0 + key.count)].elementsEqual(key) }),
              let colon = document[(keyStart + key.count)...].firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        return document.withUnsafeBufferPointer { input in
            var r = JSONReader(input, offset: colon + 1)
            guard let entries = ParallelEntryReader.read(from: &r, extraCapacity: 10) else { return nil }
            #expect(entries.capacity >= entries.count + 10)
            #expect(input[r.offset - 1] == UInt8(ascii: "]"))
            return entries
        }
    }
}
