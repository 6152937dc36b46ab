import Foundation

/// Why a history file could not be read, with where it went wrong.
struct JSONReadError: Error, Equatable {
    var reason: String
    /// Byte offset in the input.
    var offset: Int
    /// The 1-based number of the history entry it is in, if it is in one.
    var entry: Int?

    /// `reason` with the 1-based line and column of `offset` in `input`.
    func describe(in input: UnsafeBufferPointer<UInt8>) -> String {
        let before = input.prefix(Swift.min(offset, input.count))
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "\(reason) at line \(line), column \(column)"
    }
}

/// A strict JSON pull reader over bytes, for the history's own shapes.
///
/// `JSONDecoder` into `Codable` mirrors of an entry read a 10,000-entry history in 89–93 ms and
/// `JSONSerialization` in 111 ms (release, 2026-12-05), against a load target of 30 ms (README,
/// Performance); this reader takes 17–25 ms.
/// It takes RFC 8259 JSON, as `JSONSerialization` and Python's `json` do (stricter than `jq`,
/// which also takes `01`): a file it passes is copied as it is by a write, so it must stay one
/// they and `jq` read. It never crashes on bad input: reads are bounds-checked, nesting is
/// capped at `maximumDepth`, and every failure is a `JSONReadError`. Invalid UTF-8 becomes
/// U+FFFD, as `String(decoding:)` and `jq` make it; numbers are read as whole numbers only.
/// Strings with escapes are resolved here too: `JSONSerialization` drops a raw U+FEFF inside a string.
struct JSONReader {
    static let maximumDepth = 64
    /// The reason of the error for nesting deeper than `maximumDepth`: JSON as far as it goes,
    /// which no crash makes (a history is refused for it, not moved aside).
    static let tooDeep = "nesting too deep"

    let input: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int

    /// A reader at `offset`; at the start, past a UTF-8 byte order mark, which some editors
    /// write and JSON readers such as `jq` accept.
    init(_ input: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.input = input
        let hasMark = offset == 0 && input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF
        self.offset = hasMark ? 3 : offset
    }

    /// Whether `input` is one JSON value and nothing else.
    static func isValidJSON(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var r = JSONReader(input)
        do throws(JSONReadError) {
            try r.skipValue(depth: 0)
        } catch {
            return false
        }
        return r.peek() == nil
    }

    /// `reason` where the reader stands; at the end of the input, saying so (a file cut short),
    /// and at a comment (`//`, `/*`), which JSON has none of, saying that.
    func error(_ reason: String) -> JSONReadError {
        guard offset < input.count else { return JSONReadError(reason: "the file ends too early: \(reason)", offset: offset) }
        let comment = input[offset] == UInt8(ascii: "/") && offset + 1 < input.count
            && (input[offset + 1] == UInt8(ascii: "/") || input[offset + 1] == UInt8(ascii: "*"))
        return JSONReadError(reason: comment ? "a comment, which JSON does not allow" : reason, offset: offset)
    }

    /// Skips white space; returns the next byte without consuming it (`nil` at the end).
    @inline(__always)
    mutating func peek() -> UInt8? {
        while offset < input.count {
            let byte = input[offset]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
            offset += 1
        }
        return nil
    }

