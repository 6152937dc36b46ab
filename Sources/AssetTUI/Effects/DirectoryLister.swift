import AssetInspection
import AssetThumbnails
import Foundation
import Glibc

/// Lists a folder with `readdir` and `fstatat`, handing entries over in chunks.
///
/// Names are read as bytes: a name that is not valid UTF-8 is shown with U+FFFD in place of
/// the bad bytes and gets no path (it cannot be passed on safely); control characters in
/// names are replaced for display, the path keeps the real name.
enum DirectoryLister {
    /// Why a folder could not be listed, one line.
    struct Failure: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let defaultChunkSize = 2_000

    /// Lists `path`, calling `deliver` with every `chunkSize` entries (and once more with the
    /// rest), and returns all entries, unsorted. Stops early, returning what it has, when
    /// `isCancelled` says so.
    static func list(
        path: String, chunkSize: Int = defaultChunkSize,
        isCancelled: () -> Bool = { false }, deliver: ([DirectoryEntry]) -> Void
    ) throws(Failure) -> [DirectoryEntry] {
        guard let directory = opendir(path) else {
            throw Failure(message: "Cannot read \(SafeText.oneLine(path)): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        let base = path.hasSuffix("/") ? path : path + "/"
        var all: [DirectoryEntry] = []
        var chunk: [DirectoryEntry] = []
        chunk.reserveCapacity(chunkSize)
        while true {
            errno = 0
            guard let record = readdir(directory) else {
                if errno != 0 {
                    throw Failure(message: "Cannot read \(SafeText.oneLine(path)): \(String(cString: strerror(errno)))")
                }
                break
            }
            if isSelfOrParent(record) { continue }
            let nameBytes = withUnsafeBytes(of: record.pointee.d_name) { raw -> [UInt8] in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return Array(bytes[..<length])
            }
            let type = record.pointee.d_type
            let mayBeLink = type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN)
            chunk.append(entry(nameBytes: nameBytes, base: base, directoryDescriptor: descriptor, mayBeLink: mayBeLink))
            if chunk.count >= chunkSize {
                if isCancelled() { return all + chunk }
                deliver(chunk)
                all.append(contentsOf: chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty {
            deliver(chunk)
            all.append(contentsOf: chunk)
        }
        return all
    }

    /// How many entries `path` holds, by their names alone (no `stat`: ~5 ms for 20,000);
    /// `nil` when it cannot be read.
    static func count(path: String) -> Int? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let record = readdir(directory) {
            if !isSelfOrParent(record) { count += 1 }
        }
        return count
    }

    /// Whether the entry `readdir` gave is `.` or `..`, which no listing shows.
    private static func isSelfOrParent(_ record: UnsafeMutablePointer<dirent>) -> Bool {
        withUnsafeBytes(of: record.pointee.d_name) { name in
            name[0] == 0x2E && (name[1] == 0 || name[1] == 0x2E && name[2] == 0)
        }
    }

    /// One entry: `fstatat` follows symbolic links (a link to a folder is a folder); a link
    /// that leads nowhere is shown as `other`.
    private static func entry(nameBytes: [UInt8], base: String, directoryDescriptor: Int32, mayBeLink: Bool) -> DirectoryEntry {
        let validName = String(validating: nameBytes, as: UTF8.self)
        let displayName = validName.map { SafeText.sanitize($0) } ?? SafeText.sanitize(bytes: nameBytes)
        var info = stat()
        var linkInfo = stat()
        let cName = nameBytes.map { CChar(bitPattern: $0) } + [0]
        let isLink = mayBeLink
            && fstatat(directoryDescriptor, cName, &linkInfo, AT_SYMLINK_NOFOLLOW) == 0
            && (linkInfo.st_mode & S_IFMT) == S_IFLNK
        let kind: DirectoryEntry.Kind
        if fstatat(directoryDescriptor, cName, &info, 0) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: kind = .directory
            case S_IFREG: kind = .file
            default: kind = .other
            }
        } else {
            // Nothing known of it but its name (a folder that may be listed but not entered): no date.
            let known = isLink || fstatat(directoryDescriptor, cName, &linkInfo, AT_SYMLINK_NOFOLLOW) == 0
            info = linkInfo
            kind = .other
            if !known {
                return DirectoryEntry(name: displayName, path: validName.map { base + $0 }, kind: kind, size: 0, modified: .distantPast)
            }
        }
        return DirectoryEntry(
            name: displayName,
            path: validName.map { base + $0 },
            kind: kind,
            isSymlink: isLink,
            size: Int64(info.st_size),
            modified: modificationDate(info))
    }

    /// The stamp `path`'s entry would have in a listing (`DirectoryEntry.stamp`), made the same
    /// way so that the two compare equal; `nil` when there is nothing there.
    static func stamp(path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int64(info.st_size), modifiedSeconds: modificationDate(info).timeIntervalSince1970)
    }

    /// Whether `file` is an entry of `folder` itself (not of a folder inside it).
    static func isEntry(_ file: String, of folder: String) -> Bool {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return file.hasPrefix(base) && !file.dropFirst(base.count).contains("/")
    }

    private static func modificationDate(_ info: stat) -> Date {
        let time = info.st_mtim
        return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}

extension FileStamp {
    /// The stamp of a read that found no file: stale once a file is at the path.
    static let missing = FileStamp(size: -1, modifiedNanoseconds: .min)
}
