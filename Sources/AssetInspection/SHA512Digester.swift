internal import CLibcrypto
import Foundation

/// A SHA-512 digest computed piece by piece, for bytes that stream past (a file being read
/// or uploaded) and are never held whole.
///
/// Backed by the system's OpenSSL libcrypto, whose SHA-512 was the fastest we measured
/// (figures in the README's Performance section). A value: a copy goes on independently of
/// the original.
public struct SHA512Digester {
    /// The OpenSSL state, in a class of its own (copied on write) so that this struct's
    /// layout never names a C type: a module that uses the digester without seeing
    /// libcrypto's headers would otherwise get the layout wrong.
    private var state = State()

    public init() {}

    /// Adds `bytes` to the digest.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if !isKnownUniquelyReferenced(&state) { state = State(copying: state) }
        SHA512_Update(&state.context, base, bytes.count)
    }

    /// Adds `bytes` to the digest.
    public mutating func update(bytes: some DataProtocol) {
        for region in bytes.regions {
            region.withUnsafeBytes { update($0) }
        }
    }

    /// The digest of everything added so far, as 128 lowercase hex digits. The digester can
    /// go on taking bytes afterwards.
    public func finalizeHex() -> String {
        var finishing = state.context
        var digest = [UInt8](repeating: 0, count: Int(SHA512_DIGEST_LENGTH))
        SHA512_Final(&digest, &finishing)
        return HexText.lowercase(digest)
    }

    private final class State {
        var context = SHA512_CTX()

        init() { SHA512_Init(&context) }

        init(copying other: State) { context = other.context }
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
