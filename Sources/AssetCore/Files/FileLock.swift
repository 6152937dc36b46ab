import Foundation
import MarketplaceAPI

/// An advisory lock on a lock file (`flock(2)`), shared or exclusive, held while a closure runs.
///
/// flock locks belong to the open file, so two `FileLock`s in one process exclude each
/// other just as two processes do. Waiting is bounded: a lock held longer than `timeout`
/// (a hung process) gives a clear error instead of a hang.
///
/// The lock file's folder is locked too, the same way, where no other user (nor its group) can
/// read it (the state folder, made 0700; a synced folder of one's own): a lock file replaced
/// while held (a sync client writing another machine's copy over it) would let the next process
/// lock the new one, and two writers run at once; the folder stays. A folder others may read
/// (0755 and 0750 are common) is not locked: any of them could open it and lock a history out.
/// The lock file remains what a script locks (`flock -s history.json.lock`) to hold writers off.
enum FileLock {
    /// Told the lock file's path once a wait passes 3 s (another process holds the lock),
    /// so that a command can say what it waits for rather than hang silently; `nil` says nothing.
    static let longWaitNotice = LockedValue<(@Sendable (String) -> Void)?>(nil)

    /// How long a wait for another process's lock may last.
    static let timeout = Duration.seconds(30)

    /// Runs `body` holding the lock on `path`, creating the lock file (mode 0600) if needed. A lock
    /// taken `interruptible` (the check before an upload, a removal, a merge), or shared (a read),
    /// stops waiting once its task is cancelled (Ctrl-C, SIGTERM, `x` or quitting in the TUI); a
    /// write's waits its term, since it may be what records an upload Marketplace has already
    /// made. A shared lock whose file cannot be opened because its folder is read-only or missing
    /// runs `body` without a lock.
    static func withLock<T>(_ path: String, exclusive: Bool, interruptible: Bool = false, _ body: () throws(AssetError) -> T) throws(AssetError) -> T {
        // Never through a link: one planted in a shared folder would make this create its target.
        // Made here (O_EXCL), or there already: only one made here takes the history's owner.
        var fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        let made = fd >= 0
        let existed = !made && errno == EEXIST
        if existed { fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC) }
        let code = errno
        if fd < 0, code == EACCES || code == EROFS {
            fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)  // an existing lock file in a read-only folder
        }
        guard fd >= 0 else {
            if !exclusive, code == EACCES || code == EROFS || code == ENOENT { return try body() }
            if existed, code == EACCES {
                throw AssetError("Could not lock the history: its lock file \(path) is closed to this user (\(POSIXFile.describe(code))); to share the history, give the lock file the access the history has (chmod).")
            }
            if code == EACCES || code == EROFS {
                throw AssetError("Could not lock the history: its lock file \(path) cannot be made (\(POSIXFile.describe(code))), so its folder cannot be written.")
            }
            throw POSIXFile.failure("lock the history with", path, code)
        }
        defer { close(fd) }  // which ends the flock
        // The lock file of `X.lock`, made here, belongs with X (or, before X is made, with its
        // folder): made by root for another user's history (`sudo`), it is that user's, with X's
        // owner and group bits, or they could not lock it; and those X lets write (a history a
        // team shares, 0664 or 0666) may write it too. Never a file that was there: it could be a
        // link to any file.
        if made, let info = POSIXFile.owner(of: String(path.dropLast(".lock".count))) {
            var mode = mode_t(0o600)
            if info.st_uid != geteuid() || info.st_gid != getegid() {
                POSIXFile.takeOwner(of: info, fd: fd)
                mode |= info.st_mode & 0o060
            }
            if info.st_mode & S_IFMT == S_IFREG {
                if info.st_mode & 0o020 != 0 { mode |= 0o060 }
                if info.st_mode & 0o002 != 0 { mode |= 0o006 }
            }
            if mode != 0o600 { fchmod(fd, mode) }
        }
        let operation = exclusive ? LOCK_EX : LOCK_SH
        let clock = ContinuousClock()
        let deadline = clock.now + Self.timeout
        // Writers share the lock for milliseconds each: only a wait that sixteen of them at once
        // do not cause (a stuck or slow process) is worth a line.
        var noticeAt: ContinuousClock.Instant? = clock.now + .seconds(3)
        /// Waits for the lock on `descriptor`, the file `held` (named when the wait is long); `false`
        /// where its file system takes none (a folder on NFS).
        func lock(_ descriptor: Int32, _ held: String, optional: Bool) throws(AssetError) -> Bool {
            var pause = Duration.milliseconds(1)
            while flock(descriptor, operation | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    if optional { return false }
                    throw POSIXFile.failure("lock the history with", path)
                }
                if let at = noticeAt, clock.now >= at {
                    noticeAt = nil
                    longWaitNotice.withLock { $0 }?(held)
                }
                if interruptible || !exclusive, OwnThread.isCancelled {
                    throw AssetError("Interrupted while waiting for the history (another process holds \(held)).", kind: .interrupted)
                }
                guard clock.now < deadline else {
                    throw AssetError("The history has been locked by another process for \(Self.timeout.components.seconds) s (\(held)): wait for it to finish.")
                }
                usleep(UInt32(pause.components.attoseconds / 1_000_000_000_000))
                pause = Swift.min(pause * 2, .milliseconds(20))
            }
            return true
        }
        // The lock file first: a script's `flock -s` on it holds writers off before they hold the folder.
        _ = try lock(fd, path, optional: false)
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var info = stat()
        let folder = stat(directory, &info) == 0 && info.st_mode & 0o044 == 0 ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        defer { if folder >= 0 { close(folder) } }
        // (Named as its folder: another history's writer there holds it, or a slow one of this history's.)
        if folder >= 0 { _ = try lock(folder, "the folder \(directory)", optional: true) }
        return try body()
    }
}
