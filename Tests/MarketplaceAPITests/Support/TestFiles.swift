import Foundation
import AssetInspection

/// A fresh temporary folder for one test's files, removed by `remove()`.
struct TestDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "marketplace-api-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the folder; returns the file's path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum TestBytes {
    /// `count` bytes of a deterministic, non-repeating-looking pattern (random 64 KiB blocks
    /// would make failures hard to reproduce; this one has no runs a boundary could match).
    static func pattern(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var state = seed
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                var word = state >> 11
                for _ in 0..<6 where index < buffer.count {
                    buffer[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
        }
        return bytes
    }

    static func sha512Hex(_ bytes: [UInt8]) -> String {
        var digester = SHA512Digester()
        bytes.withUnsafeBytes { digester.update($0) }
        return digester.finalizeHex()
    }
}