    /// Consumes `byte` (after white space) if it is next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        guard consume(byte) else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
    }

    // MARK: Objects and arrays

    /// Reads `{` and returns the cursor for `nextKey`: whether no member was read yet.
    mutating func beginObject(depth: Int) throws(JSONReadError) -> Bool {
        guard depth < Self.maximumDepth else { throw error(Self.tooDeep) }
        try expect(UInt8(ascii: "{"))
        return true
    }

    /// The next member's key, with the reader at its value (which the caller reads or
    /// skips); `nil` after the closing `}`.
    mutating func nextKey(_ isFirst: inout Bool) throws(JSONReadError) -> JSONKey? {
        if isFirst {
            isFirst = false
            if consume(UInt8(ascii: "}")) { return nil }
        } else if !consume(UInt8(ascii: ",")) {
            try expect(UInt8(ascii: "}"))
            return nil
        } else if peek() == UInt8(ascii: "}") {
            throw error("a comma too many before '}', which JSON does not allow")
        }
        let range = try stringRange()
        try expect(UInt8(ascii: ":"))
        if range.hasEscapes { return JSONKey(rawValue: decodeString(range)) ?? .unknown }
        return JSONKey.match(UnsafeBufferPointer(rebasing: input[range.start..<range.end]))
    }

    /// Reads an object, calling `member` for each member whose value is not `null`, with the
    /// reader at the value (which `member` reads or skips).
    mutating func readMembers(depth: Int, _ member: (inout JSONReader, JSONKey) throws(JSONReadError) -> Void) throws(JSONReadError) {
        var cursor = try beginObject(depth: depth)
        while let key = try nextKey(&cursor) {
            if !readNull() { try member(&self, key) }
        }
    }

    /// Reads `[`, then calls `element` once per element; handles the commas and `]`.
    mutating func readArray(depth: Int, _ element: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard depth < Self.maximumDepth else { throw error(Self.tooDeep) }
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            if peek() == UInt8(ascii: "]") { throw error("a comma too many before ']', which JSON does not allow") }
            try element(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// Skips one value of any kind.
    mutating func skipValue(depth: Int) throws(JSONReadError) {
        switch peek() {
        case UInt8(ascii: "{"):
            var cursor = try beginObject(depth: depth + 1)
            while try nextKey(&cursor) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray(depth: depth + 1) { (r) throws(JSONReadError) in try r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try stringRange()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw error("expected a value") }
        default:
            // `-`, `0` or digits that do not start with 0, then a fraction and an exponent, each optional.
            let start = offset
            func digits() -> Int {
                let first = offset
                while offset < input.count, input[offset] &- UInt8(ascii: "0") < 10 { offset += 1 }
                return offset - first
            }
            if offset < input.count, input[offset] == UInt8(ascii: "-") { offset += 1 }
            let whole = digits()
            var valid = whole == 1 || whole > 1 && input[offset - whole] != UInt8(ascii: "0")
            if valid, offset < input.count, input[offset] == UInt8(ascii: ".") {
                offset += 1
                valid = digits() > 0
            }
            if valid, offset < input.count, input[offset] | 0x20 == UInt8(ascii: "e") {
                offset += 1
                if offset < input.count, input[offset] == UInt8(ascii: "+") || input[offset] == UInt8(ascii: "-") { offset += 1 }
                valid = digits() > 0
            }
            guard valid else {
                let begun = offset > start
                offset = start
                throw error(begun ? "expected a number" : "expected a value")
            }
        }
    }

    // MARK: Scalars

    /// Consumes `null` if it is next.
    mutating func readNull() -> Bool { peek() == UInt8(ascii: "n") && consume(literal: "null") }

    mutating func readBool() throws(JSONReadError) -> Bool {
        if consume(literal: "true") { return true }
        if consume(literal: "false") { return false }
        throw error("expected true or false")
    }

    /// A whole number; a fraction or an exponent is refused (sizes and versions are whole).
    mutating func readInt64() throws(JSONReadError) -> Int64 {
        _ = peek()
        let start = offset
        let negative = offset < input.count && input[offset] == UInt8(ascii: "-")
        if negative { offset += 1 }
        var value: Int64 = 0
        let digitsStart = offset
        while offset < input.count, case let digit = input[offset] &- UInt8(ascii: "0"), digit < 10 {
            // Negative numbers are built downwards, so that Int64.min (a server's size, written as it came) reads.
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(Int64(digit)) : shifted.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { offset = start; throw error("number out of range") }
            value = next
            offset += 1
        }
        let next = offset < input.count ? input[offset] : 0
        let leadingZero = offset - digitsStart > 1 && input[digitsStart] == UInt8(ascii: "0")
        guard offset > digitsStart, !leadingZero, next != UInt8(ascii: "."), next | 0x20 != UInt8(ascii: "e") else {
            offset = start
            throw error("expected a whole number")
        }
        return value
    }

    mutating func readString() throws(JSONReadError) -> String {
        decodeString(try stringRange())
    }

    /// Where the next string's raw bytes sit, between its quotes, escapes still in place.
    mutating func stringRange() throws(JSONReadError) -> (start: Int, end: Int, hasEscapes: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = offset
        var hasEscapes = false
        while let found = firstSpecialByte(from: offset) {
            offset = found
            if input[found] < 0x20 { throw error("a control character in a string (JSON writes it as an escape, \\n or \\u0001)") }
            offset += 1
            if input[found] == UInt8(ascii: "\"") { return (start, found, hasEscapes) }
            hasEscapes = true
            // `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` or `\u` and four hex digits, as jq takes them.
            switch offset < input.count ? input[offset] : 0 {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                 UInt8(ascii: "r"), UInt8(ascii: "t"):
                offset += 1
            case UInt8(ascii: "u") where offset + 4 < input.count && input[(offset + 1)...(offset + 4)].allSatisfy({ Self.hexDigit($0) < 16 }):
                offset += 5
            default:
                throw error("bad escape")
            }
        }
        // No closing quote before the end: the file ends too early, inside this string.
        offset = input.count
        throw error("unterminated string")
    }

    /// The first `"`, `\` or control character at or after `start`, eight bytes at a time: the
    /// history's strings are short, and this search is what reading them mostly costs (byte by
    /// byte, a 10,000-entry load took 28 ms at best, against 25; release, 2026-12-04).
    /// `(x - 0x01…) & ~x & 0x80…` marks the bytes of `x` that are zero (a byte equal to the one
    /// sought, after the XOR), and with `0x20…` those below 0x20; the lowest mark is always a true one.
    private func firstSpecialByte(from start: Int) -> Int? {
        let base = input.baseAddress!
        var position = start
        while position + 8 <= input.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let quotes = word ^ 0x2222_2222_2222_2222
            let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let marks = ((quotes &- 0x0101_0101_0101_0101) & ~quotes | (backslashes &- 0x0101_0101_0101_0101) & ~backslashes
                | (word &- 0x2020_2020_2020_2020) & ~word) & 0x8080_8080_8080_8080
            if marks != 0 { return position + marks.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < input.count, base[position] != UInt8(ascii: "\""), base[position] != UInt8(ascii: "\\"), base[position] >= 0x20 {
            position += 1
        }
        return position < input.count ? position : nil
    }

    private mutating func consume(literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard peek() != nil, offset + count <= input.count,
              memcmp(input.baseAddress! + offset, literal.utf8Start, count) == 0
        else { return false }
        offset += count
        return true
    }

    // MARK: Escapes

    /// The string at `range`, escapes resolved (`stringRange` found them valid).
    func decodeString(_ range: (start: Int, end: Int, hasEscapes: Bool)) -> String {
        let raw = UnsafeBufferPointer(rebasing: input[range.start..<range.end])
        guard range.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = 0
        func hex4() -> UInt32 {
            defer { index += 4 }
            return raw[index..<(index + 4)].reduce(0) { $0 << 4 | UInt32(Self.hexDigit($1)) }
        }
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var value = hex4()
                // A high surrogate joins a following low one; a lone surrogate becomes U+FFFD.
                if (0xD800...0xDBFF).contains(value), index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
                   raw[index + 1] == UInt8(ascii: "u") {
                    let saved = index
                    index += 2
                    let low = hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = saved
                    }
                }
                UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { bytes.append($0) }
            default: bytes.append(escape)  // `\"`, `\\` and `\/`: `stringRange` lets no other through
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 0–15 for a hex digit, 16 or more for anything else.
    static func hexDigit(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 16
        }
    }
}
