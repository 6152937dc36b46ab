import AssetInspection
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history of uploads and fetches: one JSON document and a JSON Lines journal beside
/// it (the layout is described in `HistoryFileFormat`).
///
/// Safe for several processes at once: every operation holds a `flock` on
/// `history.json.lock` (shared to read, exclusive to write). Nothing is ever lost:
/// - an append writes one line to the journal and fsyncs it before returning; a
///   writer killed halfway leaves a torn last line, which readers ignore and the next
///   writer cuts off (that append never returned, so nothing that was saved is lost);
/// - the document is only ever replaced whole (temporary file, fsync, rename, fsync of
///   the folder), by a writer that read document and journal under the same lock;
/// - a document that does not parse is moved aside as `history.json.corrupt-<UTC time>`
///   (see `warnings`), never deleted; a journal with unreadable lines is moved aside the
///   same way when it is folded;
/// - a document or journal from a newer schema version is refused and left untouched;
/// - a failed write (full disk, read-only folder) throws and leaves the old files intact.
///
/// Dates are kept to the millisecond: create entries with `HistoryStore.now()` so that
/// an entry read back equals the one written.
public final class HistoryStore: Sendable {
    /// The document, e.g. `~/.local/state/marketplace-assets/history.json`.
    public let path: String
    /// The journal beside it: `history.journal.jsonl` for `history.json`.
    public let journalPath: String
    /// The lock file beside it: `history.json.lock`.
    public let lockPath: String
    /// Journal lines after which an append folds the journal into the document.
    public let journalLimit: Int

    /// The default `journalLimit`: folding costs a rewrite of the whole document, so it
    /// is done once per this many appends.
    public static let defaultJournalLimit = 1000

    private let collectedWarnings = LockedValue<[String]>([])

