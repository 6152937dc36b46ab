import Foundation

/// Where each entry of a schema-2 history file sits, with its `entryId` and top-level `id`,
/// found without building the entries. A write copies the other entries' bytes as they are
/// and encodes only what it adds or changes: decoding and encoding every entry made a write
/// to 100,000 entries take 0.6–1.6 s, against ~0.3 s (README, Performance).
///
/// The scan checks the whole document's JSON syntax, not each entry's fields: an entry that
/// is valid JSON but not a valid entry is copied as it is, and the next full read (`load`)
/// refuses the file, naming the entry, as it does any entry that does not read.
struct HistoryLayout {
    struct Entry {
        var entryId: UUID
        /// The top-level `id` (an artifact's ID; an image's is inside its answer).
        var id: String?
        var range: Range<Int>
    }

    var entries: [Entry]

    /// The layout of `input`; `nil` when only a full read can tell (not schema 2, the
    /// version after the entries, a syntax error: `HistoryFile.decode` then says what; an
    /// entryId twice, which a full read keeps once).
    static func scan(_ input: UnsafeBufferPointer<UInt8>) -> HistoryLayout? {
        var r = JSONReader(input)
        var version: Int64?
        var entries: [Entry]?
        do {
            var cursor = try r.beginObject(depth: 0)
            while let key = try r.nextKey(&cursor) {
                switch key {
                case .schemaVersion: version = try r.readInt64()
                case .entries where version == Int64(HistoryFile.schemaVersion) && entries == nil: entries = try scanEntries(&r)
                default: return nil
                }
            }
        } catch {
            return nil
        }
        guard r.peek() == nil, let entries else { return nil }
        return HistoryLayout(entries: entries)
    }

    private static func scanEntries(_ r: inout JSONReader) throws(JSONReadError) -> [Entry] {
        var entries: [Entry] = []
        // An entryId twice (two copies merged by hand): only a full read keeps one of each.
        var seen = Set<UUID>()
        try r.readArray(depth: 1) { (r) throws(JSONReadError) in
            _ = r.peek()
            let start = r.offset
            var entryId: UUID?, id: String?
            try r.readMembers(depth: 2) { (r, key) throws(JSONReadError) in
                switch key {
                case .entryId: entryId = try HistoryEntry.readUUID(from: &r)
                case .id: id = try r.readString()
                default: try r.skipValue(depth: 2)
                }
            }
            guard let entryId else { throw JSONReadError(reason: "an entry lacks entryId", offset: start) }
            guard seen.insert(entryId).inserted else { throw JSONReadError(reason: "an entryId twice", offset: start) }
            entries.append(Entry(entryId: entryId, id: id, range: start..<r.offset))
        }
        return entries
    }

    /// The entry at `index`, read from `input`; `nil` when it does not read as one (a full
    /// read then says why).
    func entry(at index: Int, in input: [UInt8]) -> HistoryEntry? {
        input.withUnsafeBufferPointer { buffer in
            var r = JSONReader(buffer, offset: entries[index].range.lowerBound)
            return try? HistoryEntry.read(from: &r, depth: 2)
        }
    }

    /// `input` with `added` after its last entry, written in `input`'s own storage: an upload
    /// adds one entry, and building a second copy of the file cost a fresh process (each CLI
    /// command) ~1,600 more page faults at 10,000 entries (README, Performance).
    func appending(_ added: [HistoryEntry], to input: consuming [UInt8]) -> [UInt8] {
        guard let end = entries.last?.range.upperBound else { return document(from: input, replacing: { _ in nil }, adding: added) }
        var w = JSONWriter(continuing: consume input, after: end)
        for entry in added {
            w.raw(",\n    ")
            entry.write(to: &w, lean: true)
        }
        w.raw(HistoryFile.tail)
        return w.bytes
    }

    /// The document with each entry's bytes as `replacement` gives them: `nil` keeps the
    /// entry's own bytes, an empty array drops it; then `added`, encoded.
    func document(
        from input: [UInt8], replacing replacement: (Int) -> [UInt8]?, adding added: [HistoryEntry] = []
    ) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: input.count + added.count * 768 + 64)
        w.raw(HistoryFile.head)
        var count = 0
        func separate() {
            w.raw(count == 0 ? "\n    " : ",\n    ")
            count += 1
        }
        for (index, entry) in entries.enumerated() {
            if let bytes = replacement(index) {
                guard !bytes.isEmpty else { continue }
                separate()
                w.raw(bytes)
            } else {
                separate()
                w.raw(input[entry.range])
            }
        }
        for entry in added {
            separate()
            entry.write(to: &w, lean: true)
        }
        w.raw(count == 0 ? Array("]\n}\n".utf8) : HistoryFile.tail)
        return w.bytes
    }
}
