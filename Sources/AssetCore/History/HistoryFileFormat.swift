import Foundation

/// The on-disk layout of the history: a JSON document plus a JSON Lines journal.
///
/// ```
/// history.json                 the document: one entry per line, keys sorted, e.g.
///   {
///     "schemaVersion": 1,
///     "entries": [
///       {"createdAt":"2025-03-01T12:34:56.789Z","entryId":"…","id":"img-…","imageType":"icon","kind":"image",…},
///       {"artifact":{"_links":{…},"fileInfo":{…}},"checksum":"sha512:…","createdAt":"…",…}
///     ]
///   }
/// history.journal.jsonl        entries written since the document was last rewritten,
///                              one compact JSON object per line; the first line is a
///                              header, {"schemaVersion":1}
/// history.json.lock            an empty file that writers flock(2); never holds data
/// history.json.corrupt-<UTC>   a document that did not parse, moved aside, never deleted
/// ```
///
/// The history is the document's entries, then the journal's entries in order; the
/// last one written for an `entryId` wins (so an update is a new journal line).
/// Appending writes one journal line, which keeps adding to a large history cheap;
/// every `HistoryStore.journalLimit` lines the journal is folded into a new document
/// (written to a temporary file, fsynced and renamed over the old one) and emptied.
///
/// One entry per line (rather than every member on its own line) keeps the file a third
/// smaller and quick to read at 100,000 entries, and lets `grep` find an entry by any
/// value; `jq . history.json` shows it fully indented. Dates are ISO-8601 UTC with
/// milliseconds; `schemaVersion` comes first so that it is seen before the entries.
///
/// To query with jq: `jq '.entries[] | select(.kind == "artifact")' history.json`, and
/// for the newest entries that are not folded in yet,
/// `jq -c 'select(.entryId)' history.journal.jsonl`.
/// `marketplace-assets history --json` prints the merged view.
enum HistoryFileFormat {
    /// The schema version this build reads and writes.
    static let schemaVersion = 1

    // MARK: The document

    /// The document's frame up to the entries array's `[`.
    private static var documentStart: String { "{\n  \"schemaVersion\": \(schemaVersion),\n  \"entries\": [" }

    /// The document's frame up to its first entry, as `document(_:)` writes it.
    static var documentHead: [UInt8] { Array((documentStart + "\n").utf8) }

    /// The document's frame after its last entry, as `document(_:)` writes it.
    static let documentEnd = Array("\n  ]\n}\n".utf8)

    /// The document for `entries`: an indented frame with one compact entry per line.
    static func document(_ entries: [HistoryEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 900 + 64)
        out.append(contentsOf: documentStart.utf8)
        var line = JSONWriter(pretty: false, reservingCapacity: 2048)
        for (index, entry) in entries.enumerated() {
            out.append(contentsOf: index == 0 ? "\n    ".utf8 : ",\n    ".utf8)
            line.removeAll()
            HistoryEntryCoding.write(entry, to: &line)
            out.append(contentsOf: line.bytes)
        }
        if entries.isEmpty {
            out.append(contentsOf: "]\n}\n".utf8)
        } else {
            out.append(contentsOf: documentEnd)
        }
        return out
    }

    /// What a document holds.
    enum DocumentContents: Equatable {
        case entries([HistoryEntry])
        /// Written by a newer version of the tool; left untouched.
        case newerSchema(Int)
    }

    /// Reads a document. An empty (or all white space) input is an empty history.
    /// `extraCapacity`: room to keep in the array for entries that will be appended (the
    /// journal's), so that appending them does not move 100,000 entries to a larger array.
    static func readDocument(_ input: UnsafeBufferPointer<UInt8>, extraCapacity: Int = 0) throws(JSONReadError) -> DocumentContents {
        var r = JSONReader(input)
        if r.peek() == nil { return .entries([]) }
        var version: Int64?
        var entries: [HistoryEntry]?
        var deferredEntriesOffset: Int?
        try r.readObject(depth: 0) { (r, key) throws(JSONReadError) in
            switch key {
            case .schemaVersion:
                version = try r.readInt64()
            case .entries where version == nil:
                // Written by hand with the version last: find the version first.
                deferredEntriesOffset = r.offset
                try r.skipValue(depth: 1)
            case .entries where version! > Int64(schemaVersion):
                try r.skipValue(depth: 1)
            case .entries:
                entries = try readEntries(from: &r, extraCapacity: extraCapacity)
            default:
                try r.skipValue(depth: 1)
            }
        }
        if r.peek() != nil { throw r.error("unexpected text after the document") }
        guard let version else { throw JSONReadError(reason: "no schemaVersion", offset: 0) }
        guard version >= 1 else { throw JSONReadError(reason: "schemaVersion \(version) is not valid", offset: 0) }
        if version > Int64(schemaVersion) { return .newerSchema(Int(clamping: version)) }
        if let deferredEntriesOffset {
            var again = JSONReader(input, offset: deferredEntriesOffset)
            entries = try readEntries(from: &again, extraCapacity: extraCapacity)
        }
        guard let entries else { throw JSONReadError(reason: "no entries", offset: 0) }
        return .entries(entries)
    }

    private static func readEntries(from r: inout JSONReader, extraCapacity: Int) throws(JSONReadError) -> [HistoryEntry] {
        if let entries = ParallelEntryReader.read(from: &r, extraCapacity: extraCapacity) { return entries }
        var entries: [HistoryEntry] = []
        var strings = StringCache()
        try r.readArray(depth: 1) { (r) throws(JSONReadError) in
            entries.append(try HistoryEntryCoding.read(from: &r, depth: 2, strings: &strings))
        }
        return entries
    }

    // MARK: The newest entries alone

