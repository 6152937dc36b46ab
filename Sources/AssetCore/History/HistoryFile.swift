import Foundation

/// The history file's layout: one JSON document, one entry per line.
///
/// ```
/// {
///   "schemaVersion": 2,
///   "entries": [
///     {"entryId":"…","kind":"image","createdAt":"2025-03-01T12:34:56.789Z",…,"image":{…}},
///     {"entryId":"…","kind":"artifact",…,"artifact":{"fileInfo":{…},"details":{…},"_links":{…}}}
///   ]
/// }
/// ```
///
/// One entry per line keeps the file small and lets `grep` find an entry; `jq .` shows it
/// indented. Schema 1, written by releases before this one, kept every value at the top
/// level as well and the newest entries in a journal beside the file (`legacyJournal`);
/// both are read, and the first write turns them into schema 2.
enum HistoryFile {
    /// The largest file taken for a history: 16 times 100,000 entries.
    static let maximumSize: off_t = 1 << 30

    /// The schema version this build writes; it reads this one and 1.
    static let schemaVersion = 2

    static let head = Array("{\n  \"schemaVersion\": \(schemaVersion),\n  \"entries\": [".utf8)
    static let tail = Array("\n  ]\n}\n".utf8)

    /// The document for `entries`, one per line; an entry `asRead` has a range for is copied
    /// from `original` as it is (an entry indented by hand, or with a member this release does
    /// not know, keeps it), the others are encoded.
    static func encode(_ entries: [HistoryEntry], copying original: [UInt8] = [], at asRead: [UUID: Range<Int>] = [:]) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: original.count + max(entries.count - asRead.count, 0) * 768 + 64)
        w.raw(head)
        for index in entries.indices {
            w.raw(index == 0 ? "\n    " : ",\n    ")
            if let range = asRead[entries[index].entryId] { w.raw(original[range]) } else { entries[index].write(to: &w, lean: true) }
        }
        w.raw(entries.isEmpty ? Array("]\n}\n".utf8) : tail)
        return w.bytes
    }

    /// Whether an add may write into `document` in place: not when it starts with a byte order
    /// mark (an editor's), which Python's `json` refuses: written anew, the file has none.
    static func takesAddsInPlace(_ document: [UInt8]) -> Bool { !document.starts(with: [0xEF, 0xBB, 0xBF]) }

    /// `document` with `added` after its last entry, which ends at `end`, in its own storage;
    /// what follows that entry (the list's end, members after it: a `schemaVersion` sorted
    /// there by `jq -S`, a note added by hand) is kept as it is.
    static func encode(_ added: ArraySlice<HistoryEntry>, after end: Int, of document: consuming [UInt8]) -> [UInt8] {
        let rest = Array(document[end...])
        var w = JSONWriter(continuing: document, after: end)
        for index in added.indices {
            w.raw(",\n    ")
            added[index].write(to: &w, lean: true)
        }
        w.raw(rest)
        return w.bytes
    }

    /// What a file holds.
    enum Contents: Equatable {
        case entries([HistoryEntry])
        /// Written by a newer version of the tool: left untouched.
        case newerSchema(Int)
    }

    /// Reads a document, and where each entry sits in it (`ranges`; `nil` for schema 1, whose
    /// entries a write encodes anew). Empty input (or only white space) is an empty history.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, ranges: inout [Range<Int>]?) throws(JSONReadError) -> Contents {
        ranges = []
        var r = JSONReader(input)
        if r.peek() == nil { return .entries([]) }
        var version: Int64?
        var entries: [HistoryEntry]?
        var entriesOffset: Int?
        func readEntries(_ r: inout JSONReader) throws(JSONReadError) -> [HistoryEntry] {
            var entries: [HistoryEntry] = []
            // Room for every entry at once (none takes 128 bytes): growing the array step by step
            // moved and page-faulted the entries over again, a third of the load time.
            entries.reserveCapacity(input.count / 128)
            ranges?.reserveCapacity(input.count / 128)
            try r.readArray(depth: 1) { (r) throws(JSONReadError) in
                do throws(JSONReadError) {
                    _ = r.peek()
                    let start = r.offset
                    entries.append(try HistoryEntry.read(from: &r, depth: 2))
                    ranges?.append(start..<r.offset)
                } catch {
                    throw JSONReadError(reason: error.reason, offset: error.offset, entry: entries.count + 1)
                }
            }
            return entries
        }
        var cursor = try r.beginObject(depth: 0)
        while let key = try r.nextKey(&cursor) {
            // A second list would hide the first (jq keeps the last), and a write would keep only one.
            if key == .entries, entries != nil || entriesOffset != nil {
                throw r.error("entries a second time (two histories pasted into one?): make them one list")
            }
            switch key {
            case .schemaVersion:
                version = try r.readInt64()
            case .entries where version.map { (1...Int64(schemaVersion)).contains($0) } == true:
                entries = try readEntries(&r)
            case .entries:
                // Written by hand with the version after the entries: read them once it is known.
                entriesOffset = r.offset
                try r.skipValue(depth: 1)
            default:
                try r.skipValue(depth: 1)
            }
        }
        if r.peek() != nil { throw r.error("unexpected text after the document") }
        guard let version, version >= 1 else { throw JSONReadError(reason: "no valid schemaVersion", offset: 0) }
        if version > Int64(schemaVersion) { return .newerSchema(Int(clamping: version)) }
        if entries == nil, let entriesOffset {
            var again = JSONReader(input, offset: entriesOffset)
            entries = try readEntries(&again)
        }
        guard let entries else { throw JSONReadError(reason: "no entries", offset: 0) }
        if version < Int64(schemaVersion) { ranges = nil }
        return .entries(entries)
    }

    /// Refuses, before a lock file is made beside it, a path that holds no history: a folder,
    /// a pipe, or a file that does not start as one (a README, a package.json or an OCI
    /// `index.json` given as `--history` by mistake), which is left untouched rather than moved
    /// aside as a damaged history. What `startsAsHistory` accepts but does not read is moved
    /// aside when it is no JSON (cut short), and refused when it is (`HistoryStore`).
    /// Returns whether there is a file at `path`. `advice` ends the refusal of a file that is no
    /// history (`history --merge` gives its own).
    @discardableResult
    static func refuseAnythingButAHistory(at path: String, advice: String = "move it away, or choose another history path") throws(AssetError) -> Bool {
        if POSIXFile.isPlantedLink(path) {
            throw AssetError("The history \(path) is a link another user made in a shared folder, so it is neither read nor written (as the kernel's fs.protected_symlinks rules): give a history path of your own.")
        }
        // O_NONBLOCK: opening a named pipe must not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            // No file yet is an empty history; an unreadable one must not get a lock file beside it.
            if errno == ENOENT { return false }
            throw POSIXFile.failure("read the history", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw AssetError("The history \(path) is not a file: give the path of a file (it need not exist yet).")
        }
        // Read whole below (and moved aside if damaged): a disk image or an archive given as the
        // path by mistake must not be (100,000 entries take 64 MB).
        guard info.st_size <= maximumSize else {
            throw AssetError("\(path) is \(ByteCount.format(Int64(info.st_size))), larger than any marketplace-assets history, so it was left untouched: "
                + advice + ".")
        }
        var head = [UInt8](repeating: 0, count: 4096)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        head.removeSubrange(max(count, 0)...)
        if head.withUnsafeBufferPointer(startsAsHistory) { return true }
        // Unknown members may come first in a history written by hand or by a newer release:
        // a file that reads whole is one.
        if readsWhole(path) { return true }
        // A history saved in another encoding (UTF-16, Latin-1 before its first keys) is one to
        // save again; a binary file or a Latin-1 README is no history at all.
        if let offset = HistoryStore.firstByteNotUTF8(head), offset + 4 <= head.count || head.count < 4096,
           head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            || head[..<offset].contains(UInt8(ascii: "{")) && head.withUnsafeBufferPointer({ startsAsHistory(UnsafeBufferPointer(rebasing: $0[..<offset])) }) {
            throw HistoryStore.notUTF8(path, bytes: head, at: offset)
        }
        // An object that stops reading early (a comment added by hand) may be a history with a slip: said where.
        let stops = head.withUnsafeBufferPointer(whereJSONStops)
        throw AssetError("\(path) is not a marketplace-assets history " + (stops.isEmpty ? "(it does not start as one)" : "as it stands (\(stops))")
            + ", so it was left untouched: " + (stops.isEmpty ? "" : "if it is one, correct it there; else ") + advice + ".")
    }

    /// Whether the file at `path` reads as a history document.
    static func readsWhole(_ path: String) -> Bool {
        guard let whole = try? POSIXFile.readAll(path, what: "the history file") else { return false }
        return whole.withUnsafeBufferPointer { input in
            var ranges: [Range<Int>]?
            return (try? decode(input, ranges: &ranges)) != nil
        }
    }

    /// Whether the first bytes of a file can be a history, whole or damaged: nothing, white
    /// space or NULs (what a crash can leave), or a JSON object whose top-level keys, as far as
    /// the bytes go, are `schemaVersion` and `entries`, or others (a note added by hand at the
    /// top) then both of them, in that order. A file cut inside its first key is a damaged
    /// history; `{}` is JSON that is no history (refused as such).
    static func startsAsHistory(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        var r = JSONReader(head)
        // Nothing, or only NULs and white space (a crash's zeroed blocks); a NUL before other bytes is a binary file.
        guard let first = r.peek() else { return true }
        if first == 0 { return head.allSatisfy { [0, 0x20, 0x0A, 0x0D, 0x09].contains($0) } }
        var (historyKey, otherKey) = (false, false)
        do throws(JSONReadError) {
            var cursor = try r.beginObject(depth: 0)
            while let key = try r.nextKey(&cursor) {
                // After other keys, `entries` only after `schemaVersion` (a Day One export's come alone).
                if key == .entries { return historyKey || !otherKey }
                // (After `schemaVersion` only `entries`: an OCI index has a schemaVersion 2 too.)
                if key == .schemaVersion { historyKey = true } else if historyKey { return false } else { otherKey = true }
                try r.skipValue(depth: 1)
            }
            return !otherKey
        } catch {
            return error.offset >= head.count && !otherKey
        }
    }

    /// Where `head`, the start of a file that opens an object, stops reading as JSON (`a comment,
    /// which JSON does not allow at line 2, column 1`), or nothing.
    static func whereJSONStops(_ head: UnsafeBufferPointer<UInt8>) -> String {
        var r = JSONReader(head)
        guard r.peek() == UInt8(ascii: "{") else { return "" }
        do throws(JSONReadError) {
            try r.skipValue(depth: 0)
            return ""
        } catch {
            return error.offset < head.count ? error.describe(in: head) : ""
        }
    }

    // MARK: The journal of schema 1

    /// What an older release's journal (`history.journal.jsonl`) holds: a header line
    /// `{"schemaVersion":1}`, then one entry per line, the last written for an `entryId` wins.
    struct LegacyJournal {
        var entries: [HistoryEntry] = []
        /// 1-based numbers of whole lines that did not read as entries.
        var unreadableLines: [Int] = []
    }

    /// Reads a journal. A last line without its newline (a writer killed mid-append, or a line
    /// added by hand) is read as the others are: whole, it is an entry; cut short, a line that
    /// does not read, so that the journal is kept rather than removed with it.
    static func decodeLegacyJournal(_ input: UnsafeBufferPointer<UInt8>) -> LegacyJournal {
        var journal = LegacyJournal()
        var lineStart = 0
        var number = 0
        while lineStart < input.count {
            let newline = input[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? input.count
            number += 1
            defer { lineStart = newline + 1 }
            var r = JSONReader(UnsafeBufferPointer(rebasing: input[lineStart..<newline]))
            if r.peek() == nil { continue }
            if number == 1, isHeader(r) { continue }
            // Not UTF-8 (a line cut inside a character, an edit in Latin-1): read as U+FFFD it would change.
            guard HistoryStore.firstByteNotUTF8(Array(input[lineStart..<newline])) == nil else {
                journal.unreadableLines.append(number)
                continue
            }
            do throws(JSONReadError) {
                journal.entries.append(try HistoryEntry.read(from: &r, depth: 0))
                if r.peek() != nil { throw r.error("unexpected text after the entry") }
            } catch {
                journal.unreadableLines.append(number)
            }
        }
        return journal
    }

    /// Whether a journal's line is its header, an object with `schemaVersion` and no `entryId`
    /// (`{"schemaVersion":1}`: journals ended with schema 1, later releases write none); a
    /// damaged first entry is no header, but a line that does not read.
    private static func isHeader(_ line: JSONReader) -> Bool {
        var r = line
        var hasVersion = false
        do throws(JSONReadError) {
            var cursor = try r.beginObject(depth: 0)
            while let key = try r.nextKey(&cursor) {
                if key == .entryId { return false }
                hasVersion = hasVersion || key == .schemaVersion
                try r.skipValue(depth: 1)
            }
            return hasVersion
        } catch {
            return false
        }
    }
}
