import Foundation

/// The temporary folder where a demo's emulator keeps the uploads of one run, held in use
/// while this value lives.
///
/// `DemoEnvironment.stop()` removes it; a demo killed first (SIGKILL, a crash, a closed
/// container) cannot. Each demo holds a shared `flock` on a file in its folder until its
/// process ends, so the next demo to start removes the folders whose lock it can take: their
/// demo is gone. A lock, not a process ID: a demo in another PID namespace (a container
/// sharing /tmp) has an ID this one cannot see.
public final class DemoUploadsFolder: Sendable {
    static let prefix = "marketplace-assets-demo-"
    static let lockName = ".in-use"

    public let path: String
    private let lock: Int32

    /// Makes a new folder (mode 0700) in `temporary`, and holds it in use.
    public init(in temporary: String = NSTemporaryDirectory()) throws(AssetError) {
        let path = (try AssetPaths.utf8(temporary, from: "TMPDIR") as NSString).appendingPathComponent(Self.prefix + UUID().uuidString)
        guard mkdir(path, 0o700) == 0 else {
            throw AssetError("Could not create the demo's folder \(path): \(POSIXFile.describe(errno)). Set TMPDIR to a folder you can write.")
        }
        // Locked under another name, then renamed into place: a demo starting meanwhile never
        // finds the lock file unlocked.
        let lock = open(path + "/" + Self.lockName + ".new", O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_SH | LOCK_NB) == 0, rename(path + "/" + Self.lockName + ".new", path + "/" + Self.lockName) == 0 else {
            let reason = POSIXFile.describe(errno)
            if lock >= 0 { close(lock) }
            try? FileManager.default.removeItem(atPath: path)
            throw AssetError("Could not hold the demo's folder \(path) in use: \(reason).")
        }
        self.path = path
        self.lock = lock
    }

    deinit { close(lock) }

    /// Removes the folders of demos that are gone: this user's folders whose lock file no demo
    /// holds, never through a link (the temporary folder is shared).
    public static func removeAbandoned(in temporary: String = NSTemporaryDirectory()) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix(prefix) {
            let path = (temporary as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            let lock = open(path + "/" + lockName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard lock >= 0 else { continue }  // an older release's folder, or one being made
            defer { close(lock) }
            if flock(lock, LOCK_EX | LOCK_NB) == 0 { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
