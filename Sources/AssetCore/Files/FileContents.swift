import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file read into memory that this object owns.
///
/// A large file (the history document at 100,000 entries is ~80 MB) is read into an
/// anonymous mapping that asks for transparent huge pages (one page fault per 2 MiB
/// instead of one per 4 KiB), in 8 MiB pieces on all cores at once, which measurably
/// shortens loading. Small files use an array.
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
        // In pieces on all cores: copying from the page cache and the first touch of each
        // page (which the kernel zeroes) then take a fraction of the time.
        let pieceLength = 8 << 20
        let pieces = (size + pieceLength - 1) / pieceLength
        let outcomes = LockedValue(Array(repeating: PieceOutcome(), count: pieces))
        let target = SendableAddress(base: mapping)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let offset = piece * pieceLength
            let outcome = readFully(fd, into: target.base + offset, count: Swift.min(pieceLength, size - offset), at: offset)
            outcomes.withLock { $0[piece] = outcome }
        }
        var probe: UInt8 = 0
        let results = outcomes.withLock { $0 }
        if let code = results.lazy.compactMap({ $0.errorCode }).first {
            munmap(mapping, length)
            throw POSIXFile.failure("read \(what)", path, code)
        }
        guard results.allSatisfy({ $0.isComplete }), pread(fd, &probe, 1, off_t(size)) == 0 else {
            // The file changed size while it was read: read it the ordinary way.
            munmap(mapping, length)
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw POSIXFile.failure("read \(what)", path) }
            return FileContents(small: try POSIXFile.readAll(fd: fd, path: path, what: what))
        }
        return FileContents(base: mapping, count: size, mappedLength: length)
    }

    /// How reading one piece went.
    private struct PieceOutcome {
        /// `false` when the file ended before the piece did.
        var isComplete = false
        var errorCode: Int32?
    }

    /// Reads `count` bytes at `offset` into `buffer`, retrying short reads.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> PieceOutcome {
        var done = 0
        while done < count {
            let result = pread(fd, buffer + done, count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                return PieceOutcome(errorCode: errno)
            }
            if result == 0 { return PieceOutcome() }
            done += result
        }
        return PieceOutcome(isComplete: true)
    }

    /// The mapping, shared with the reading threads, each writing its own piece.
    private struct SendableAddress: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
    }

}
