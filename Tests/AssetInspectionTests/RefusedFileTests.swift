import AssetInspection
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Things that are not regular files are refused from their metadata, before any open,
/// each with its own message naming the file.
@Suite struct RefusedFileTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    private func refusal(_ path: String) -> String? {
        do {
            _ = try FileInspector.inspect(path: path)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func fifoIsRefusedWithoutOpeningIt() throws {
        let fifo = directory.file("upload.png")
        #expect(mkfifo(fifo, 0o600) == 0)
        // No writer ever opens this FIFO: reading it would block forever.
        #expect(refusal(fifo) == "\(fifo) is a named pipe (FIFO), not a regular file, so it was not opened")
        #expect(throws: InspectionError.self) { try FileHasher.sha512Hex(path: fifo) }
    }

    @Test func characterDeviceIsRefused() {
        #expect(refusal("/dev/null") == "/dev/null is a character device (like /dev/null or a terminal), not a regular file")
    }

    @Test func emptyPathIsRefusedSayingSo() {
        #expect(refusal("") == "The file name is empty: give the path of a file")
    }

    @Test func directoryIsRefused() {
        #expect(refusal(directory.path) == "\(directory.path) is a directory, not a file")
    }

    @Test func socketIsRefused() throws {
        let path = directory.file("s.sock")
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socketDescriptor >= 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(refusal(path) == "\(path) is a socket, not a regular file")
    }

    @Test func emptyFileIsRefused() throws {
        let path = try directory.write([], to: "empty.png")
        #expect(refusal(path) == "\(path) is empty (0 bytes)")
    }

    @Test func missingFileIsRefused() {
        let path = directory.file("nothing-here.png")
        #expect(refusal(path) == "\(path) does not exist")
        #expect(refusal(path + "/below") == "\(path)/below does not exist")
        let file = directory.file("file")
        _ = FileManager.default.createFile(atPath: file, contents: Data([1]))
        #expect(refusal(file + "/below") == "\(file)/below does not exist: a part of its path is not a directory")
        // `-`, standard input in many tools (no file of that name here).
        #expect(refusal("-") == "- does not exist: standard input cannot be uploaded (its size must be known first); give a file")
    }

    @Test func brokenSymlinkIsRefused() throws {
        let link = directory.file("dangling.png")
        #expect(symlink(directory.file("gone.png"), link) == 0)
        #expect(refusal(link) == "\(link) is a broken symbolic link: its target does not exist")
    }

    @Test func symlinkLoopIsRefused() throws {
        let first = directory.file("a.png")
        let second = directory.file("b.png")
        #expect(symlink(second, first) == 0)
        #expect(symlink(first, second) == 0)
        #expect(refusal(first) == "\(first) is a symbolic link loop: following it never reaches a file")
        let selfLink = directory.file("self.png")
        #expect(symlink(selfLink, selfLink) == 0)
        #expect(refusal(selfLink) == "\(selfLink) is a symbolic link loop: following it never reaches a file")
    }

    @Test func symlinkToARegularFileIsFollowed() throws {
        let link = directory.file("linked-icon.png")
        #expect(symlink(Samples.path(Samples.icon), link) == 0)
        let inspection = try FileInspector.inspect(path: link)
        #expect(inspection.content == .image(ImageInfo(format: .png, width: 144, height: 144)))
        #expect(inspection.path == link)
        #expect(inspection.fileName == "linked-icon.png")
    }

    @Test func symlinkToADirectoryOrDeviceIsRefused() throws {
        // /dev/zero is shared: nothing here may change it (see TemporaryDirectory).
        let folder = directory.file("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let toDirectory = directory.file("folder.png")
        #expect(symlink(folder, toDirectory) == 0)
        #expect(refusal(toDirectory) == "\(toDirectory) is a directory, not a file")
        let toDevice = directory.file("zero.jar")
        #expect(symlink("/dev/zero", toDevice) == 0)
        #expect(refusal(toDevice)?.contains("is a character device") == true)
    }

    // Root reads files whatever their permissions, so these two run only as another user.
    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFileIsRefused() throws {
        let path = try directory.copy(sample: Samples.icon, to: "locked.png")
        #expect(chmod(path, 0) == 0)
        #expect(refusal(path) == "\(path) cannot be read: permission denied")
    }

    @Test(.enabled(if: geteuid() != 0, "root can enter any directory"))
    func fileInAnUnreachableDirectoryIsRefused() throws {
        let folder = directory.file("closed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let path = try directory.copy(sample: Samples.icon, to: "closed/icon.png")
        #expect(chmod(folder, 0) == 0)
        defer { chmod(folder, 0o700) }
        #expect(refusal(path) == "\(path) cannot be reached: permission denied on a directory in its path")
    }
}
