import Foundation
import MarketplaceAPI
import PropertyBased
import Testing
import TestSupport
@testable import AssetCore

@Suite("History JSON coding", .ownThreads)
struct HistoryCodingTests {
    /// Characters that stress a JSON string coder: quotes, escapes, controls, non-ASCII,
    /// astral scalars, line separators, combining marks.
    static let awkward: [Character] = Array("aZ09 -_./:@\"\\\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}\u{7F}\u{85}éß中文🙂👍🏽\u{2028}\u{2029}\u{FEFF}\u{FFFD}e\u{301}\u{202E}")
    static let text = Gen<Character?>.element(of: awkward).map { $0! }.string(of: 0...24)
    static let millis = Gen.int64(in: -2_000_000_000_000...4_000_000_000_000)

    /// An entry whose optional members are present or not, and whose top-level values equal
    /// the server's answer's or not, as `shape` says (one bit per choice).
    static func entry(_ a: String, _ b: String, _ c: String, size: Int64, millis: Int64, shape: Int) -> HistoryEntry {
        func bit(_ n: Int) -> Bool { shape >> n & 1 == 1 }
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        let isArtifact = bit(0)
        let answered = bit(1)
        let image = ImageAsset(id: b, mediaType: bit(2) ? nil : c, mimeType: bit(3) ? nil : a, name: bit(4) ? nil : c, size: bit(5) ? nil : size)
        let artifact = Artifact(
            fileInfo: FileInfo(logicalFileName: b, size: size, checksum: bit(3) ? nil : c),
            details: bit(4) ? nil : ArtifactDetails(key: a, name: b, version: c, licensingEnabled: bit(5), dataCenterCompatible: nil,
                                                      addOnType: c, remotable: bit(6), dataCenterStatus: nil, editionsEnabled: bit(7)),
            links: ArtifactLinks(selfLink: Link(href: a), binary: bit(5) ? nil : Link(href: b), remote: bit(6) ? Link(href: c) : nil))
        // Top-level values: the answer's own (which the file then leaves out), another, or none.
        func pick<T>(_ answer: T?, _ other: T?, _ first: Int) -> T? { bit(first) ? answer : bit(first + 1) ? other : nil }
        let answerName = isArtifact ? artifact.fileInfo.logicalFileName : image.name
        return HistoryEntry(
            kind: isArtifact ? .artifact : .image,
            id: pick(answered && !isArtifact ? image.id : nil, a + "-id", 8),
            imageType: isArtifact ? nil : b, name: bit(10) ? (answered ? answerName ?? a : a) : a + b,
            mimeType: pick(answered && !isArtifact ? image.mimeType : nil, c + "/x", 11),
            size: pick(answered ? (isArtifact ? artifact.fileInfo.size : image.size) : nil, size &+ 1, 13),
            localPath: bit(15) ? "/" + b : nil, remoteURI: bit(16) ? "https://x/" + c : nil,
            checksum: pick(answered && isArtifact ? artifact.fileInfo.checksum : nil, "sha512:" + c, 17),
            verified: bit(19) ? bit(20) : nil,
            image: answered && !isArtifact ? image : nil, artifact: answered && isArtifact ? artifact : nil,
            serverURL: c, createdAt: date, refreshedAt: bit(21) ? date : nil, failure: bit(22) ? a + c : nil, lookedUp: bit(23))
    }

    /// Runs `body` on `count` generated entries.
    static func forEntries(count: Int, _ body: @escaping (HistoryEntry) -> Void) async {
        await propertyCheck(count: count, input: text, text, text, Gen.int64(), millis, Gen.int(in: 0...(1 << 24 - 1))) { a, b, c, size, millis, shape in
            body(entry(a, b, c, size: size, millis: millis, shape: shape))
        }
    }

