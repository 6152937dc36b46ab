import Crypto
import Foundation

/// A SHA-512 digest computed piece by piece, for bytes that stream past (a file being read
/// or uploaded) and are never held whole.
public struct SHA512Digester {
    private var hasher = SHA512()

    public init() {}

    /// Adds `bytes` to the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// Adds `bytes` to the digest.
    public mutating func update(bytes: some DataProtocol) {
        hasher.update(data: bytes)
    }

    /// The digest of everything added so far, as 128 lowercase hex digits. The digester can
    /// go on taking bytes afterwards.
    public func finalizeHex() -> String {
        let digest = hasher.finalize()
        return HexText.lowercase(digest)
    }
}

/// Lowercase hex text of bytes.
enum HexText {
    private static let digits = Array("0123456789abcdef".utf8)

    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
