import Glibc

/// Whether anything changed in one folder since the last look, as the kernel tells it
/// (inotify), the way lf and yazi follow a folder: an entry added, removed or renamed, and a
/// file written in place and closed (`cat new > shot.png`, a build rewriting its jar), which
/// leaves the folder's own time as it was.
final class FolderEvents: Sendable {
    private let descriptor: Int32

    /// The events of `folder` from now on; `nil` where the kernel gives none (a user's
    /// `fs.inotify.max_user_instances` or `max_user_watches` used up): the folder's stamp then
    /// tells what it can.
    init?(_ folder: String) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF
        guard inotify_add_watch(descriptor, folder, UInt32(mask)) >= 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Whether any event came since the last call; takes them all.
    func takeAny() -> Bool {
        var any = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 { any = true }
        return any
    }
}
