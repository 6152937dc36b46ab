import Glibc

/// What tells one state of a file or folder from another without reading it: its device,
/// inode, size, modification and change times. A history write replaces the file (a new
/// inode and time); an entry added, removed or renamed in a folder changes the folder's
/// time; a `chmod` (a history made readable again) its change time.
public struct PathStamp: Equatable, Sendable {
    let device: UInt64, inode: UInt64, seconds: Int, nanoseconds: Int, changeSeconds: Int, changeNanoseconds: Int
    public let size: Int64

    /// The stamp of `path` now; `nil` when there is nothing there, or it cannot be looked at.
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        (device, inode, size) = (UInt64(info.st_dev), UInt64(info.st_ino), Int64(info.st_size))
        (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
        (changeSeconds, changeNanoseconds) = (info.st_ctim.tv_sec, info.st_ctim.tv_nsec)
    }

    /// Whether `other` is a stamp of the same file (its device and inode), changed or not.
    public func sameFile(as other: PathStamp?) -> Bool {
        device == other?.device && inode == other?.inode
    }
}
