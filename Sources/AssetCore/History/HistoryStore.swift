import AssetInspection
import Foundation
import MarketplaceAPI

/// The history of uploads and fetches: one JSON file (its layout is in `HistoryFile`).
///
/// Safe for several processes at once: every operation holds a `flock` on the lock file
/// beside it, `history.json.lock` (shared to read, exclusive to write), and every write reads
/// the file under that lock, changes it and writes it back, so concurrent writers merge.
/// Nothing is ever lost:
/// - the file is only ever replaced whole (a temporary file, fsync, rename, fsync of the
///   folder), so a reader never sees half of it, and a write that returned is on disk;
///   a temporary file left by a writer killed before its rename is removed by the next one;
/// - a history that does not parse is moved aside as `history.json.corrupt-<UTC time>` (see
///   `warnings`) by the next write, never deleted; a read only says so (the file may be a hand
///   edit to correct, or still being written in place by a copy or a sync); a file from a
///   newer schema version, or one that is no history at all (a README given as the path by
///   mistake), is refused, untouched;
/// - a failed write (full disk, read-only folder) throws and leaves the file as it was.
///
/// A history written by a release before schema 2 (a document and a journal beside it,
/// `history.journal.jsonl`) is read as it is, and the first write folds it into the one
/// file; the journal is removed only once the file holding its entries is in place.
///
/// Dates are kept to the millisecond: create entries with `HistoryStore.now()` so that an
/// entry read back equals the one written.
public final class HistoryStore: Sendable {
    /// The history file, e.g. `~/.local/state/marketplace-assets/history.json`.
    public let path: String
    /// The lock file beside it, `history.json.lock`; it never holds data.
    public let lockPath: String
    /// Where an older release kept its newest entries: `history.journal.jsonl` beside
    /// `history.json` (beside the path as given, when that is a link and the journal is there).
    public let legacyJournalPath: String

    private let collectedWarnings = LockedValue<[String]>([])
    private let movedAsidePaths = LockedValue<[String]>([])

    /// A relative `path` is taken from the current folder, as it is now.
    public init(path: String) {
        let path = AssetPaths.fromWorkingFolder(path)
        self.path = POSIXFile.followingSymbolicLinks(path)
        lockPath = self.path + ".lock"
        func journal(beside path: String) -> String {
            (path.hasSuffix(".json") ? String(path.dropLast(".json".count)) : path) + ".journal.jsonl"
        }
        // Older releases kept it beside the path as given, not beside a link's target.
        let besideGiven = journal(beside: path)
        legacyJournalPath = access(besideGiven, F_OK) == 0 ? besideGiven : journal(beside: self.path)
    }

    /// Calls `notice` with `lockWaitNotice` when an operation has waited 3 s for another
    /// process's lock on a history (it gives up after 30 s with an error).
    public static func whenWaitingForLock(_ notice: @escaping @Sendable (String) -> Void) {
        FileLock.longWaitNotice.withLock { $0 = { lockFile in notice(lockWaitNotice(lockFile)) } }
    }

    /// What a person is told while an operation waits for the lock `lockFile`.
    public static func lockWaitNotice(_ lockFile: String) -> String {
        "waiting for the history: another process holds \(SafeText.oneLine(lockFile)) (up to \(FileLock.timeout.components.seconds) s)…"
    }

    /// The current time, rounded to the millisecond the history keeps.
    public static func now() -> Date { HistoryTimestamp.rounded(Date()) }

    /// The current time as `now()` gives it, but at least a millisecond after `previous`:
    /// entries started together keep the order they were started in.
    public static func now(after previous: Date) -> Date {
        HistoryTimestamp.rounded(max(Date(), previous.addingTimeInterval(0.001)))
    }

    /// How the warning that a damaged history was moved aside starts (the TUI keeps that one
    /// in the empty History pane).
    public static let movedAsideWarningStart = "History moved to "

    /// Things the store did on its own that a person should know about (a corrupt file
    /// moved aside, journal lines skipped), oldest first, each one line.
    public var warnings: [String] { collectedWarnings.withLock { $0 } }

    /// Where this store moved damaged files aside (`<name>.corrupt-<time>`), oldest first: what
    /// an earlier upload is looked for in was there, and the new file starts empty.
    public var movedAside: [String] { movedAsidePaths.withLock { $0 } }

