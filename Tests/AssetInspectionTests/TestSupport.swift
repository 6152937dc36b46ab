import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// The sample files of the repository's `Resources/samples/`.
enum Samples {
    /// `Resources/samples/` of the repository this test file is in.
    static let directory: String = {
        let thisFile = URL(fileURLWithPath: #filePath)
        return thisFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/samples").path
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    static let icon = "app-icon.png"
    static let banner = "banner.jpg"
    static let thumbnail = "thumbnail.gif"
    static let logo = "logo.bmp"
    static let plugin = "sample-plugin-1.0.0.jar"
}

/// A fresh directory under the system's temporary folder, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/asset-inspection-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit {
        // Give back the permissions a test took away (from directories it made unreadable),
        // so everything can be removed. Only real directories: chmod follows symbolic links,
        // and tests link to files outside this folder (the samples, /tmp, /dev/zero).
        if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for name in names {
                var info = stat()
                if lstat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                    chmod(path + "/" + name, 0o700)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` in this directory and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Copies the sample `sample` to `name` in this directory and returns its path.
    func copy(sample: String, to name: String) throws -> String {
        try write(Samples.bytes(sample), to: name)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Builds ZIP archives (jars, obrs) in memory with ZIPFoundation.
enum ZipMaker {
    struct Item {
        var path: String
        var size: Int
        /// The bytes from `offset`, `count` long.
        var chunk: @Sendable (_ offset: Int, _ count: Int) -> [UInt8]

        init(_ path: String, _ bytes: [UInt8]) {
            self.path = path
            self.size = bytes.count
            self.chunk = { offset, count in Array(bytes[offset..<offset + count]) }
        }

        /// `size` zero bytes, compressed to almost nothing: the body of a zip bomb.
        static func zeros(_ path: String, size: Int) -> Item {
            var item = Item(path, [])
            item.size = size
            item.chunk = { _, count in [UInt8](repeating: 0, count: count) }
            return item
        }
    }

    /// A ZIP archive holding `items`, deflated unless `stored`.
    static func archive(_ items: [Item], stored: Bool = false) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for item in items {
            try archive.addEntry(with: item.path, type: .file, uncompressedSize: Int64(item.size),
                                 compressionMethod: stored ? .none : .deflate) { position, count in
                Data(item.chunk(Int(position), count))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }

    static func archive(_ files: [(String, String)]) throws -> [UInt8] {
        try archive(files.map { Item($0.0, Array($0.1.utf8)) })
    }

    /// `zip` with the uncompressed size recorded for `path` (in its local header and its
    /// central directory entry) replaced by `size`: an archive whose headers lie.
    static func lyingAboutSize(of path: String, in zip: [UInt8], as size: UInt32) -> [UInt8] {
        var bytes = zip
        let name = Array(path.utf8)
        func patch(signature: [UInt8], nameOffset: Int, sizeOffset: Int) {
            var index = 0
            while index + nameOffset + name.count <= bytes.count {
                if Array(bytes[index..<index + 4]) == signature,
                   Array(bytes[index + nameOffset..<index + nameOffset + name.count]) == name {
                    for byte in 0..<4 { bytes[index + sizeOffset + byte] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(byte))) }
                }
                index += 1
            }
        }
        patch(signature: [0x50, 0x4B, 0x03, 0x04], nameOffset: 30, sizeOffset: 22)
        patch(signature: [0x50, 0x4B, 0x01, 0x02], nameOffset: 46, sizeOffset: 24)
        return bytes
    }
}

/// Plugin descriptors for the tests.
enum Descriptors {
    static func xml(key: String = "com.example.test", name: String = "Test App", version: String = "2.3.4",
                    vendor: String = "Test Vendor") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <atlassian-plugin key="\(key)" name="\(name)" plugins-version="2">
            <plugin-info>
                <description>A test app.</description>
                <version>\(version)</version>
                <vendor name="\(vendor)" url="https://example.com"/>
            </plugin-info>
        </atlassian-plugin>
        """
    }
}

/// Image headers built byte by byte.
enum Headers {
    static func littleEndian32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
    static func littleEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func bigEndian32(_ value: UInt32) -> [UInt8] { littleEndian32(value).reversed() }
    static func bigEndian16(_ value: UInt16) -> [UInt8] { littleEndian16(value).reversed() }

    static func png(width: UInt32, height: UInt32, firstChunk: String = "IHDR") -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian32(13) + Array(firstChunk.utf8)
            + bigEndian32(width) + bigEndian32(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    static func gif(width: UInt16, height: UInt16) -> [UInt8] {
        Array("GIF89a".utf8) + littleEndian16(width) + littleEndian16(height) + [0, 0, 0, 0x3B]
    }

    /// A BMP file header and an info header of `infoSize` bytes (40 = BITMAPINFOHEADER, 12 = OS/2 core).
    static func bmp(width: Int32, height: Int32, infoSize: UInt32 = 40) -> [UInt8] {
        var bytes = Array("BM".utf8) + littleEndian32(0) + [0, 0, 0, 0] + littleEndian32(14 + infoSize)
        bytes += littleEndian32(infoSize)
        if infoSize == 12 {
            bytes += littleEndian16(UInt16(truncatingIfNeeded: width)) + littleEndian16(UInt16(truncatingIfNeeded: height))
            bytes += littleEndian16(1) + littleEndian16(24)
        } else {
            bytes += littleEndian32(UInt32(bitPattern: width)) + littleEndian32(UInt32(bitPattern: height))
            bytes += [UInt8](repeating: 0, count: Int(infoSize) - 12)
        }
        return bytes
    }

    /// A JPEG segment: marker, length, payload.
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian16(UInt16(payload.count + 2)) + payload
    }

    /// A frame header (SOFn) payload: precision, height, width, one component.
    static func frame(width: UInt16, height: UInt16) -> [UInt8] {
        [8] + bigEndian16(height) + bigEndian16(width) + [1, 1, 0x11, 0]
    }

    static let startOfImage: [UInt8] = [0xFF, 0xD8]
    static let endOfImage: [UInt8] = [0xFF, 0xD9]
}
