import AssetInspection
import Foundation

/// Thin, error-checked wrappers over the POSIX calls the history needs (read, write,
/// fsync, rename), each failure turned into an `AssetError` naming the file.
public enum POSIXFile {
    /// The text of `errno` (e.g. "No space left on device").
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// A path past 400 characters is cut in its middle: a message is cut at its end, which
    /// took the reason (a relative path beneath a deep folder: "File name too long").
    static func failure(_ action: String, _ path: String, _ code: Int32 = errno) -> AssetError {
        AssetError("Could not \(action) \(TextLayout.truncateMiddle(path, toWidth: 400)): \(describe(code)).")
    }

    /// The whole file, or `nil` when it does not exist.
    static func readAll(_ path: String, what: String) throws(AssetError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // A name too long for the file system names no file (an old journal beside a long name).
            if errno == ENOENT || errno == ENAMETOOLONG { return nil }
            throw failure("read \(what)", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw AssetError("Could not read \(what) \(path): it is not a regular file.")
        }
        // A history's limit (100,000 entries take 64 MB), far past a config file's; a sparse file of 8 EiB overflowed.
        guard info.st_size <= HistoryFile.maximumSize else {
            throw AssetError("Could not read \(what) \(path): it is \(ByteCount.format(Int64(info.st_size))), more than any file this tool reads "
                + "(\(ByteCount.format(Int64(HistoryFile.maximumSize)))); it was left untouched.")
        }
        // Read into one array of the size fstat gives (Foundation's readToEnd grows a Data
        // and then needs a copy): a cold start touches each page once (a cold 10,000-entry
        // load went from 46–72 ms to 35–38 ms). The loop goes on past that size when the file
        // grew meanwhile, until read says end of file. The array keeps room for a few history
        // entries added in place (`HistoryFile.encode(_:after:of:)`), so that an add copies no 6 MB.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 8192)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let result = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else { throw failure("read \(what)", path) }
            if result == 0 { break }
            count += result
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// fsyncs a folder, so that a rename or a new file in it survives a crash.
    static func syncDirectory(_ directory: String) throws(AssetError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        // A folder one may write but not read (mode 311) cannot be synced: the rename is done all the same.
        guard fd >= 0 else {
            if errno == EACCES { return }
            throw failure("open the folder", directory)
        }
        defer { close(fd) }
        // Some file systems refuse fsync on a directory (EINVAL); the rename is still done.
        if fsync(fd) != 0, errno != EINVAL, errno != EROFS {
            throw failure("save the folder", directory)
        }
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same folder
    /// (`.NAME.tmp-PID-RANDOM`, see `temporaryPrefix`) is written, fsynced and renamed over
    /// `path`, then the folder is fsynced. On any failure the temporary file is removed and
    /// `path` is left as it was. `beforeRename` runs once the new file is safely written (to
    /// move the old one aside, say); should the rename then fail (an I/O error), what it did stays done.
    /// With `permissions` `nil`, the file keeps its own (a new one gets 0600; another user's in a
    /// shared sticky folder, only its owner's) and one without write permission is refused, as
    /// a person who made it read-only expects.
    static func replaceAtomically(
        _ path: String, with bytes: [UInt8], what: String, permissions: mode_t? = nil, beforeRename: () throws(AssetError) -> Void = {}
    ) throws(AssetError) {
        let (directory, fd, temporary) = try createTemporary(beside: path, what: what, permissions: permissions)
        var failed = bytes.withUnsafeBytes { AllBytes.write($0, to: fd) }.map { failure("write \(what)", path, $0) }
        while failed == nil, fsync(fd) != 0 {
            if errno != EINTR { failed = failure("save \(what)", path) }
        }
        close(fd)
        if let failed {
            unlink(temporary)
            throw failed
        }
        do {
            try beforeRename()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure("replace \(what)", path, code)
        }
        try syncDirectory(directory)
    }

    /// Throws what `replaceAtomically` would throw before writing: the file is read-only or
    /// immutable, no temporary file can be made beside it (a read-only folder, a name too long), or its disk
    /// has no room for a copy of it and `growth` bytes more. The probe is one of those
    /// temporary files: call it under the lock the writers take.
    static func checkReplaceable(_ path: String, what: String, growth: Int64) throws(AssetError) {
        let (_, fd, temporary) = try createTemporary(beside: path, what: what, permissions: nil)
        defer {
            close(fd)
            unlink(temporary)
        }
        if isImmutable(path) {
            throw AssetError("Could not write \(what) \(path): it is immutable or append-only (chattr +i or +a), so it cannot be replaced; lift that with chattr -i -a.")
        }
        // A sticky folder (/tmp) lets only a file's owner (or the folder's, or root) rename over it,
        // however the file's mode shares it.
        if geteuid() != 0, let (file, folder) = statuses(of: path), folder.st_mode & S_ISVTX != 0,
           file.st_uid != geteuid(), folder.st_uid != geteuid() {
            throw AssetError("Could not write \(what) \(path): it belongs to another user, in a folder with the sticky bit (as /tmp) where only its owner may replace it; give a path of your own.")
        }
        var disk = statvfs(), info = stat()
        guard fstatvfs(fd, &disk) == 0 else { return }
        // Root may use the blocks kept back for it.
        let blocks = UInt64(geteuid() == 0 ? disk.f_bfree : disk.f_bavail)
        let (bytes, overflow) = blocks.multipliedReportingOverflow(by: UInt64(disk.f_frsize))
        let free = overflow ? Int64.max : Int64(clamping: bytes)
        let size = stat(path, &info) == 0 ? Int64(info.st_size) : 0
        guard free >= size + growth else {
            let copy = size > 0 ? "a new copy of it (\(ByteCount.format(size))) and " : ""
            throw AssetError("Could not write \(what) \(path): its disk has \(ByteCount.format(free)) free, and a write needs room for "
                + "\(copy)the new entry (it replaces the file whole); free some space first.")
        }
    }

    /// Whether `path` has the immutable or append-only attribute (`chattr`), which stops even
    /// root from replacing it; `false` where the file system keeps no such attributes.
    private static func isImmutable(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        // FS_IOC_GETFLAGS (_IOR('f', 1, long), as encoded on 64-bit Linux); FS_IMMUTABLE_FL 0x10, FS_APPEND_FL 0x20.
        var flags: Int = 0
        guard ioctl(fd, 0x8008_6601, &flags) == 0 else { return false }
        return flags & 0x30 != 0
    }

    /// A new temporary file beside `path`, with `permissions`, else with `path`'s.
    private static func createTemporary(
        beside path: String, what: String, permissions: mode_t?
    ) throws(AssetError) -> (directory: String, fd: Int32, path: String) {
        var info = stat()
        // Another user's file made first in a shared sticky folder (`/tmp`) lends no more than its
        // owner bits; in a folder a team shares, the group keeps its own.
        let mode = permissions ?? (stat(path, &info) == 0
            ? info.st_mode & (info.st_uid != geteuid() && statuses(of: path).map { isSharedStickyFolder($0.folder) } == true ? 0o700 : 0o777)
            : 0o600)
        guard mode & 0o222 != 0 else {
            throw AssetError("Could not write \(what) \(path): it is read-only (mode \(String(mode, radix: 8))); make it writable (chmod u+w).")
        }
        // Another user's file this one may not write (0644, its owner's): replaced through a folder
        // this user can write, it would become this user's. (Root keeps the owner: `takeOwner`.)
        if permissions == nil, geteuid() != 0, stat(path, &info) == 0, info.st_uid != geteuid(), access(path, W_OK) != 0 {
            throw AssetError("Could not write \(what) \(path): it belongs to another user (uid \(info.st_uid)) and is not writable by you "
                + "(mode \(String(info.st_mode & 0o777, radix: 8))), so a write would take it over; to share it, its owner gives the group write (chmod g+w), or give a path of your own.")
        }
        let (directory, prefix) = temporaryPrefix(for: path)
        let temporary = (directory as NSString).appendingPathComponent(prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            // The file is replaced whole, so it is its folder that must take a new file.
            if code == EACCES || code == EROFS {
                throw AssetError("Could not write \(what) \(path): its folder \(directory) cannot be written (\(describe(code))); the file is replaced whole, so its folder must be writable.")
            }
            throw failure("write \(what)", path, code)
        }
        fchmod(fd, mode)
        if let owner = owner(of: path) { takeOwner(of: owner, fd: fd) }
        return (directory, fd, temporary)
    }

    /// Whose a file made for `path` should be: the regular file there (a damaged one too: it is
    /// set aside only after the new file is made); where there is none yet (a first write), its
    /// folder's owner and group, unless that is a shared sticky folder (`/tmp`, anyone's files);
    /// `nil` otherwise.
    /// So a history root writes with `sudo` in a user's folder is that user's, not root's.
    static func owner(of path: String) -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info.st_mode & S_IFMT == S_IFREG ? info : nil }
        let directory = (path as NSString).deletingLastPathComponent
        guard stat(directory.isEmpty ? "." : directory, &info) == 0, !isSharedStickyFolder(info) else { return nil }
        return info
    }