    /// - Parameters:
    ///   - path: the document's path; the journal and lock file are derived from it.
    ///   - journalLimit: fold the journal into the document once it holds this many lines.
    public init(path: String, journalLimit: Int = HistoryStore.defaultJournalLimit) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let stem = name.hasSuffix(".json") ? String(name.dropLast(".json".count)) : name
        journalPath = (directory as NSString).appendingPathComponent(stem + ".journal.jsonl")
        lockPath = path + ".lock"
        self.journalLimit = Swift.max(journalLimit, 1)
    }

    /// The current time, rounded to the millisecond the history keeps.
    public static func now() -> Date { HistoryTimestamp.rounded(Date()) }

    /// Things the store did on its own that a person should know about (a corrupt file
    /// moved aside, journal lines skipped), oldest first, each one line.
    public var warnings: [String] { collectedWarnings.withLock { $0 } }

    /// Returns the warnings collected so far and forgets them.
    public func takeWarnings() -> [String] {
        collectedWarnings.withLock { warnings in
            defer { warnings.removeAll() }
            return warnings
        }
    }

    // MARK: Reading

    /// Every entry, oldest first (document order, then journal order; for each
    /// `entryId` the last version written). An absent history is empty.
    public func load() throws(AssetError) -> [HistoryEntry] {
        let lock = try FileLock.acquire(lockPath, exclusive: false, mayProceedWithout: true)
        if let state = try readState(mayRepair: false) { return state.entries }
        // The document is corrupt: moving it aside needs the exclusive lock.
        lock?.release()
        return try withExclusiveLock { () throws(AssetError) in try readStateRepairing().entries }
    }

    /// The newest entries, found without reading the whole history: about the last `limit`
    /// of the document (read from its end) with the journal applied, oldest first. For
    /// showing a large history at once while `load()` reads all of it.
    ///
    /// `nil` when that cannot be done quickly and exactly as `load()` would: the document is
    /// small (then `load()` is quick), absent, laid out by hand, damaged or from a newer
    /// schema, or the journal has lines it cannot read. Entries the journal changes further
    /// back than the tail are included as they are now.
    public func loadNewest(limit: Int) -> [HistoryEntry]? {
        guard limit > 0 else { return nil }
        let lock: FileLock?
        do { lock = try FileLock.acquire(lockPath, exclusive: false, mayProceedWithout: true) } catch { return nil }
        defer { lock?.release() }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= Self.newestMinimumBytes else { return nil }
        let size = Int(info.st_size)
        // ~2 KB per entry line is plenty; a larger limit than the file can hold reads all of it.
        let tailLength = Swift.min(size, Swift.min(limit, size / 2048 + 1) * 2048 + 4096)
        var head = [UInt8](repeating: 0, count: 64)
        var tail = [UInt8](repeating: 0, count: tailLength)
        guard pread(fd, &head, head.count, 0) == head.count,
              pread(fd, &tail, tailLength, off_t(size - tailLength)) == tailLength
        else { return nil }
        let newest = head.withUnsafeBufferPointer { head in
            tail.withUnsafeBufferPointer { tail in HistoryFileFormat.newestEntries(head: head, tail: tail, limit: limit) }
        }
        guard var entries = newest, !entries.isEmpty, let journal = try? readJournal(),
              journal.newerSchema == nil, journal.unreadableLines.isEmpty
        else { return nil }
        Self.apply(journal.entries, to: &entries)
        return entries
    }

    /// Below this size `loadNewest` gives way to `load()`, which is quick enough.
    static let newestMinimumBytes = 1 << 20

    // MARK: Writing

    /// Adds `entry`, or replaces the entry with the same `entryId`.
    /// Returns after the entry is on disk (fsynced).
    public func append(_ entry: HistoryEntry) throws(AssetError) {
        try append(contentsOf: [entry])
    }

    /// Adds (or replaces, by `entryId`) several entries in one locked write.
    public func append(contentsOf entries: [HistoryEntry]) throws(AssetError) {
        guard !entries.isEmpty else { return }
        try withExclusiveLock { () throws(AssetError) in
            let lines = try appendToJournal(entries)
            foldIfDue(journalLines: lines)
        }
    }

    /// Changes the entry with `entryId` and saves it; returns the changed entry, or `nil`
    /// when there is none. The change cannot alter `entryId`.
    @discardableResult
    public func update(entryId: UUID, _ change: (inout HistoryEntry) -> Void) throws(AssetError) -> HistoryEntry? {
        try update(where: { $0.entryId == entryId }, change).first
    }

    /// Changes every entry for which `predicate` holds, in one locked read-modify-write,
    /// and returns the changed entries.
    @discardableResult
    public func update(
        where predicate: (HistoryEntry) -> Bool, _ change: (inout HistoryEntry) -> Void
    ) throws(AssetError) -> [HistoryEntry] {
        try withExclusiveLock { () throws(AssetError) in
            var changed: [HistoryEntry] = []
            for var entry in try readStateRepairing().entries where predicate(entry) {
                let entryId = entry.entryId
                change(&entry)
                entry.entryId = entryId
                changed.append(entry)
            }
            guard !changed.isEmpty else { return [] }
            let lines = try appendToJournal(changed)
            foldIfDue(journalLines: lines)
            return changed
        }
    }

    /// Folds the journal into the document now (it is otherwise done every
    /// `journalLimit` appends).
    public func compact() throws(AssetError) {
        try withExclusiveLock { () throws(AssetError) in try fold() }
    }

    // MARK: Internals

    private struct State {
        var entries: [HistoryEntry]
        var journalIsDamaged: Bool
    }

    private func withExclusiveLock<T>(_ body: () throws(AssetError) -> T) throws(AssetError) -> T {
        try POSIXFile.createDirectory((path as NSString).deletingLastPathComponent, for: path, what: "the history")
        guard let lock = try FileLock.acquire(lockPath, exclusive: true) else {
            throw AssetError("Could not lock the history \(lockPath).")
        }
        defer { lock.release() }
        return try body()
    }

    /// Keeps `message` as one line of safe text: it may quote a damaged file's content.
    private func warn(_ message: String) {
        let message = SafeText.oneLine(message, maxLength: 500)
        collectedWarnings.withLock { warnings in
            if !warnings.contains(message) { warnings.append(message) }
        }
    }

    /// Reads document and journal and merges them. A corrupt document is moved aside
    /// when `mayRepair` (an exclusive lock is held); otherwise the result is `nil`.
    private func readState(mayRepair: Bool) throws(AssetError) -> State? {
        // The journal first (it is small), so the document's array has room for its entries.
        let journal = try readJournal()
        if let version = journal.newerSchema { throw newerSchemaError(journalPath, version) }
        let journalIsDamaged = !journal.unreadableLines.isEmpty
        if journalIsDamaged {
            let lines = journal.unreadableLines.prefix(5).map(String.init).joined(separator: ", ")
            warn("\(journal.unreadableLines.count) line(s) of \(journalPath) could not be read and were skipped (line \(lines)); the journal will be kept as a .corrupt file when it is next folded.")
        }
        guard var entries = try readDocument(mayRepair: mayRepair, extraCapacity: journal.entries.count) else { return nil }
        Self.apply(journal.entries, to: &entries)
        return State(entries: entries, journalIsDamaged: journalIsDamaged)
    }

    /// The journal's contents; empty when there is no journal.
    private func readJournal() throws(AssetError) -> HistoryFileFormat.JournalContents {
        guard let bytes = try POSIXFile.readAll(journalPath, what: "the history journal") else { return .init() }
        return bytes.withUnsafeBufferPointer { HistoryFileFormat.readJournal($0) }
    }

    /// `readState` under the exclusive lock, which moves a corrupt document aside (so it
    /// always has a result).
    private func readStateRepairing() throws(AssetError) -> State {
        guard let state = try readState(mayRepair: true) else {
            throw AssetError("The history file \(path) could not be read.")
        }
        return state
    }

    /// The document's entries; `nil` when it is corrupt and `mayRepair` is not set.
    private func readDocument(mayRepair: Bool, extraCapacity: Int) throws(AssetError) -> [HistoryEntry]? {
        guard let bytes = try FileContents.read(path, what: "the history file") else { return [] }
        let result = bytes.withUnsafeBufferPointer { input -> Result<HistoryFileFormat.DocumentContents, JSONReadError> in
            do throws(JSONReadError) {
                return .success(try HistoryFileFormat.readDocument(input, extraCapacity: extraCapacity))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(.entries(let entries)):
            return entries
        case .success(.newerSchema(let version)):
            throw newerSchemaError(path, version)
        case .failure(let error):
            guard mayRepair else { return nil }
            let reason = bytes.withUnsafeBufferPointer { error.describe(in: $0) }
            let aside = POSIXFile.unusedName(path, suffix: ".corrupt-" + HistoryTimestamp.fileNameStamp(Date()))
            guard rename(path, aside) == 0 else {
                throw AssetError("The history file \(path) could not be read (\(reason)) and could not be moved aside: \(POSIXFile.describe(errno)). Move it away by hand.")
            }
            try? POSIXFile.syncDirectory((path as NSString).deletingLastPathComponent)
            warn("The history file \(path) could not be read (\(reason)); it was moved to \(aside) and a new history was started.")
            return []
        }
    }

    private func newerSchemaError(_ file: String, _ version: Int) -> AssetError {
        AssetError("The history file \(file) was written by a newer marketplace-assets (schema version \(version); this one reads \(HistoryFileFormat.schemaVersion)). Update marketplace-assets, or choose another history file; the file was left untouched.")
    }

    /// Applies journal entries to the document's, in place: a journal entry replaces the
    /// document's entry with the same `entryId` where it stands, or is added at the end.
    static func apply(_ journal: [HistoryEntry], to entries: inout [HistoryEntry]) {
        guard !journal.isEmpty else { return }
        var latest: [UUID: HistoryEntry] = [:]
        var order: [UUID] = []
        for entry in journal {
            if latest.updateValue(entry, forKey: entry.entryId) == nil { order.append(entry.entryId) }
        }
        for index in entries.indices {
            if let replacement = latest.removeValue(forKey: entries[index].entryId) {
                entries[index] = replacement
            }
        }
        for entryId in order {
            if let entry = latest[entryId] { entries.append(entry) }
        }
    }

    /// Appends `entries` to the journal (creating it with its header if needed, cutting
    /// off a torn last line), fsyncs it, and returns how many lines it now holds.
    /// Must be called under the exclusive lock.
    private func appendToJournal(_ entries: [HistoryEntry]) throws(AssetError) -> Int {
        let fd = open(journalPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXFile.failure("write the history journal", journalPath) }
        defer { close(fd) }
        let existing = try POSIXFile.readAll(fd: fd, path: journalPath, what: "the history journal")
        let journal = existing.withUnsafeBufferPointer { HistoryFileFormat.scanJournal($0) }
        if let version = journal.newerSchema { throw newerSchemaError(journalPath, version) }

        let keep = journal.completeLength
        var lines = journal.lineCount
        var bytes: [UInt8] = []
        if keep == 0 {
            bytes = HistoryFileFormat.journalHeader
            lines = 1
        }
        for entry in entries {
            bytes.append(contentsOf: HistoryFileFormat.journalLine(entry))
        }
        lines += entries.count
        if existing.count != keep, ftruncate(fd, off_t(keep)) != 0 {
            throw POSIXFile.failure("repair the history journal", journalPath)
        }
        guard lseek(fd, off_t(keep), SEEK_SET) >= 0 else {
            throw POSIXFile.failure("write the history journal", journalPath)
        }
        do throws(AssetError) {
            try POSIXFile.writeAll(fd: fd, bytes, path: journalPath, what: "the history journal")
            try POSIXFile.sync(fd: fd, path: journalPath, what: "the history journal")
        } catch {
            // Leave the journal as it was: no half line for the next writer to find.
            _ = ftruncate(fd, off_t(keep))
            _ = fsync(fd)
            throw error
        }
        if existing.isEmpty {
            try POSIXFile.syncDirectory((journalPath as NSString).deletingLastPathComponent)
        }
        return lines
    }

    /// Folds when the journal has reached `journalLimit` entries. The appended entries
    /// are already saved in the journal, so a failed fold is only a warning.
    private func foldIfDue(journalLines: Int) {
        guard journalLines - 1 >= journalLimit else { return }
        do throws(AssetError) {
            try fold()
        } catch {
            warn("The history journal could not be folded into \(path) (it keeps growing until it can): \(error.message)")
        }
    }

    /// Writes document + journal as the new document, then empties the journal (or moves
    /// it aside if it had unreadable lines). Must be called under the exclusive lock.
    private func fold() throws(AssetError) {
        let state = try readStateRepairing()
        try POSIXFile.replaceAtomically(path, with: HistoryFileFormat.document(state.entries), what: "the history file")
        if state.journalIsDamaged {
            let aside = POSIXFile.unusedName(journalPath, suffix: ".corrupt-" + HistoryTimestamp.fileNameStamp(Date()))
            if rename(journalPath, aside) == 0 {
                warn("The history journal had unreadable lines; it was kept as \(aside).")
            } else {
                throw POSIXFile.failure("move aside the damaged history journal", journalPath)
            }
        } else if truncate(journalPath, 0) != 0, errno != ENOENT {
            // The document already holds every entry; a journal left as it is only
            // repeats them, and the next fold empties it.
            throw POSIXFile.failure("empty the history journal", journalPath)
        }
        try POSIXFile.syncDirectory((path as NSString).deletingLastPathComponent)
    }
}