    /// Returns the warnings collected so far and forgets them.
    public func takeWarnings() -> [String] {
        collectedWarnings.withLock { exchange(&$0, with: []) }
    }

    // MARK: Reading

    /// The file's stamp now (every write replaces the file, so changes it); `nil` when there is no file.
    public func stamp() -> PathStamp? { PathStamp(path) }

    /// Every entry, oldest first. An absent history is empty (and gets no lock file: reading
    /// is no reason to make one). A history that does not read is an error, the file left as it
    /// is: a read never moves it aside.
    public func load() throws(AssetError) -> [HistoryEntry] {
        guard try HistoryFile.refuseAnythingButAHistory(at: path) || access(legacyJournalPath, F_OK) == 0 else { return [] }
        return try FileLock.withLock(lockPath, exclusive: false) { () throws(AssetError) in try read(repairing: false).entries }
    }

    // MARK: Writing

    /// Throws what a write would throw before it wrote anything: the path is a folder or no
    /// history, the file is from a newer schema, does not read or is read-only, its folder
    /// cannot be written, its disk is (nearly) full, or its name is too long for the lock or
    /// temporary file. For a caller about to do what the history must record (an upload), so
    /// that it is not done and then lost. A damaged history is moved aside here (`load` leaves
    /// it), once the checks passed: a refusal changes nothing.
    public func checkWritable() throws(AssetError) {
        // Exclusive, as the write that records the upload takes it: a lock another process holds
        // (a backup's `flock -s`) is met here, before anything is sent, not after. And a writer
        // removes temporary files it finds, which could be this probe.
        try withExclusiveLock(interruptible: true) { () throws(AssetError) in
            let stampAtRead = stamp()
            let contents = try read(repairing: true)
            // Room for the new copy and an entry (8 KiB: an artifact's is about 1.5 KB, and a file
            // takes whole blocks): an upload made and then not recorded would be invisible to the
            // next run's duplicate check.
            try POSIXFile.checkReplaceable(path, what: "the history file", growth: 8 << 10)
            // The upload's entry is about to need the file: a damaged one is moved aside now, a new
            // one (what can be read) in its place, so that it keeps the file's mode and owner (a
            // team's 0664 history became 0600, its owner's alone).
            // (Not one renamed in since it was read, a sync client's good copy: the upload's write reads it again.)
            if let setAside = contents.setAside, case .damaged = setAside {
                do throws(AssetError) {
                    try POSIXFile.replaceAtomically(path, with: HistoryFile.encode(contents.entries), what: "the history file") { () throws(AssetError) in
                        if stamp() != stampAtRead { throw Self.replacedMeanwhile }
                        try self.setAside(setAside)
                    }
                } catch where error == Self.replacedMeanwhile {}
            }
        }
    }

    /// Adds `entry`, or replaces the entry with the same `entryId`. Returns once the
    /// history holding it is on disk.
    public func append(_ entry: HistoryEntry) throws(AssetError) {
        try append(contentsOf: [entry])
    }

    /// Adds (or replaces, by `entryId`) several entries in one locked write.
    public func append(contentsOf added: [HistoryEntry]) throws(AssetError) {
        guard !added.isEmpty else { return }
        try write { entries, positions in
            // The last of the added entries with an entryId wins, in place or at the end.
            var index = positions
            var replaced: [UUID] = []
            for entry in added {
                if let at = index[entry.entryId] {
                    entries[at] = entry
                    replaced.append(entry.entryId)
                } else {
                    index[entry.entryId] = entries.count
                    entries.append(entry)
                }
            }
            return ((), replaced)
        }
    }

    /// Changes every entry for which `predicate` holds, in one locked read-modify-write,
    /// and returns the changed entries. The change cannot alter `entryId`.
    @discardableResult
    public func update(where predicate: (HistoryEntry) -> Bool, _ change: (inout HistoryEntry) -> Void) throws(AssetError) -> [HistoryEntry] {
        try write { entries, _ in
            var changed: [HistoryEntry] = []
            for index in entries.indices where predicate(entries[index]) {
                let entryId = entries[index].entryId
                change(&entries[index])
                entries[index].entryId = entryId
                changed.append(entries[index])
            }
            return (changed, changed.map(\.entryId))
        }
    }

