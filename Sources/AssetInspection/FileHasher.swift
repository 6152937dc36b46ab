import Glibc

/// Hashes whole files with SHA-512, reading them in 1 MiB chunks with `read(2)` (how it
/// compares with `sha512sum`: the README's Performance section).
public enum FileHasher {
    /// The chunk size: large enough that system calls cost little, small enough to stay in cache.
    public static let chunkSize = 1 << 20

    /// The SHA-512 of the file at `path`, as 128 lowercase hex digits.
    ///
    /// The file is checked like ``FileInspector/inspect(path:)`` checks it before it is
    /// opened, so a FIFO or a device is refused rather than read (an empty file is hashed).
    /// Throws ``InspectionError``.
    public static func sha512Hex(path: String) throws -> String {
        let file = try RegularFile(path: path, allowEmpty: true)
        var digester = SHA512Digester()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(file.descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw InspectionError("\(RegularFile.subject(path)) cannot be read: \(RegularFile.describe(errno))")
            }
            if count == 0 { break }
            digester.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return digester.finalizeHex()
    }
}
