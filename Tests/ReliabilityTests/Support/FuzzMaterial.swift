import Foundation
import PropertyBased

/// Inputs for the property-based fuzz tests: random bytes, and "token soups" that mix the
/// pieces a parser cares about with noise, so that random cases reach its deeper branches.
enum FuzzMaterial {
    /// How many cases a property check runs: `base`, ten times that with `RELIABILITY_FULL=1`.
    static func cases(_ base: Int) -> Int { ReliabilityMode.full ? base * 10 : base }

    /// Each fuzz suite's limit, a guard against a hang; generous, because a parallel
    /// `swift test` on 2 busy cores runs the suites side by side with the ten-fold cases.
    static let timeLimitMinutes = 15

    /// Random bytes, 0 to `maximum` of them.
    static func bytes(upTo maximum: Int = 400) -> Generator<[UInt8], some SendableSequenceType> {
        Gen.uint8().array(of: 0...maximum)
    }

    /// Strings made of 0 to `count` tokens drawn from `tokens`.
    static func soup(_ tokens: [String], count: ClosedRange<Int> = 0...40) -> Generator<String, some SendableSequenceType> {
        Gen<String?>.element(of: tokens).map { $0 ?? "" }.array(of: count).map { $0.joined() }
    }

    /// `bytes` with a few random bytes changed, inserted or deleted, and maybe cut short.
    static func mutations(of samples: [[UInt8]]) -> Generator<[UInt8], some SendableSequenceType> {
        zip(Gen<Int>.int(in: 0...(samples.count - 1)), Gen.int(in: 0...Int.max).array(of: 1...8), Gen.uint8().array(of: 1...8), Gen.bool())
            .map { index, positions, values, cut in
                var bytes = samples[index]
                for (position, value) in Swift.zip(positions, values) where !bytes.isEmpty {
                    let at = position % bytes.count
                    switch value % 3 {
                    case 0: bytes[at] = value
                    case 1: bytes.insert(value, at: at)
                    default: bytes.remove(at: at)
                    }
                }
                if cut, !bytes.isEmpty { bytes = Array(bytes.prefix(positions[0] % bytes.count)) }
                return bytes
            }
    }

    /// Control characters, escape sequences, bidi overrides and quotes: what makes text unsafe.
    static let hostileText = ["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}31m", "\u{202E}", "\u{7F}", "\u{0}", "\r\n", "\"", "\\", "\u{FFFD}", "é", "日本"]

    /// A C0, C1, DEL or bidi control: what may never reach a terminal unescaped.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