    /// The entry as JSON, written by this test (not by the coder): the independent statement
    /// of the lean shape, compared with what JSONSerialization reads from the coder's output.
    static func expectedObject(_ entry: HistoryEntry, lean: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "entryId": entry.entryId.uuidString, "kind": entry.kind.rawValue, "serverURL": entry.serverURL,
            "createdAt": HistoryTimestamp.string(entry.createdAt),
        ]
        func put(_ key: String, _ value: Any?, answer: Any? = nil, equal: Bool = false) {
            if lean && equal { return }
            if let value { object[key] = value } else if answer != nil { object[key] = NSNull() }
        }
        let image = entry.image, fileInfo = entry.artifact?.fileInfo
        put("id", entry.id, answer: image?.id, equal: entry.id == image?.id)
        put("imageType", entry.imageType)
        let answerName = image?.name ?? fileInfo?.logicalFileName
        put("name", entry.name, equal: entry.name == answerName)
        put("mimeType", entry.mimeType, answer: image?.mimeType, equal: entry.mimeType == image?.mimeType)
        let answerSize = image?.size ?? fileInfo?.size
        put("size", entry.size.map { NSNumber(value: $0) }, answer: answerSize, equal: entry.size == answerSize)
        put("localPath", entry.localPath)
        put("remoteURI", entry.remoteURI)
        put("checksum", entry.checksum, answer: fileInfo?.checksum, equal: entry.checksum == fileInfo?.checksum)
        put("verified", entry.verified)
        put("refreshedAt", entry.refreshedAt.map(HistoryTimestamp.string))
        put("failure", entry.failure)
        if entry.lookedUp { object["lookedUp"] = true }
        if let image {
            var answer: [String: Any] = ["id": image.id]
            answer["mediaType"] = image.mediaType
            answer["mimeType"] = image.mimeType
            answer["name"] = image.name
            answer["size"] = image.size.map { NSNumber(value: $0) }
            object["image"] = answer
        }
        if let artifact = entry.artifact {
            var info: [String: Any] = ["logicalFileName": artifact.fileInfo.logicalFileName, "size": NSNumber(value: artifact.fileInfo.size)]
            info["checksum"] = artifact.fileInfo.checksum
            var links: [String: Any] = ["self": ["href": artifact.links.selfLink.href]]
            links["binary"] = artifact.links.binary.map { ["href": $0.href] }
            links["remote"] = artifact.links.remote.map { ["href": $0.href] }
            var answer: [String: Any] = ["fileInfo": info, "_links": links]
            if let details = artifact.details {
                var fields: [String: Any] = [:]
                fields["key"] = details.key
                fields["name"] = details.name
                fields["version"] = details.version
                fields["licensingEnabled"] = details.licensingEnabled
                fields["dataCenterCompatible"] = details.dataCenterCompatible
                fields["addOnType"] = details.addOnType
                fields["remotable"] = details.remotable
                fields["dataCenterStatus"] = details.dataCenterStatus
                fields["editionsEnabled"] = details.editionsEnabled
                answer["details"] = fields
            }
            object["artifact"] = answer
        }
        return object
    }

    static func read(_ bytes: [UInt8]) -> HistoryFile.Contents? {
        var ranges: [Range<Int>]?
        return bytes.withUnsafeBufferPointer { try? HistoryFile.decode($0, ranges: &ranges) }
    }

    @Test("any entry survives the writer and the reader, in the file and in history --json, byte for byte on a second pass")
    func roundTrip() async {
        await Self.forEntries(count: 400) { original in
            let document = HistoryFile.encode([original, original])
            guard case .entries(let read)? = Self.read(document) else {
                Issue.record("does not read back: \(String(decoding: document, as: UTF8.self))")
                return
            }
            #expect(read == [original, original])
            #expect(HistoryFile.encode(read) == document)
            let full = HistoryEntry.json([original])
            #expect((try? HistoryEntry(json: String(decoding: full.dropFirst().dropLast(), as: UTF8.self))) == original)
            #expect((try? HistoryEntry(json: original.prettyJSON)) == original)
        }
    }

    @Test("the ends of Int64 survive too: a server's size of Int64.min was written, and then did not read (every command failed)")
    func int64Ends() {
        for size in [Int64.min, Int64.max, -1] {
            let original = Self.entry("image/png", "img-1", "icon.png", size: size, millis: 0, shape: 0)
            guard case .entries(let read)? = Self.read(HistoryFile.encode([original])) else {
                Issue.record("\(size) does not read back")
                continue
            }
            #expect(read == [original])
        }
    }

    @Test("JSONSerialization reads the file as the lean shape says, and history --json with every value")
    func foundationOracle() async throws {
        /// A JSON object in one canonical spelling (keys sorted), to compare two of them.
        func canonical(_ object: Any?) -> String? {
            guard let object, let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        await Self.forEntries(count: 300) { original in
            let document = HistoryFile.encode([original])
            let parsed = (try? JSONSerialization.jsonObject(with: Data(document))) as? [String: Any]
            #expect(parsed?["schemaVersion"] as? Int == 2)
            let entries = parsed?["entries"] as? [Any]
            #expect(entries?.count == 1)
            #expect(canonical(entries?.first) == canonical(Self.expectedObject(original, lean: true)))
            let full = (try? JSONSerialization.jsonObject(with: Data(HistoryEntry.json([original])))) as? [Any]
            #expect(canonical(full?.first) == canonical(Self.expectedObject(original, lean: false)))
            // Indented (history --json) says the same, one member to a line.
            let indented = HistoryEntry.json([original, original], indented: true)
            let parsedIndented = (try? JSONSerialization.jsonObject(with: Data(indented))) as? [Any]
            #expect(parsedIndented?.count == 2 && canonical(parsedIndented?.last) == canonical(Self.expectedObject(original, lean: false)))
            #expect(String(decoding: indented, as: UTF8.self).hasPrefix("[\n  {\n    \"entryId\" : \""))
        }
        #expect(HistoryEntry.json([], indented: true) == Array("[]".utf8))
    }

    @Test("the file keeps no value twice: an image's answer holds its ID, name, type and size; an artifact's its name, size and checksum")
    func leanEntries() throws {
        let document = HistoryFile.encode([SampleEntries.image(), SampleEntries.artifact()])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(document)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(Set(entries[0].keys) == ["entryId", "kind", "createdAt", "imageType", "localPath", "serverURL", "image"])
        #expect(Set(entries[1].keys) == ["entryId", "kind", "createdAt", "id", "mimeType", "localPath", "verified", "serverURL",
                                         "refreshedAt", "artifact"])
        let lines = String(decoding: document, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[0...2] == ["{", "  \"schemaVersion\": 2,", "  \"entries\": ["])
        #expect(lines[3].hasPrefix("    {\"entryId\":") && lines[3].hasSuffix("}},"))
        #expect(lines[5...] == ["  ]", "}"])
        #expect(String(decoding: HistoryFile.encode([]), as: UTF8.self) == "{\n  \"schemaVersion\": 2,\n  \"entries\": []\n}\n")
    }

    @Test("the server's answer in an entry is what the API models' Codable writes, every member: a member added to a model cannot be left out")
    func answersAsTheModelsWriteThem() throws {
        let details = ArtifactDetails(key: "com.example.app", name: "App", version: "1.0.0", licensingEnabled: true, dataCenterCompatible: true,
                                      addOnType: "two", remotable: false, dataCenterStatus: "compatible", editionsEnabled: false)
        let artifact = Artifact(fileInfo: FileInfo(logicalFileName: "app.jar", size: 12, checksum: "sha512:" + String(repeating: "ab", count: 64)),
                                details: details,
                                links: ArtifactLinks(selfLink: Link(href: "/rest/3/artifacts/a1"), binary: Link(href: "/rest/3/artifacts/a1/download"),
                                                     remote: Link(href: "https://example.com/app.jar")))
        var image = ImageAsset(id: "img-1", mediaType: "image")
        (image.mimeType, image.name, image.size) = ("image/png", "icon.png", 34)
        // Every member set, so that one the writer leaves out shows (a nil one the encoder leaves out too).
        func unset(_ value: Any) -> [String] {
            Mirror(reflecting: value).children.flatMap { child -> [String] in
                var member = child.value
                if Mirror(reflecting: member).displayStyle == .optional {
                    guard let wrapped = Mirror(reflecting: member).children.first?.value else { return [child.label ?? "?"] }
                    member = wrapped
                }
                return Mirror(reflecting: member).displayStyle == .struct ? unset(member).map { "\(child.label ?? "?").\($0)" } : []
            }
        }
        #expect(unset(artifact).isEmpty && unset(image).isEmpty, "set every member: \(unset(artifact) + unset(image))")
        func modelObject(_ value: some Encodable) throws -> NSDictionary {
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
            return (object as? NSDictionary) ?? [:]  // (an empty one compares unequal, failing the test)
        }
        for entry in [HistoryEntry(kind: .artifact, id: "a1", name: "app.jar", artifact: artifact, serverURL: "https://x"),
                      HistoryEntry(kind: .image, id: "img-1", name: "icon.png", image: image, serverURL: "https://x")] {
            for lean in [true, false] {
                let written = lean ? HistoryFile.encode([entry]) : HistoryEntry.json([entry])
                let object = try JSONSerialization.jsonObject(with: Data(written))
                let stored = try #require(lean ? ((object as? [String: Any])?["entries"] as? [[String: Any]])?.first : (object as? [[String: Any]])?.first)
                if let artifact = entry.artifact { #expect(stored["artifact"] as? NSDictionary == (try modelObject(artifact))) }
                if let image = entry.image { #expect(stored["image"] as? NSDictionary == (try modelObject(image))) }
            }
        }
    }

    @Test("JSON written by other tools reads: indented, keys in any order, unknown members, null, escapes, other ISO 8601 forms")
    func writtenByOthers() throws {
        let text = """
        {"comment": {"a": [1, 2.5e3, true, null, "x"]}, "entries": [
          {"name": "a\\u00e9\\ud83d\\ude42.png", "kind": "image", "entryId": "6d1799a0-5bb2-43b2-98dc-38a12cff7dec",
           "serverURL": "https://s", "createdAt": "2025-03-01T12:34:56+01:00", "failure": null, "future": {"x": 1},
           "image": {"size": 3, "id": "img-1", "extra": [{}]}}
        ], "schemaVersion": 1}
        """
        guard case .entries(let entries)? = Self.read(Array(text.utf8)) else {
            Issue.record("not read")
            return
        }
        #expect(entries.count == 1)
        #expect(entries[0].name == "aé🙂.png")
        #expect(entries[0].failure == nil)
        #expect(entries[0].id == "img-1", "the ID comes from the answer")
        #expect(entries[0].size == 3)
        #expect(entries[0].createdAt == Date(timeIntervalSince1970: 1_740_828_896))

        let indented = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(HistoryFile.encode(SampleEntries.mixed(5)))), options: [.prettyPrinted])
        guard case .entries(let reread)? = Self.read(Array(indented)) else {
            Issue.record("indented file not read")
            return
        }
        #expect(reread.count == 5)
    }

    @Test("the reader takes RFC 8259 JSON as JSONSerialization does, no more: a write copies what it passes as it is, and jq must read the result",
          arguments: [
              ("0", true), ("-0", true), ("12", true), ("-1.5e+3", true), ("1E5", true), ("0.25", true), (#""\u0041\/\n""#, true),
              ("\"é\"", true), ("01", false), ("-", false), ("1-2", false), ("+1", false), (".5", false), ("1.", false),
              ("1e", false), ("1e+", false), ("--1", false), ("0x10", false), ("NaN", false), ("\"a\tb\"", false),
              ("\"a\u{1}b\"", false), (#""\u+041""#, false), (#""\u00g1""#, false),
          ])
    func strictJSON(value: String, valid: Bool) throws {
        let entry = String(decoding: SampleEntries.image().jsonLine, as: UTF8.self)
        let document = "{\"schemaVersion\": 2, \"entries\": [\n    " + entry.dropLast() + ", \"extra\": [\(value)]}\n  ]\n}\n"
        let bytes = Array(document.utf8)
        #expect(((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil) == valid, "the oracle")
        #expect((Self.read(bytes) != nil) == valid, "a read")
        let version = "{\"schemaVersion\": 02, \"entries\": []}"
        #expect(Self.read(Array(version.utf8)) == nil && (try? JSONSerialization.jsonObject(with: Data(version.utf8))) == nil)
    }

    @Test("an old journal's header is its first line with schemaVersion and no entryId; a first entry that lost its entryId is a line that does not read, not a header")
    func legacyJournalHeader() {
        let entry = String(decoding: SampleEntries.image().jsonLine, as: UTF8.self)
        func read(_ text: String) -> HistoryFile.LegacyJournal {
            Array(text.utf8).withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) }
        }
        let withHeader = read("{\"schemaVersion\":1}\n" + entry + "\n")
        #expect(withHeader.entries.count == 1 && withHeader.unreadableLines.isEmpty)
        let damaged = read("{\"kind\":\"image\",\"name\":\"a.png\"}\n" + entry + "\n")
        #expect(damaged.entries.count == 1 && damaged.unreadableLines == [1], "kept as a .corrupt journal, not dropped unsaid")
        // A last line without its newline: whole, an entry; torn, a line that does not read.
        let whole = read("{\"schemaVersion\":1}\n" + entry)
        #expect(whole.entries.count == 1 && whole.unreadableLines.isEmpty)
        let torn = read("{\"schemaVersion\":1}\n" + entry + "\n" + entry.prefix(40))
        #expect(torn.entries.count == 1 && torn.unreadableLines == [3])
    }

    @Test("documents that are not a history are refused")
    func notAHistory() {
        for text in ["{\"entries\": []}", "{\"schemaVersion\": 2}", "{\"schemaVersion\": 0, \"entries\": []}",
                     "{\"schemaVersion\": 2, \"entries\": [{\"kind\": \"image\"}]}",
                     "{\"schemaVersion\": 2, \"entries\": [{\"entryId\": \"x\", \"kind\": \"image\", \"name\": \"n\", \"serverURL\": \"s\", \"createdAt\": \"2025-01-01T00:00:00Z\"}]}",
                     "{\"schemaVersion\": 2, \"entries\": []} trailing", "[]", "{\"schemaVersion\": 2.5, \"entries\": []}"] {
            #expect(Self.read(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(Self.read(Array("  \n".utf8)) == .entries([]))
        #expect(Self.read(Array("{\"entries\": [{\"x\": 1}], \"schemaVersion\": 7}".utf8)) == .newerSchema(7))
    }

    @Test("deep nesting in an unknown member is an error, not a stack overflow")
    func deepNesting() {
        let deep = "{\"schemaVersion\":2,\"x\":" + String(repeating: "[", count: 100_000) + "],\"entries\":[]}"
        let reason = Array(deep.utf8).withUnsafeBufferPointer { input -> String? in
            do throws(JSONReadError) {
                var ranges: [Range<Int>]?
                _ = try HistoryFile.decode(input, ranges: &ranges)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason == "nesting too deep")
    }

    /// The document a write makes of `document` when it replaces the entries at `replaced` by
    /// themselves: their bytes encoded anew, the others' copied; `nil` when the document does not
    /// read or repeats an entryId.
    static func copied(_ document: [UInt8], replacing replaced: Set<Int>) -> [UInt8]? {
        var ranges: [Range<Int>]?
        guard case .entries(let entries)? = document.withUnsafeBufferPointer({ try? HistoryFile.decode($0, ranges: &ranges) }),
              Set(entries.map(\.entryId)).count == entries.count else { return nil }
        var asRead: [UUID: Range<Int>] = [:]
        for (index, entry) in entries.enumerated() where !replaced.contains(index) { asRead[entry.entryId] = ranges?[index] }
        return HistoryFile.encode(entries, copying: document, at: asRead)
    }

    @Test("an add in place writes after the last entry in the bytes read, in their own storage: no copy of the file")
    func addInPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entries = SampleEntries.mixed(200)
        let path = try folder.write("history.json", String(decoding: HistoryFile.encode(entries), as: UTF8.self))
        var bytes = try #require(try POSIXFile.readAll(path, what: "the history"))
        let before = bytes.withUnsafeBufferPointer { $0.baseAddress }
        let end = try #require(bytes.lastIndex(of: UInt8(ascii: "}")).flatMap { last in bytes[..<last].lastIndex(of: UInt8(ascii: "}")) }) + 1
        #expect(HistoryFile.takesAddsInPlace(bytes))
        let added = [SampleEntries.artifact("a.jar"), SampleEntries.image("b.png"), SampleEntries.failed("c.jar")]
        bytes = HistoryFile.encode(added[...], after: end, of: consume bytes)
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(bytes == HistoryFile.encode(entries + added))
    }

    @Test("a write copies the bytes of the entries it leaves, wherever they stand: indented, keys sorted (entries before schemaVersion), after a byte order mark; schema 1 is encoded anew")
    func copiedEntriesReadBack() throws {
        let entries = SampleEntries.mixed(6)
        let ours = HistoryFile.encode(entries)
        let object = try JSONSerialization.jsonObject(with: Data(ours))
        let sorted = Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
        var version1 = try #require(object as? [String: Any])
        version1["schemaVersion"] = 1
        let documents = [ours, sorted, Array("\u{FEFF}".utf8) + ours, Array(try JSONSerialization.data(withJSONObject: version1))]
        for (number, document) in documents.enumerated() {
            for replaced in [[], [0], [2, 5], Set(0..<6)] as [Set<Int>] {
                let written = try #require(Self.copied(document, replacing: replaced))
                #expect(Self.read(written) == .entries(entries), "document \(number), replaced \(replaced)")
                if number == 1 {
                    // An entry left keeps its own indentation and key order; one replaced is one line.
                    let text = String(decoding: written, as: UTF8.self)
                    #expect(text.components(separatedBy: "    {\n      \"").count - 1 == 6 - replaced.count)
                    #expect(text.components(separatedBy: "    {\"entryId\":").count - 1 == replaced.count)
                }
            }
        }
    }

    @Test("reading garbage never crashes: damaged documents and random bytes give an error or entries")
    func damagedInput() async {
        let valid = HistoryFile.encode([SampleEntries.artifact(), SampleEntries.image(), SampleEntries.failed()])
        await propertyCheck(count: 400, input: Gen.int(in: 0...(valid.count - 1)), Gen.uint8(), Gen.int(in: 0...3)) { position, byte, mode in
            var damaged = valid
            switch mode {
            case 0: damaged[position] = byte
            case 1: damaged.removeSubrange(position...)
            case 2: damaged.insert(byte, at: position)
            default: damaged.remove(at: position)
            }
            // What the read takes, JSONSerialization takes (as jq, invalid UTF-8 read as U+FFFD):
            // a write copies its entries' bytes, and the file must stay one jq reads; copied, they
            // read back as they were. (An empty file, or only white space, is the empty history, and no JSON.)
            let blank = damaged.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
            if !blank, case .entries(let entries)? = Self.read(damaged) {
                #expect((try? JSONSerialization.jsonObject(with: Data(String(decoding: damaged, as: UTF8.self).utf8))) != nil,
                        "\(String(decoding: damaged, as: UTF8.self))")
                #expect(Self.copied(damaged, replacing: []).map { Self.read($0) } == .entries(entries))
            }
            _ = damaged.withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) }
        }
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 0...300)) { bytes in
            _ = Self.read(bytes)
            _ = bytes.withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) }
        }
    }

    @Test("entryId: a UUID in either case; anything else is an error")
    func entryIds() throws {
        let id = UUID(uuidString: "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFD")!
        func read(_ text: String) -> UUID? {
            try? HistoryEntry(json: #"{"createdAt":"2025-01-01T00:00:00.000Z","entryId":"\#(text)","kind":"image","name":"a.png","serverURL":"u"}"#).entryId
        }
        #expect(read(id.uuidString) == id)
        #expect(read(id.uuidString.lowercased()) == id)
        for bad in ["0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFG", "0A1B2C3D-4E5F-6A7B-8C9D+AEBFCADBECFD", "0A1B2C3D4E5F-6A7B-8C9D-AEBFCADBECFD0",
                    "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECF", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC:D", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC@D",
                    " A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBECFD", "0A1B2C3D-4E5F-6A7B-8C9D-AEBFCADBEC\\u0046D"] {
            #expect(read(bad) == nil, "\(bad)")
        }
    }

    @Test("timestamps: written in UTC with milliseconds, read in the common ISO 8601 forms")
    func timestamps() async {
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(HistoryTimestamp.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(HistoryTimestamp.fileNameStamp(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        func parse(_ text: String) -> Date? { Array(text.utf8).withUnsafeBufferPointer { HistoryTimestamp.parse($0) } }
        #expect(parse("2024-02-29T23:59:59Z") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(parse("2024-02-29T23:59:59.5Z") == Date(timeIntervalSince1970: 1_709_251_199.5))
        #expect(parse("2024-03-01T01:00:00+01:00") == Date(timeIntervalSince1970: 1_709_251_200))
        for bad in ["2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-01T24:00:00.000Z", "2024-01-01T00:00:00",
                    "2024-01-01T00:00:00.Z", "2024-01-01", "", "2024-01-01T00:00:00Zjunk", "2024-01-01T00:00:00.00xZ"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        await propertyCheck(count: 500, input: Self.millis) { millis in
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            #expect(parse(HistoryTimestamp.string(date)) == date)
            #expect(HistoryTimestamp.rounded(date) == date)
        }
    }
}
