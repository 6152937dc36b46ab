import Foundation
import TestSupport

/// Small real files for the emulator to judge: images with valid headers and plugin jars.
enum Fixtures {
    /// A PNG header of `width`×`height` (signature and IHDR with its CRC), plus an IEND chunk.
    static func png(width: UInt32 = 144, height: UInt32 = 144) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = Array("IHDR".utf8)
        ihdr += bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0]
        bytes += bigEndian(13) + ihdr + bigEndian(CRC32.checksum(ihdr))
        let iend = Array("IEND".utf8)
        bytes += bigEndian(0) + iend + bigEndian(CRC32.checksum(iend))
        return bytes
    }

    /// A GIF header of `width`×`height` with a trailer.
    static func gif(width: UInt16 = 16, height: UInt16 = 9) -> [UInt8] {
        Array("GIF89a".utf8) + [UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8), 0, 0, 0, 0x3B]
    }

    /// A plugin jar: `atlassian-plugin.xml` with `key`, `name`, `version`, a manifest and a class file.
    static func pluginJar(key: String = "com.example.emulator-test", name: String = "Emulator Test", version: String = "1.2.3") -> [UInt8] {
        let descriptor = """
        <?xml version="1.0" encoding="UTF-8"?>
        <atlassian-plugin key="\(key)" name="\(name)" plugins-version="2">
            <plugin-info>
                <description>A plugin for the emulator tests</description>
                <version>\(version)</version>
                <vendor name="Example Vendor" url="https://example.com"/>
            </plugin-info>
        </atlassian-plugin>
        """
        return StoredZip.make([
            ("META-INF/MANIFEST.MF", Array("Manifest-Version: 1.0\r\nBundle-SymbolicName: \(key)\r\n\r\n".utf8)),
            ("atlassian-plugin.xml", Array(descriptor.utf8)),
            ("com/example/Plugin.class", [0xCA, 0xFE, 0xBA, 0xBE] + Array(repeating: 0x0D, count: 64)),
        ])
    }

    /// A jar (a valid ZIP) without `atlassian-plugin.xml`.
    static func jarWithoutDescriptor() -> [UInt8] {
        StoredZip.make([
            ("META-INF/MANIFEST.MF", Array("Manifest-Version: 1.0\r\n\r\n".utf8)),
            ("com/example/Main.class", [0xCA, 0xFE, 0xBA, 0xBE]),
        ])
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