    /// The last entries of a document, oldest first, from the document's first bytes
    /// (`head`) and its last bytes (`tail`, which may start in the middle of a line), without
    /// the bytes between: at most `limit` entries, fewer when `tail` holds fewer whole lines.
    ///
    /// Only for a document laid out as `document(_:)` writes it, one entry per line; `nil`
    /// for anything else (an indented or hand-edited file, a newer schema), and for a line
    /// that does not read as an entry, so that only a full read reports on such a file.
    static func newestEntries(head: UnsafeBufferPointer<UInt8>, tail: UnsafeBufferPointer<UInt8>, limit: Int) -> [HistoryEntry]? {
        let expectedHead = documentHead
        guard head.count >= expectedHead.count, head.prefix(expectedHead.count).elementsEqual(expectedHead),
              tail.count > documentEnd.count, tail.suffix(documentEnd.count).elementsEqual(documentEnd)
        else { return nil }
        var entries: [HistoryEntry] = []
        var strings = StringCache()
        var lineEnd = tail.count - documentEnd.count
        // Lines from the last one back; the first line of `tail` may be cut, so it is never read.
        while entries.count < limit, let newline = lastNewline(in: tail, before: lineEnd) {
            var line = UnsafeBufferPointer(rebasing: tail[(newline + 1)..<lineEnd])
            lineEnd = newline
            if line.last == UInt8(ascii: ",") { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            var r = JSONReader(line)
            guard r.peek() == UInt8(ascii: "{") else { break }
            do throws(JSONReadError) {
                entries.append(try HistoryEntryCoding.read(from: &r, depth: 2, strings: &strings))
                guard r.peek() == nil else { return nil }
            } catch {
                return nil
            }
        }
        return entries.reversed()
    }

    private static func lastNewline(in input: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        input[..<end].lastIndex(of: UInt8(ascii: "\n"))
    }

    // MARK: The journal

    /// The journal's first line.
    static var journalHeader: [UInt8] {
        Array("{\"schemaVersion\":\(schemaVersion)}\n".utf8)
    }

    /// One journal line for `entry`: compact JSON and a newline.
    static func journalLine(_ entry: HistoryEntry) -> [UInt8] {
        var w = JSONWriter(pretty: false, reservingCapacity: 1024)
        HistoryEntryCoding.write(entry, to: &w)
        w.raw(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// What a journal holds.
    struct JournalContents {
        var entries: [HistoryEntry] = []
        /// Set when the header names a newer schema; `entries` is then empty.
        var newerSchema: Int?
        /// 1-based numbers of complete lines that did not parse (skipped).
        var unreadableLines: [Int] = []
        /// The length up to and including the last newline: what a writer keeps when it
        /// cuts off a torn last line left by a writer that was killed mid-append.
        var completeLength = 0
        /// Whether bytes after the last newline were ignored.
        var hasTornTail = false
        /// Complete lines, the header included.
        var lineCount = 0
    }

    static func readJournal(_ input: UnsafeBufferPointer<UInt8>) -> JournalContents {
        var contents = JournalContents()
        var strings = StringCache()
        var lineStart = 0
        var lineNumber = 0
        while lineStart < input.count {
            guard let newline = firstNewline(in: input, from: lineStart) else {
                contents.hasTornTail = input[lineStart...].contains { $0 > 0x20 }
                break
            }
            lineNumber += 1
            defer { lineStart = newline + 1 }
            contents.completeLength = newline + 1
            contents.lineCount = lineNumber
            let line = UnsafeBufferPointer(rebasing: input[lineStart..<newline])
            var r = JSONReader(line)
            if r.peek() == nil { continue }
            if lineNumber == 1, let version = headerVersion(line) {
                if version > schemaVersion {
                    contents.newerSchema = version
                    contents.entries = []
                    return contents
                }
                continue
            }
            do throws(JSONReadError) {
                let entry = try HistoryEntryCoding.read(from: &r, depth: 0, strings: &strings)
                if r.peek() != nil { throw r.error("unexpected text after the entry") }
                contents.entries.append(entry)
            } catch {
                contents.unreadableLines.append(lineNumber)
            }
        }
        return contents
    }

    /// What a writer needs to know before appending, without parsing every entry: the
    /// header's schema version, the number of complete lines, and where the last one ends.
    static func scanJournal(_ input: UnsafeBufferPointer<UInt8>) -> (newerSchema: Int?, lineCount: Int, completeLength: Int) {
        guard let headerEnd = firstNewline(in: input, from: 0) else { return (nil, 0, 0) }
        var newerSchema: Int?
        if let version = headerVersion(UnsafeBufferPointer(rebasing: input[0..<headerEnd])), version > schemaVersion {
            newerSchema = version
        }
        var lines = 1
        var completeLength = headerEnd + 1
        while let newline = firstNewline(in: input, from: completeLength) {
            lines += 1
            completeLength = newline + 1
        }
        return (newerSchema, lines, completeLength)
    }

    /// The `schemaVersion` of a header line (an object with that key and no `entryId`).
    private static func headerVersion(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var r = JSONReader(line)
        var version: Int64?
        var isEntry = false
        do throws(JSONReadError) {
            try r.readObject(depth: 0) { (r, key) throws(JSONReadError) in
                switch key {
                case .schemaVersion: version = try r.readInt64()
                case .entryId:
                    isEntry = true
                    try r.skipValue(depth: 1)
                default: try r.skipValue(depth: 1)
                }
            }
        } catch {
            return nil
        }
        guard !isEntry, let version else { return nil }
        return Int(clamping: version)
    }

    private static func firstNewline(in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < input.count,
              let found = memchr(input.baseAddress! + start, Int32(UInt8(ascii: "\n")), input.count - start)
        else { return nil }
        return input.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
