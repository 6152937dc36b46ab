import AssetInspection
import Foundation
import PropertyBased
import Testing
import TestSupport

@Suite(.ownThreads) struct SHA512Tests {
    static let emptyDigest = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
    static let abcDigest = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"

    private func digest(_ bytes: [UInt8]) -> String {
        var digester = SHA512Digester()
        bytes.withUnsafeBytes { digester.update($0) }
        return digester.finalizeHex()
    }

    @Test func knownVectors() {
        #expect(digest([]) == Self.emptyDigest)
        #expect(digest(Array("abc".utf8)) == Self.abcDigest)
        // FIPS 180-2, appendix C.2: the 896-bit message.
        let long = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(digest(Array(long.utf8))
            == "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
    }

    @Test func splittingTheInputAnywhereGivesTheSameDigest() async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 0...3000), Gen.int(in: 1...512)) { bytes, pieceSize in
            var digester = SHA512Digester()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                bytes[start..<end].withUnsafeBytes { digester.update($0) }
                start = end
            }
            #expect(digester.finalizeHex() == digest(bytes))
        }
    }

    @Test func aCopyGoesOnIndependentlyAndFinalizingDoesNotEndTheDigest() {
        var first = SHA512Digester()
        Array("ab".utf8).withUnsafeBytes { first.update($0) }
        var second = first
        Array("c".utf8).withUnsafeBytes { first.update($0) }
        #expect(first.finalizeHex() == Self.abcDigest)
        #expect(second.finalizeHex() == digest(Array("ab".utf8)))
        Array("c".utf8).withUnsafeBytes { second.update($0) }
        #expect(second.finalizeHex() == Self.abcDigest)
        #expect(first.finalizeHex() == Self.abcDigest)
        first.update(bytes: Array("d".utf8))
        #expect(first.finalizeHex() == digest(Array("abcd".utf8)))
    }

    @Test func fileHashMatchesSha512sum() throws {
        let directory = try TemporaryDirectory()
        // Several chunks and a partial one: 3.5 MiB of varied bytes.
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: (3 << 20) + (1 << 19) + 5)
        bytes.withUnsafeMutableBytes { buffer in
            for offset in stride(from: 0, to: buffer.count - 7, by: 8) {
                buffer.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
            }
        }
        let path = try directory.write(bytes, to: "random.bin")
        #expect(try FileHasher.sha512Hex(path: path) == sha512sum(path))
        #expect(try FileHasher.sha512Hex(path: path) == digest(bytes))
    }

    @Test func emptyFileHashesToTheEmptyDigest() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([], to: "empty")
        #expect(try FileHasher.sha512Hex(path: path) == Self.emptyDigest)
    }

    @Test func hashingADirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: InspectionError("\(directory.path) is a directory, not a file")) {
            try FileHasher.sha512Hex(path: directory.path)
        }
    }

    /// The digest `sha512sum` (coreutils) prints for `path`.
    private func sha512sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha512sum", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
