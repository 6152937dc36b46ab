import Glibc
import AssetInspection

/// A file being received (an upload or a fetch), written and hashed as its bytes arrive.
///
/// Created exclusively (`O_EXCL`, mode 0600) inside the store's `tmp` folder. Whoever creates
/// one either hands it to the store (`AssetStore` renames it into place) or calls `discard()`;
/// a leftover from a crash is swept when the emulator starts.
///
/// `@unchecked Sendable`: it moves between tasks (a fetch runs in a child task) but is only
/// ever used by one task at a time.
final class TemporaryFile: @unchecked Sendable {
    private(set) var path: String
    private var descriptor: Int32
    private(set) var byteCount: Int64 = 0
    private var digester = SHA512Digester()

    init(path: String) throws(EmulatorError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EmulatorError.internalError("The emulator cannot create a file in its data folder (\(Self.errnoText())).")
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends `bytes` to the file and to its SHA-512.
    func write(_ bytes: UnsafeRawBufferPointer) throws(EmulatorError) {
        guard !bytes.isEmpty else { return }
        digester.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw EmulatorError.storageFailed("The emulator could not store the file (\(Self.errnoText())).")
            }
            offset += written
        }
        byteCount += Int64(bytes.count)
    }

    /// Closes the file; returns the hex SHA-512 of everything written.
    func finish() throws(EmulatorError) -> String {
        if descriptor >= 0 {
            let result = close(descriptor)
            descriptor = -1
            guard result == 0 else {
                throw EmulatorError.storageFailed("The emulator could not store the file (\(Self.errnoText())).")
            }
        }
        return digester.finalizeHex()
    }

    /// Gives the file another extension in the same folder (AssetInspection reads an .obr
    /// differently from a .jar).
    func changeExtension(to fileExtension: String) throws(EmulatorError) {
        let base = path.split(separator: "/").last.map { $0.split(separator: ".").first.map(String.init) ?? String($0) } ?? "upload"
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        let renamed = folder + "/" + base + "." + fileExtension
        guard renamed != path else { return }
        guard rename(path, renamed) == 0 else {
            throw EmulatorError.storageFailed("The emulator could not store the file (\(Self.errnoText())).")
        }
        path = renamed
    }

    /// Closes and deletes the file.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)`, under a name that does not clash with `TemporaryFile.write`.
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