    /// Removes the entries with these `entryId`s from the history (never from the server)
    /// and returns them, oldest first; IDs the history does not hold are passed over. Entries
    /// other processes add meanwhile are kept: they are read under the same lock.
    @discardableResult
    public func remove(entryIds: Set<UUID>) throws(AssetError) -> [HistoryEntry] {
        try write(interruptible: true) { entries, _ in
            let removed = entries.filter { entryIds.contains($0.entryId) }
            entries.removeAll { entryIds.contains($0.entryId) }
            return (removed, [])
        }
    }

    /// `entries` as a history document: what `merge` takes in (entries a write could not put back, kept by a person).
    public static func document(of entries: [HistoryEntry]) -> String { String(decoding: HistoryFile.encode(entries), as: UTF8.self) }

    /// Puts back entries `remove` returned (an undo), in one locked write, and returns those put
    /// back. One the history holds again is left as it is: merged back (its entryId), or an
    /// artifact looked up since (`artifact ID` made it a new entry), which two entries would list twice.
    public func restore(_ removed: [HistoryEntry]) throws(AssetError) -> [HistoryEntry] {
        try write(interruptible: true) { entries, positions in
            let artifacts = Set(entries.compactMap(Self.artifactKey))
            let back = removed.filter { entry in
                positions[entry.entryId] == nil && Self.artifactKey(entry).map { !artifacts.contains($0) } ?? true
            }
            entries += back
            return (back, [])
        }
    }

    /// Takes in the entries of another history file (a sync's conflict copy, a file moved aside
    /// and corrected), in one locked write; `source` is only read. An entry both hold is kept
    /// once, the copy refreshed last, and an artifact this history lists already is not added again
    /// under another entryId (an upload's own entry takes the place of a lookup of it); two different
    /// uploads under one entryId are refused, and nothing is written. Returns the entries added, those
    /// a later copy (or an upload, a lookup) replaced, and how many `source` holds.
    public func merge(from source: String) throws(AssetError) -> (added: [HistoryEntry], refreshed: [HistoryEntry], offered: Int) {
        let other = HistoryStore(path: Self.history(named: source))
        // (Two names of one file, or of one old journal, which a merge would fold into this history and remove.)
        if other.path == path || PathStamp(other.path).map({ $0.sameFile(as: PathStamp(path)) }) == true
            || PathStamp(other.legacyJournalPath).map({ $0.sameFile(as: PathStamp(legacyJournalPath)) }) == true {
            throw AssetError("\(source) is this history itself: give the path of the other history file.")
        }
        var info = stat()
        let hasFile = stat(other.path, &info) == 0
        let code = errno
        // An older release's history may be its journal alone.
        guard hasFile || access(other.legacyJournalPath, F_OK) == 0 else {
            throw AssetError("Nothing was merged: \(source) cannot be read (\(POSIXFile.describe(code))).")
        }
        if hasFile, info.st_mode & S_IFMT != S_IFREG { throw AssetError("Nothing was merged: \(source) is not a file.") }
        let incoming: [HistoryEntry], blank: Bool
        do {
            try HistoryFile.refuseAnythingButAHistory(at: other.path, advice: "give the path of a marketplace-assets history to merge "
                + "(a `history --json` listing is none: `jq '{schemaVersion: 2, entries: .}'` makes it one)")
            // Without its lock: it is only read, and every write replaces a history whole.
            let contents = try other.read(repairing: false)
            incoming = contents.entries
            blank = hasFile && contents.bytes.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
        } catch {
            throw AssetError("Nothing was merged: " + (error.historyDamage.map { "\(source) does not read (\($0)); correct it, then merge it again." } ?? error.message))
        }
        // Blank (a copy still being written into it?) reads as an empty history, but is none to merge.
        if blank { throw AssetError("Nothing was merged: \(source) is blank, no history.") }
        // What the read of it found (entries repeated, journal lines that did not read), said of a
        // file this write leaves as it is.
        for warning in other.takeWarnings() {
            warn(warning.replacingOccurrences(of: Self.keptByAWrite, with: ", and that one was merged.")
                .replacingOccurrences(of: Self.journalKeptAside, with: ", and were not merged."))
        }
        return try write(interruptible: true) { (entries, positions) throws(AssetError) in
            let all = entries + incoming
            var merged = Self.oneEach(all)
            if let (first, second) = merged.conflict {
                throw twoUploadsUnderOneEntryId(all[first], all[second], in: "this history and \(source)")
            }
            let count = entries.count
            // A copy replaces this history's only when refreshed later: of equals (another local
            // path, a failed refresh's note, which keeps its time), this history's stays.
            var refreshed: [HistoryEntry] = []
            for index in 0..<count where merged.entries[index] != entries[index] {
                let (mine, theirs) = (entries[index], merged.entries[index])
                if (theirs.refreshedAt ?? theirs.createdAt) > (mine.refreshedAt ?? mine.createdAt) { refreshed.append(theirs) } else { merged.entries[index] = mine }
            }
            // An artifact listed already is not listed twice under another entryId, as `restore` and
            // `artifact ID` keep it once: the upload stays, and takes the place of a lookup of it
            // (`artifact ID` of a colleague's upload, whose own entry comes with its history).
            var artifacts: [[String]: Int] = [:]
            for index in 0..<count { if let key = Self.artifactKey(merged.entries[index]) { artifacts[key] = index } }
            var added: [HistoryEntry] = [], lookupsReplaced: [UUID] = []
            for entry in merged.entries[count...] {
                guard let key = Self.artifactKey(entry) else { added.append(entry); continue }
                guard let held = artifacts[key] else {
                    artifacts[key] = count + added.count
                    added.append(entry)
                    continue
                }
                let holder = held < count ? merged.entries[held] : added[held - count]
                guard holder.lookedUp, !entry.lookedUp else { continue }
                // In its place, as a copy refreshed later takes its entry's.
                if held < count {
                    lookupsReplaced.append(holder.entryId)
                    merged.entries[held] = entry
                    refreshed.append(entry)
                } else {
                    added[held - count] = entry
                }
            }
            entries = Array(merged.entries[..<count]) + added
            return ((added, refreshed, incoming.count), refreshed.map(\.entryId) + lookupsReplaced)
        }
    }

