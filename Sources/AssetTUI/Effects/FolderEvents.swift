import Glibc

/// Whether anything changed in one folder since the last look, as the kernel tells it
/// (inotify), the way lf and yazi follow a folder: an entry added, removed or renamed, and a
/// file written in place and closed (`cat new > shot.png`, a build rewriting its jar), which
/// leaves the folder's own time as it was.
final class FolderEvents: Sendable {
    /// What came since the last look.
    enum Change: Equatable {
        case none
        /// In the folder.
        case changed
        /// The folder itself was removed or moved away (the kernel then drops the watch, though a
        /// folder made again under the name may have its inode): no event comes any more.
        case watchEnded
    }

    private let descriptor: Int32

    /// The events of `folder` from now on; `nil` where the kernel gives none (a user's
    /// `fs.inotify.max_user_instances` or `max_user_watches` used up): the folder's stamp and
    /// the selected file's then tell what they can.
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

    /// What came since the last call; takes every event.
    func take() -> Change {
        var change = Change.none
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }), count > 0 {
            change = change == .none ? .changed : change
            // Each event: wd, mask, cookie and the name's length (4 bytes each), then the name.
            var offset = 0
            while offset + 16 <= count {
                let (mask, nameLength) = buffer.withUnsafeBytes {
                    ($0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self), $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                }
                if mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 { change = .watchEnded }
                offset += 16 + Int(nameLength)
            }
        }
        return change
    }
}