    /// Gives the file open as `fd` the owner and group of the file `info` describes, when they
    /// differ: a history root writes for another user (`sudo`) stays that user's, and one a team
    /// shares keeps its group. Where the owner cannot be given (not root), the group alone; else nothing.
    static func takeOwner(of info: stat, fd: Int32) {
        var mine = stat()
        guard fstat(fd, &mine) == 0, mine.st_uid != info.st_uid || mine.st_gid != info.st_gid else { return }
        if fchown(fd, info.st_uid, info.st_gid) != 0 { _ = fchown(fd, uid_t.max, info.st_gid) }  // -1: the owner as it is
    }

    /// Removes the temporary files `replaceAtomically` leaves beside `path` when its process
    /// is killed before the rename. Only for a caller holding the lock every writer takes
    /// (then no other writer's temporary file can be in the folder). Only
    /// `PREFIX<pid>-<number>`: the temporary file of a history named `NAME.tmp-…`, beside,
    /// has a lock of its own.
    static func removeLeftoverTemporaries(of path: String) {
        let (directory, prefix) = temporaryPrefix(for: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        func isOurs(_ name: String) -> Bool {
            guard name.hasPrefix(prefix) else { return false }
            let numbers = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 } }
        }
        for name in names where isOurs(name) { unlink((directory as NSString).appendingPathComponent(name)) }
    }

    /// `.NAME.tmp-`; for a name too long to take the ~30 bytes more (the file system allows 255),
    /// its first 200 bytes and a hash of the whole, so that no other file's prefix is the same.
    private static func temporaryPrefix(for path: String) -> (directory: String, prefix: String) {
        let directory = (path as NSString).deletingLastPathComponent
        var name = (path as NSString).lastPathComponent
        if name.utf8.count > 220 {
            let hash = name.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }  // FNV-1a
            name = String(decoding: name.utf8.prefix(200), as: UTF8.self) + "." + String(hash, radix: 16)
        }
        return (directory.isEmpty ? "." : directory, ".\(name).tmp-")
    }

    /// `path` with the symbolic links of its last name followed, so that a write replaces the
    /// file a link points to (a history kept in a synced folder), not the link; its folder is
    /// then spelt as `realpath` spells it, so that both names share one lock file.
    static func followingSymbolicLinks(_ path: String) -> String {
        var current = path
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
        for _ in 0..<40 {  // as many as the kernel follows (ELOOP)
            guard mayFollow(current) else { break }
            let count = buffer.withUnsafeMutableBufferPointer { out in
                out.withMemoryRebound(to: CChar.self) { readlink(current, $0.baseAddress!, $0.count) }
            }
            guard count > 0, let target = String(validating: buffer[..<count], as: UTF8.self) else { break }
            // `/dev/stdin`, `/dev/fd/0` or bash's `<(…)` of a pipe: the kernel's text for it (`pipe:[…]`) names no file.
            if ["pipe:[", "socket:[", "anon_inode:"].contains(where: target.hasPrefix) { break }
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        guard current != path, let folder = realpath((current as NSString).deletingLastPathComponent, nil) else { return current }
        defer { free(folder) }
        return (String(cString: folder) as NSString).appendingPathComponent((current as NSString).lastPathComponent)
    }

    /// Whether `path` is a link `followingSymbolicLinks` stops at (`mayFollow`): the history
    /// store then refuses it, rather than read or replace what another user chose.
    static func isPlantedLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK && !mayFollow(path)
    }

    /// Whether a link at `path` may be followed: not when another user made it in a sticky,
    /// world-writable folder (`/tmp`) they do not own, as the kernel's `fs.protected_symlinks`
    /// rules, so that no one can point another's history at a file of their choosing.
    private static func mayFollow(_ path: String) -> Bool {
        guard let (link, folder) = statuses(of: path) else { return true }
        return !isSharedStickyFolder(folder) || link.st_uid == geteuid() || link.st_uid == folder.st_uid
    }

    /// `path`'s own status (a link's, not its target's) and its folder's; `nil` when either is missing.
    private static func statuses(of path: String) -> (file: stat, folder: stat)? {
        var file = stat(), folder = stat()
        let directory = (path as NSString).deletingLastPathComponent
        guard lstat(path, &file) == 0, stat(directory.isEmpty ? "." : directory, &folder) == 0 else { return nil }
        return (file, folder)
    }

    /// Whether `folder` is sticky and world-writable, as `/tmp` is: anyone may put a file there.
    private static func isSharedStickyFolder(_ folder: stat) -> Bool {
        folder.st_mode & S_ISVTX != 0 && folder.st_mode & S_IWOTH != 0
    }

    /// Creates `directory` (and its parents) with mode 0700 if it is missing. Made by root (`sudo`)
    /// inside another user's folder, each folder made is that user's, as the folder it is in
    /// (never one that was there: a path through `..` names folders that exist).
    /// A failure says `advice` after what went wrong: where to choose another folder.
    public static func createDirectory(_ directory: String, for path: String, what: String, advice: String) throws(AssetError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AssetError("Could not write \(what) \(path): \(directory) is not a folder. \(advice)")
            }
            return
        }
        // The folders to make, innermost first, up to the nearest that is there.
        var missing: [String] = []
        var existing = directory
        while !existing.isEmpty, existing != "/", access(existing, F_OK) != 0 {
            missing.append(existing)
            existing = (existing as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            if mkdir(folder, 0o700) == 0 {
                var parent = stat()
                if geteuid() == 0, stat(folder + "/..", &parent) == 0, parent.st_uid != 0, !isSharedStickyFolder(parent) {
                    _ = lchown(folder, parent.st_uid, parent.st_gid)
                }
            } else if errno != EEXIST {
                throw AssetError("Could not create the folder \(directory) for \(what): \(describe(errno)). \(advice)")
            }
        }
    }
}