    /// What tells an artifact entry from others of another artifact: its server and artifact ID (`nil` for an image, or a failed attempt).
    private static func artifactKey(_ entry: HistoryEntry) -> [String]? {
        entry.kind == .artifact ? entry.id.map { [ServerURL.normalized(entry.serverURL), $0] } : nil
    }

    /// The history `path` names: itself, or, for an older release's journal given by its own
    /// name, the history it is half of (`X.json` or `X` beside `X.journal.jsonl`, as `init` pairs
    /// them; alone, the journal, unless it reads as a history itself).
    private static func history(named path: String) -> String {
        guard path.hasSuffix(".journal.jsonl") else { return path }
        let base = String(path.dropLast(".journal.jsonl".count))
        func isFile(_ name: String) -> Bool {
            var info = stat()
            return stat(name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }
        if let document = [base + ".json", base].first(where: isFile) { return document }
        return HistoryFile.readsWhole(path) ? path : base + ".json"
    }

    // MARK: Internals

    /// The history as read from disk.
    private struct Contents {
        var entries: [HistoryEntry]
        /// Where each of `entries` stands, by its `entryId`.
        var positions: [UUID: Int] = [:]
        /// The file as read.
        var bytes: [UInt8] = []
        /// Where each of `entries` sits in `bytes`: a write copies an entry it does not change
        /// rather than encode it again (encoding 10,000 entries takes ~10 ms, 100,000 ~140 ms;
        /// release, 2026-12-05). `nil` when the file must be written anew, every entry encoded:
        /// an older schema, an entryId repeated, an old journal beside it, a file moved or set aside.
        var ranges: [Range<Int>]? = []
        /// An older release's journal beside the file, as read.
        var legacyJournal: HistoryFile.LegacyJournal?
        /// How the file read is to be set aside (`repairing`), by the write that replaces it,
        /// once the new file is ready: a write that fails leaves it where it was.
        var setAside: SetAside?
    }

    private enum SetAside {
        /// It does not read (cut short, say): moved aside, for the person to correct.
        case damaged(reason: String)
        /// White space only: set aside, where a copy still being written into it goes on.
        case blank
    }

    /// Every write: under the exclusive lock, reads the history (a damaged file moved aside, an
    /// old journal folded in), lets `change` edit its entries (given where each stands, by
    /// entryId), and saves them when it changed any (`change` returns the entryIds of those it
    /// replaced) or the file must be written anew as schema 2; then an old journal is removed,
    /// or moved aside when lines of it did not read. `interruptible`: a wait for the lock that
    /// cancellation may end, for a write that loses nothing if not made (a removal, a merge).
    /// A file put at the path meanwhile by what takes no lock (a sync client's copy renamed in, a
    /// backup restored with `cp`) is read again and `change` made to it, rather than written over.
    private func write<T>(interruptible: Bool = false, _ change: (inout [HistoryEntry], [UUID: Int]) throws(AssetError) -> (T, replaced: [UUID])) throws(AssetError) -> T {
        try withExclusiveLock(interruptible: interruptible) { () throws(AssetError) in
            POSIXFile.removeLeftoverTemporaries(of: path)
            // (Three times at most: a file changed without pause, `touch` in a loop, is written over.)
            var attempt = 1
            while true {
                do throws(AssetError) {
                    return try write(change, unlessReplaced: attempt < 3)
                } catch where error == Self.replacedMeanwhile {
                    attempt += 1
                    // What came may be no history at all (a README renamed in): refused, as at the start.
                    try HistoryFile.refuseAnythingButAHistory(at: path)
                }
            }
        }
    }

    /// Thrown when the file at the path is no longer the one read (see `write`).
    private static let replacedMeanwhile = AssetError("The history file was replaced while it was written.")

    /// One read, change and write of `write`; `unlessReplaced`: throws `replacedMeanwhile`,
    /// writing nothing, when the file at the path changed after the read.
    private func write<T>(_ change: (inout [HistoryEntry], [UUID: Int]) throws(AssetError) -> (T, replaced: [UUID]), unlessReplaced: Bool) throws(AssetError) -> T {
        let stampAtRead = stamp()
        var contents = try read(repairing: true)
        let positions = contents.positions
        var asRead = contents.ranges.map { ranges in positions.mapValues { ranges[$0] } }
        let count = contents.entries.count
        let (result, replaced) = try change(&contents.entries, positions)
        for entryId in replaced { asRead?[entryId] = nil }
        guard asRead == nil || !replaced.isEmpty || contents.entries.count != count else { return result }
        var document: [UInt8] = []
        if asRead != nil, replaced.isEmpty, contents.entries.count > count, let end = contents.ranges?.last?.upperBound,
           HistoryFile.takesAddsInPlace(contents.bytes) {
            // Entries only added (an upload): written after the last one, into the bytes read. With a
            // second array, a process's first add at 10,000 entries took 34–106 ms, against 33–43 (2026-12-05).
            swap(&document, &contents.bytes)
            document = HistoryFile.encode(contents.entries[count...], after: end, of: consume document)
        } else {
            document = HistoryFile.encode(contents.entries, copying: contents.bytes, at: asRead ?? [:])
        }
        try POSIXFile.replaceAtomically(path, with: document, what: "the history file") { () throws(AssetError) in
            if unlessReplaced, stamp() != stampAtRead { throw Self.replacedMeanwhile }
            if let setAside = contents.setAside { try self.setAside(setAside) }
        }
        guard let journal = contents.legacyJournal else { return result }
        if !journal.unreadableLines.isEmpty {
            guard let aside = Self.movedAside(legacyJournalPath) else { throw POSIXFile.failure("move aside the old history journal", legacyJournalPath) }
            warn("The old history journal had lines that could not be read; it was kept as \(aside).")
        } else if unlink(legacyJournalPath) != 0, errno != ENOENT {
            throw POSIXFile.failure("remove the old history journal", legacyJournalPath)
        }
        try POSIXFile.syncDirectory((path as NSString).deletingLastPathComponent)
        return result
    }

    private func withExclusiveLock<T>(interruptible: Bool = false, _ body: () throws(AssetError) -> T) throws(AssetError) -> T {
        try HistoryFile.refuseAnythingButAHistory(at: path)
        try POSIXFile.createDirectory(
            (path as NSString).deletingLastPathComponent, for: path, what: "the history",
            advice: "Give a path you can write with --history PATH or MARKETPLACE_ASSETS_HISTORY.")
        return try FileLock.withLock(lockPath, exclusive: true, interruptible: interruptible, body)
    }

    /// Reads the file and an older release's journal. A corrupt or blank file is one to set aside
    /// (`setAside`) when `repairing` (the exclusive lock is held); otherwise a corrupt one is an
    /// error (`historyDamage`).
    private func read(repairing: Bool) throws(AssetError) -> Contents {
        var contents = Contents(entries: [])
        // The journal first: what it refuses is refused before the file is moved or set aside.
        let journal = try POSIXFile.readAll(legacyJournalPath, what: "the old history journal")
            .map { bytes in bytes.withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) } }
        if let bytes = try POSIXFile.readAll(path, what: "the history file") {
            // Bytes that are not UTF-8 in a file that is JSON all the same sit in its strings (an
            // edit saved in Latin-1): refused. Elsewhere (a file cut inside a character) the file
            // does not read, and is moved aside as any file cut short is.
            if let offset = Self.firstByteNotUTF8(bytes), bytes.withUnsafeBufferPointer(JSONReader.isValidJSON) {
                throw Self.notUTF8(path, bytes: bytes, at: offset)
            }
            var ranges: [Range<Int>]?
            let decoded = bytes.withUnsafeBufferPointer { input in
                Result { () throws(JSONReadError) in try HistoryFile.decode(input, ranges: &ranges) }
            }
            switch decoded {
            case .success(.entries(let entries)):
                let unique = Self.oneEach(entries)
                if let (first, second) = unique.conflict {
                    throw twoUploadsUnderOneEntryId(entries[first], entries[second], in: "the history file \(path) (entries \(first + 1) and \(second + 1))")
                }
                contents = Contents(entries: unique.entries, positions: unique.positions, bytes: bytes, ranges: unique.repeated.isEmpty ? ranges : nil)
                // Blank: made so (mktemp, touch), or a copy still being written into it (writes here
                // replace the file whole): set aside, not replaced, so that the copy lands there.
                if repairing, entries.isEmpty, bytes.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
                    (contents.setAside, contents.ranges) = (.blank, nil)
                }
                if let repeated = unique.repeated.first {
                    warn("In \(path), \(unique.repeated.count) entr\(unique.repeated.count == 1 ? "y repeats" : "ies repeat") an earlier one's entryId (two copies merged by hand?), \(repeated.uuidString)\(unique.repeated.count > 1 ? " first" : ""): the one refreshed last of each is kept\(Self.keptByAWrite)")
                }
            case .success(.newerSchema(let version)):
                throw AssetError("The history file \(path) was written by a newer marketplace-assets (schema version \(version); this one reads up to \(HistoryFile.schemaVersion)). Update marketplace-assets, or choose another history file; the file was left untouched.")
            case .failure(let error):
                let reason = bytes.withUnsafeBufferPointer { error.describe(in: $0) }
                // JSON that is no history this reads (an entry, `schemaVersion` or `entries` edited
                // by hand) is no crash's: moving it aside would hide every entry for the sake of
                // one, so it is refused, and the person fixes it.
                if error.reason == JSONReader.tooDeep || bytes.withUnsafeBufferPointer(JSONReader.isValidJSON) {
                    let what = error.entry.map { "its entry \($0) does not read" }
                        ?? "not a history (one is {\"schemaVersion\": 2, \"entries\": [...]})"
                    throw AssetError(SafeText.oneLine("The history file \(path) is JSON, but \(what) (\(reason)): correct it, or move it away "
                        + "(a new history then starts); the file was left untouched.", maxLength: 500))
                }
                guard repairing else {
                    var error = AssetError(SafeText.oneLine("The history file \(path) does not read (\(reason)): correct it, or move it away; the next upload (or `artifact ID`) moves it aside as \((path as NSString).lastPathComponent).corrupt-<time> and starts a new history. It was left untouched.", maxLength: 600))
                    error.historyDamage = reason
                    throw error
                }
                contents.setAside = .damaged(reason: reason)
                contents.ranges = nil
            }
        }
        guard let journal else { return contents }
        if !journal.unreadableLines.isEmpty {
            let lines = journal.unreadableLines.prefix(5).map(String.init).joined(separator: ", ")
            warn("\(journal.unreadableLines.count) line(s) of \(legacyJournalPath) could not be read and were skipped (line \(lines))\(Self.journalKeptAside)")
        }
        // A journal entry replaces the file's entry with its entryId, or comes after them.
        let all = contents.entries + journal.entries
        let merged = Self.oneEach(all)
        if let (first, second) = merged.conflict {
            throw twoUploadsUnderOneEntryId(all[first], all[second], in: "the history file \(path) and the old history journal \(legacyJournalPath)")
        }
        contents.entries = merged.entries
        contents.positions = merged.positions
        contents.ranges = nil
        contents.legacyJournal = journal
        return contents
    }

    /// `entries` with one entry per `entryId`, in the place of the first: the one refreshed last
    /// (`refreshedAt`, else `createdAt`), of equals the later (an older release's journal line
    /// after the file's); where each stands, by entryId (what a write edits by); the entryIds
    /// dropped copies had; and the places of the first two entries that share an entryId but are
    /// different uploads (another kind, server ID, time, name, imageType or server), which no
    /// copy is. A hash of every entryId costs a 10,000-entry load ~1 ms of ~25.
    private static func oneEach(_ entries: [HistoryEntry]) -> (entries: [HistoryEntry], positions: [UUID: Int], repeated: [UUID], conflict: (Int, Int)?) {
        var position: [UUID: Int] = [:]  // in `unique`
        position.reserveCapacity(entries.count)
        var given: [Int] = []  // where each of `unique` stands in `entries`
        given.reserveCapacity(entries.count)
        var unique: [HistoryEntry] = []
        unique.reserveCapacity(entries.count + 16)  // and room for an upload's entries, added without growing it
        var repeated: [UUID] = []
        var conflict: (Int, Int)?
        for (index, entry) in entries.enumerated() {
            if let earlier = position[entry.entryId] {
                let other = unique[earlier]
                if conflict == nil, !differences(other, entry).isEmpty { conflict = (given[earlier], index) }
                repeated.append(entry.entryId)
                if (entry.refreshedAt ?? entry.createdAt) >= (other.refreshedAt ?? other.createdAt) { unique[earlier] = entry }
            } else {
                position[entry.entryId] = unique.count
                given.append(index)
                unique.append(entry)
            }
        }
        return (unique, position, repeated, conflict)
    }

    /// Where two entries disagree on what the upload was (`imageType (icon, banner)`): copies of
    /// one entry (the same upload, refreshed or not) agree on all of it.
    private static func differences(_ a: HistoryEntry, _ b: HistoryEntry) -> [String] {
        let fields: [(String, String?, String?)] = [
            ("kind", a.kind.rawValue, b.kind.rawValue), ("ID", a.id, b.id),
            ("createdAt", HistoryTimestamp.string(a.createdAt), HistoryTimestamp.string(b.createdAt)),
            ("imageType", a.imageType, b.imageType), ("name", a.name, b.name),
            ("server", ServerURL.normalized(a.serverURL), ServerURL.normalized(b.serverURL)),
        ]
        return fields.filter { $0.1 != $0.2 }.map { "\($0.0) (\($0.1 ?? "none"), \($0.2 ?? "none"))" }
    }

    /// The refusal of two entries `where` holds under one entryId that are not copies of one upload.
    private func twoUploadsUnderOneEntryId(_ first: HistoryEntry, _ second: HistoryEntry, in place: String) -> AssetError {
        AssetError(SafeText.oneLine("Two different uploads share one entryId, \(first.entryId.uuidString), in \(place): \(Self.described(first)) and "
            + "\(Self.described(second)), which differ in \(Self.differences(first, second).joined(separator: " and ")). Give one of them another entryId (any new UUID, as uuidgen prints), or, if one is a stale copy "
            + "of the other, remove it; the files were left untouched.", maxLength: 700))
    }

    /// `app-icon.png (img-1…)`, for a message that names an entry.
    private static func described(_ entry: HistoryEntry) -> String {
        SafeText.oneLine(entry.name, maxLength: 60) + " (" + SafeText.oneLine(entry.id ?? "no ID", maxLength: 60) + ")"
    }

    /// The refusal of `file`, whose `bytes` stop being UTF-8 at `offset` (saved by an editor in
    /// Latin-1: read as U+FFFD, its bytes would be copied on as they are, or changed by a write
    /// of the whole file).
    static func notUTF8(_ file: String, bytes: [UInt8], at offset: Int) -> AssetError {
        let place = bytes.withUnsafeBufferPointer {
            JSONReadError(reason: String(format: "byte 0x%02X, which is not UTF-8", bytes[offset]), offset: offset).describe(in: $0)
        }
        let saved = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) ? "saved as UTF-16?" : "saved in Latin-1?"
        return AssetError("The history file \(file) is not UTF-8 text (\(place); \(saved)): save it as UTF-8; the file was left untouched.")
    }

    /// Where `bytes` stop being UTF-8, if they do; a check of 6 MB (10,000 entries) takes ~2 ms.
    static func firstByteNotUTF8(_ bytes: [UInt8]) -> Int? {
        do {
            _ = try UTF8Span(validating: bytes.span)
            return nil
        } catch {
            return error.byteOffsets.lowerBound
        }
    }

    /// Renames `file` to `<file>.corrupt-<UTC time>` (a name not taken), and returns that;
    /// `nil` when the rename failed (`errno` says why). `replaced`: a new file is about to be
    /// renamed over `file`, so it is linked there instead where it can be (a process killed
    /// between the two left no history at the path, and the next write made one of mode 0600).
    private static func movedAside(_ file: String, replaced: Bool = false) -> String? {
        let stamped = file + ".corrupt-" + HistoryTimestamp.fileNameStamp(Date())
        var (aside, number) = (stamped, 2)
        while access(aside, F_OK) == 0 { (aside, number) = (stamped + "-\(number)", number + 1) }
        return replaced && link(file, aside) == 0 || rename(file, aside) == 0 ? aside : nil
    }

    /// Moves a damaged file aside (among `movedAside`), or sets a blank one aside (not among them:
    /// it held no entry an upload could be looked for in), saying so: just before a new file is
    /// renamed over it.
    private func setAside(_ setAside: SetAside) throws(AssetError) {
        let reason: String? = if case .damaged(let reason) = setAside { reason } else { nil }
        guard let aside = Self.movedAside(path, replaced: true) else {
            let why = POSIXFile.describe(errno)
            throw AssetError(reason.map { "The history file \(path) could not be read (\($0)) and could not be moved aside: \(why). Move it away by hand." }
                ?? "The history file \(path) is empty and could not be set aside: \(why). Remove it, or move it away.")
        }
        try? POSIXFile.syncDirectory((path as NSString).deletingLastPathComponent)
        guard let reason else {
            return warn("The history file \(path) was empty (made by mktemp or touch, or a copy still being written into it?): it was set aside as "
                + "\(aside), where such a copy goes on, and a new history was started; `history --merge` of that file takes in a copy's entries.", maxLength: 700)
        }
        movedAsidePaths.withLock { $0.append(aside) }
        // Where it went comes first, by its name: a status line that cuts the message still says it.
        warn(Self.movedAsideWarningStart + "\((aside as NSString).lastPathComponent) beside it (\(aside)): it could not be read "
            + "(\(reason)); a new history was started. Once it is corrected, `history --merge` of that file takes its entries "
            + "in.", maxLength: 700)
    }

    /// How the warnings of a read end that say what this store's next write does (`merge`
    /// says instead what it took of another file).
    private static let keptByAWrite = ", and the next write keeps only it, writing the file anew (what was added by hand to other entries is not kept)."
    private static let journalKeptAside = "; the journal will be kept as a .corrupt file."

    /// Keeps `message` as one line of safe text: it may quote a damaged file's content.
    private func warn(_ message: String, maxLength: Int = 500) {
        let message = SafeText.oneLine(message, maxLength: maxLength)
        collectedWarnings.withLock { warnings in
            if !warnings.contains(message) { warnings.append(message) }
        }
    }
}
