import Foundation

/// The temporary folder where a demo's emulator keeps the uploads of one run.
///
/// `DemoEnvironment.stop()` removes it; a demo killed first (SIGKILL, a crash, a closed
/// container) cannot. Each is named with its process's ID, so the next demo to start removes
/// those whose process is gone, and a demo leaves nothing behind for long.
public enum DemoUploadsFolder {
    static let prefix = "marketplace-assets-demo-pid"

    /// A new folder's path for this process (not made here: the emulator makes it).
    public static func path(in temporary: String = NSTemporaryDirectory()) -> String {
        (temporary as NSString).appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)")
    }

    /// Removes the folders of demos whose process is gone: only folders of this user's, never
    /// through a link (the temporary folder is shared).
    public static func removeAbandoned(in temporary: String = NSTemporaryDirectory()) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                  pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = (temporary as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
