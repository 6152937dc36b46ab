import Glibc

/// A regular (by default non-empty) file, opened for reading only after `lstat`/`stat` said it is one.
///
/// Directories, FIFOs, sockets, devices, broken symbolic links and link loops are refused
/// from their metadata alone, so nothing that could block (a FIFO without a writer, a
/// terminal) is ever opened. The file is opened with `O_NONBLOCK` as a second guard, and
/// `fstat` on the open descriptor confirms it is still the file that was checked.
/// The descriptor is closed when the value goes away. Visible to the package: the
/// thumbnails open images through it too.
package final class RegularFile: ByteSource {
    /// The open descriptor, read-only.
    package let descriptor: Int32
    /// The size in bytes when it was opened.
    package let count: Int64
    /// The path as given, for opening the file again by path.
    package let path: String
    /// The device and inode, to recognise the same file under another path.
    package let identity: FileIdentity

    /// Opens `path` for reading after checking that it is a regular file, and non-empty
    /// unless `allowEmpty`. Errors name `path` and say what it is instead.
    package init(path: String, allowEmpty: Bool = false) throws(InspectionError) {
        guard !path.isEmpty else { throw InspectionError("The file name is empty: give the path of a file") }
        let subject = Self.subject(path)
        let info = try Self.metadataFollowingLinks(of: path, subject: subject)
        try Self.requireRegular(info, subject: subject)
        guard info.st_size > 0 || allowEmpty else {
            throw InspectionError("\(subject) is empty (0 bytes)")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case EACCES, EPERM: throw InspectionError("\(subject) cannot be read: permission denied")
            default: throw InspectionError("\(subject) cannot be opened: \(Self.describe(code))")
            }
        }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0,
              Self.isRegular(opened.st_mode),
              opened.st_dev == info.st_dev, opened.st_ino == info.st_ino
        else {
            close(descriptor)
            throw InspectionError("\(subject) changed while it was being checked; try again")
        }
        guard opened.st_size > 0 || allowEmpty else {
            close(descriptor)
            throw InspectionError("\(subject) is empty (0 bytes)")
        }
        self.descriptor = descriptor
        self.count = Int64(opened.st_size)
        self.path = path
        self.identity = FileIdentity(opened)
    }

    deinit {
        close(descriptor)
    }

    package func read(at offset: Int64, length: Int) throws(InspectionError) -> [UInt8] {
        guard offset >= 0, length > 0, offset < count else { return [] }
        let wanted = Int(min(Int64(length), count - offset))
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset) + off_t(filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw InspectionError("\(Self.subject(path)) cannot be read: \(Self.describe(errno))")
            }
            if result == 0 { break }  // The file shrank since it was opened.
            filled += result
        }
        bytes.removeLast(wanted - filled)
        return bytes
    }

    /// A path by which libraries that open files themselves (ZIPFoundation) reach this very
    /// file: `/dev/fd/N` where the system has it, so the file cannot be swapped between the
    /// checks and that open; otherwise the path as given.
    var reopenablePath: String {
        let descriptorPath = "/dev/fd/\(descriptor)"
        var info = stat()
        if stat(descriptorPath, &info) == 0, FileIdentity(info) == identity {
            return descriptorPath
        }
        return path
    }

    // MARK: - Checks before opening

    /// The metadata of the file `path` leads to, refusing links that lead nowhere.
    private static func metadataFollowingLinks(of path: String, subject: String) throws(InspectionError) -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw unreachable(errno, subject: subject)
        }
        guard isType(info.st_mode, S_IFLNK) else { return info }
        var target = stat()
        guard stat(path, &target) == 0 else {
            let code = errno
            switch code {
            case ELOOP: throw InspectionError("\(subject) is a symbolic link loop: following it never reaches a file")
            case ENOENT, ENOTDIR: throw InspectionError("\(subject) is a broken symbolic link: its target does not exist")
            case EACCES: throw InspectionError("\(subject) is a symbolic link whose target cannot be reached: permission denied")
            default: throw InspectionError("\(subject) is a symbolic link whose target cannot be examined: \(describe(code))")
            }
        }
        return target
    }

    /// Refuses everything but a regular file, saying what it is instead.
    private static func requireRegular(_ info: stat, subject: String) throws(InspectionError) {
        let mode = info.st_mode
        if isRegular(mode) { return }
        if isType(mode, S_IFDIR) { throw InspectionError("\(subject) is a directory, not a file") }
        if isType(mode, S_IFIFO) {
            throw InspectionError("\(subject) is a named pipe (FIFO), not a regular file, so it was not opened")
        }
        if isType(mode, S_IFSOCK) { throw InspectionError("\(subject) is a socket, not a regular file") }
        if isType(mode, S_IFCHR) {
            throw InspectionError("\(subject) is a character device (like /dev/null or a terminal), not a regular file")
        }
        if isType(mode, S_IFBLK) { throw InspectionError("\(subject) is a block device (a disk), not a regular file") }
        throw InspectionError("\(subject) is not a regular file")
    }

    /// The message for an `lstat` failure.
    private static func unreachable(_ code: Int32, subject: String) -> InspectionError {
        switch code {
        // `-` reads standard input in many tools, not here: an upload needs its size first.
        case ENOENT where subject == "-": InspectionError("- does not exist: standard input cannot be uploaded (its size must be known first); give a file")
        case ENOENT: InspectionError("\(subject) does not exist")
        case ENOTDIR: InspectionError("\(subject) does not exist: a part of its path is not a directory")
        case EACCES: InspectionError("\(subject) cannot be reached: permission denied on a directory in its path")
        case ELOOP: InspectionError("\(subject) cannot be reached: its path runs into a symbolic link loop")
        case ENAMETOOLONG: InspectionError("\(subject) cannot be reached: the path is too long")
        default: InspectionError("\(subject) cannot be examined: \(describe(code))")
        }
    }

    static func isRegular(_ mode: mode_t) -> Bool { isType(mode, S_IFREG) }

    private static func isType(_ mode: mode_t, _ type: mode_t) -> Bool {
        (mode & S_IFMT) == type
    }

    /// The path as a safe one-line subject for messages.
    package static func subject(_ path: String) -> String {
        SafeText.oneLine(path, maxLength: 300)
    }

    /// The system's text for an `errno` value.
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
