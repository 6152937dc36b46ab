import Glibc
import Foundation
import Logging
import MarketplaceAPI

/// The emulator's data folder: stored files named by their IDs, and a JSON index of what
/// they are, so that everything survives a restart.
///
/// ```
/// DATA/index.json        the index (EmulatorIndex)
/// DATA/images/<id>       image bytes
/// DATA/artifacts/<id>    artifact bytes
/// DATA/tmp/<pid>/        files being received by process <pid>
/// ```
/// An actor, so index writes are serialised within the process; across processes sharing
/// the folder (two `--demo` sessions) an `flock` on `index.lock` serialises them, and each
/// write re-reads the index first, so one process never drops another's records. Each write
/// goes to a temporary file in the same folder, is flushed with `fsync`, then renamed over
/// `index.json`: a crash leaves the old index or the new one, never half of one. An index
/// that does not parse is moved aside (`index.json.corrupt-<time>`), never deleted.
///
/// Files being received live in `tmp/<pid>/`; at start, folders of processes that are gone
/// are removed.
actor AssetStore {
    nonisolated let directory: String
    nonisolated var indexPath: String { directory + "/index.json" }
    nonisolated var lockPath: String { directory + "/index.lock" }
    /// This process's folder for files being received.
    nonisolated let temporaryDirectory: String

    private var index: EmulatorIndex
    private let logger: Logger

    init(directory: String, logger: Logger) throws {
        self.directory = directory
        self.logger = logger
        let temporaryDirectory = directory + "/tmp/\(getpid())"
        self.temporaryDirectory = temporaryDirectory
        let fileManager = FileManager.default
        Self.sweepTemporaryFolders(in: directory + "/tmp")
        for folder in [directory, directory + "/images", directory + "/artifacts", temporaryDirectory] {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw EmulatorStartError("Cannot create the emulator's data folder \(folder): \(FileErrorReason.describe(error))")
            }
        }
        index = Self.loadIndex(directory: directory, logger: logger)
    }

    // MARK: Paths

    /// A fresh path in `tmp`, with `fileExtension` if given (AssetInspection reads it).
    nonisolated func newTemporaryPath(fileExtension: String? = nil) -> String {
        temporaryDirectory + "/" + UUID().uuidString.lowercased() + (fileExtension.map { "." + $0 } ?? "")
    }

    nonisolated func imagePath(id: String) -> String { directory + "/images/" + id }
    nonisolated func artifactPath(id: String) -> String { directory + "/artifacts/" + id }

    // MARK: Reading

    /// The artifact `id`; the index is re-read when it is not known yet (another process
    /// sharing the folder may have added it).
    func artifact(id: String) -> StoredArtifact? {
        if let found = index.artifacts.first(where: { $0.id == id }) { return found }
        index = Self.loadIndex(directory: directory, logger: logger)
        return index.artifacts.first { $0.id == id }
    }

    func image(id: String) -> StoredImage? {
        index.images.first { $0.id == id }
    }

    /// An image ID not used yet.
    func unusedImageID() -> String {
        while true {
            let id = AssetIdentifiers.newImageID()
            if !index.images.contains(where: { $0.id == id }) { return id }
        }
    }

    // MARK: Writing

    /// Moves the received file into place as image `record.id` and records it.
    func add(_ record: StoredImage, file: TemporaryFile) throws(EmulatorError) {
        let destination = imagePath(id: record.id)
        try moveIntoPlace(file.path, destination)
        do {
            try updateIndex { $0.images.append(record) }
        } catch {
            unlink(destination)
            throw error
        }
    }

    /// Moves the received file into place as artifact `record.id` and records it.
    func add(_ record: StoredArtifact, file: TemporaryFile) throws(EmulatorError) {
        let destination = artifactPath(id: record.id)
        try moveIntoPlace(file.path, destination)
        do {
            try updateIndex { $0.artifacts.append(record) }
        } catch {
            unlink(destination)
            throw error
        }
    }

    private func moveIntoPlace(_ source: String, _ destination: String) throws(EmulatorError) {
        guard rename(source, destination) == 0 else {
            let reason = TemporaryFile.errnoText()
            unlink(source)
            throw EmulatorError.storageFailed("The emulator could not store the file (\(reason)).")
        }
    }

    /// Under the folder's lock: re-reads the index, applies `change`, writes it back.
    private func updateIndex(_ change: (inout EmulatorIndex) -> Void) throws(EmulatorError) {
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            throw EmulatorError.storageFailed("The emulator could not lock its index (\(TemporaryFile.errnoText())).")
        }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw EmulatorError.storageFailed("The emulator could not lock its index (\(TemporaryFile.errnoText())).")
            }
        }
        var updated = Self.loadIndex(directory: directory, logger: logger)
        change(&updated)
        try saveIndex(updated)
        index = updated
    }

    /// Writes `index` atomically: temporary file, fsync, rename, fsync of the folder.
    private func saveIndex(_ index: EmulatorIndex) throws(EmulatorError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(index)
        } catch {
            throw EmulatorError.internalError("The emulator could not encode its index.")
        }
        let temporary = directory + "/.index.json.tmp-" + UUID().uuidString.lowercased()
        do {
            try Self.writeDurably(data, to: temporary)
            guard rename(temporary, indexPath) == 0 else { throw POSIXFailure(errno) }
            Self.syncDirectory(directory)
        } catch {
            unlink(temporary)
            logger.error("Could not write the emulator index", metadata: ["path": "\(indexPath)", "error": "\(error)"])
            throw EmulatorError.storageFailed("The emulator could not write its index (\(error)).")
        }
    }

    // MARK: Helpers

    private struct POSIXFailure: Error, CustomStringConvertible {
        var code: Int32
        init(_ code: Int32) { self.code = code }
        var description: String { String(cString: strerror(code)) }
    }

    private static func writeDurably(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXFailure(errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(errno)
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw POSIXFailure(errno) }
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The index on disk, without records whose file is missing or has another size.
    private static func loadIndex(directory: String, logger: Logger) -> EmulatorIndex {
        var index = readIndex(path: directory + "/index.json", logger: logger)
        index.images.removeAll { !fileMatches(directory + "/images/\($0.id)", size: $0.size, logger: logger) }
        index.artifacts.removeAll { !fileMatches(directory + "/artifacts/\($0.id)", size: $0.size, logger: logger) }
        return index
    }

    private static func readIndex(path: String, logger: Logger) -> EmulatorIndex {
        guard let data = FileManager.default.contents(atPath: path) else { return EmulatorIndex() }
        do {
            let loaded = try JSONDecoder().decode(EmulatorIndex.self, from: data)
            guard loaded.schemaVersion <= EmulatorIndex.currentSchemaVersion else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "schema version \(loaded.schemaVersion) is newer than this emulator"))
            }
            return loaded
        } catch {
            let aside = path + ".corrupt-" + String(Int(Date().timeIntervalSince1970))
            rename(path, aside)
            logger.warning("The emulator index did not parse; moved it aside and started empty", metadata: ["movedTo": "\(aside)"])
            return EmulatorIndex()
        }
    }

    private static func fileMatches(_ path: String, size: Int64, logger: Logger) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int64(info.st_size) == size else {
            logger.warning("A stored file is missing or has the wrong size; leaving it out of the index", metadata: ["path": "\(path)"])
            return false
        }
        return true
    }

    /// Removes `tmp/<pid>` folders of processes that no longer run (left by a crash).
    private static func sweepTemporaryFolders(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = Int32(name), pid > 0 else { continue }
            if pid == getpid() || kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }
}
