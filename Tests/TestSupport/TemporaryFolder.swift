import Foundation

/// A fresh folder under the system's temporary folder, for tests of every target; removed by
/// `remove()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    /// - Parameter inMemory: on a tmpfs (`/dev/shm`) where there is one, where fsync costs
    ///   nothing: for tests of what thousands of writes leave, not of their durability.
    public init(_ label: String = "marketplace-assets-tests", inMemory: Bool = false) throws {
        let base = inMemory && FileManager.default.fileExists(atPath: "/dev/shm")
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        path = base.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `bytes` to `name` with permissions `mode`; returns its path.
    ///
    /// Opened close-on-exec: a child another test forks meanwhile must not keep the file open
    /// for writing, or running it (a stand-in `secret-tool`) fails with "Text file busy".
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o600) throws -> String {
        let target = file(name)
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        defer { close(fd) }
        fchmod(fd, mode_t(mode))  // as given, whatever the umask
        try FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(contentsOf: bytes)
        return target
    }

    /// Writes `text` (UTF-8) to `name` with permissions `mode`; returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String = "", mode: Int = 0o600) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    /// Every file in the folder with its bytes, to check that nothing changed.
    public func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            result[name] = FileManager.default.contents(atPath: file(name)) ?? Data()
        }
        return result
    }

    /// Removes the folder and everything in it (giving back the folder's permissions first,
    /// for tests that took them away).
    public func remove() {
        chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}
