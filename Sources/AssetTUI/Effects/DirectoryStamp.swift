#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells one state of a folder from another without reading it: its modification time,
/// which an entry added, removed or renamed changes, and its inode (the folder replaced).
struct DirectoryStamp: Sendable, Equatable {
    let inode: UInt64
    let seconds: Int
    let nanoseconds: Int

    /// The folder's stamp now; `nil` when it cannot be looked at.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}
