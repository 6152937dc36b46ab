import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file read into memory that this object owns.
///
/// A large file (the history document at 100,000 entries is ~80 MB) is read into an
/// anonymous mapping that asks for transparent huge pages: one page fault per 2 MiB
/// instead of one per 4 KiB, which measurably shortens loading. Small files use an array.
/// The file itself is never mapped, so a file truncated by someone else while it is read
/// cannot crash the process (as a SIGBUS on a file mapping would).
final class FileContents {
    private let base: UnsafeMutableRawPointer?
    let count: Int
    private let mappedLength: Int
    private let small: [UInt8]

    /// Files below this size are read into an array.
    static let mappingThreshold = 4 << 20

    private init(small: [UInt8]) {
        self.small = small
        base = nil
        count = small.count
        mappedLength = 0
    }

    private init(base: UnsafeMutableRawPointer, count: Int, mappedLength: Int) {
        self.base = base
        self.count = count
        self.mappedLength = mappedLength
        small = []
    }

    deinit {
        if let base { munmap(base, mappedLength) }
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let base {
            return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
        }
        return try small.withUnsafeBufferPointer(body)
    }

    /// The file's bytes, or `nil` when it does not exist.
    static func read(_ path: String, what: String) throws(AssetError) -> FileContents? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw POSIXFile.failure("read \(what)", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXFile.failure("read \(what)", path) }
        let size = Int(info.st_size)
        guard (info.st_mode & S_IFMT) == S_IFREG, size >= mappingThreshold else {
            return FileContents(small: try POSIXFile.readAll(fd: fd, path: path, what: what))
        }
        // Room for the file plus one byte (to see the end), in whole 2 MiB pages.
        let hugePage = 2 << 20
        let length = (size + 1 + hugePage - 1) / hugePage * hugePage
        guard let mapping = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED
        else {
            return FileContents(small: try POSIXFile.readAll(fd: fd, path: path, what: what))
        }
        #if os(Linux)
        _ = madvise(mapping, length, MADV_HUGEPAGE)
        #endif
        var filled = 0
        while filled < length {
            let result = systemRead(fd, mapping + filled, length - filled)
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                munmap(mapping, length)
                throw POSIXFile.failure("read \(what)", path, code)
            }
            if result == 0 { break }
            filled += result
        }
        if filled == length {
            // The file grew past the room made for it: read it the ordinary way.
            munmap(mapping, length)
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw POSIXFile.failure("read \(what)", path) }
            return FileContents(small: try POSIXFile.readAll(fd: fd, path: path, what: what))
        }
        return FileContents(base: mapping, count: filled, mappedLength: length)
    }
}

/// `read(2)` (the name `read` is taken inside `FileContents`).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
