import Foundation

/// Why a history file or journal line could not be read, with where it went wrong.
struct JSONReadError: Error, Equatable {
    var reason: String
    /// Byte offset in the input.
    var offset: Int

    /// `reason` with a 1-based line and column computed from `offset` in `input`.
    func describe(in input: UnsafeBufferPointer<UInt8>) -> String {
        var line = 1
        var column = 1
        for byte in input.prefix(Swift.min(offset, input.count)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "\(reason) at line \(line), column \(column)"
    }
}

/// A fast, strict JSON pull reader over a byte buffer, for the history's own shapes.
///
/// It never crashes on bad input: every read is bounds-checked, nesting is capped at
/// `maximumDepth`, and every failure is a `JSONReadError`. Strings are validated UTF-8
/// (invalid sequences become U+FFFD, as `String(decoding:)` does). Two leniencies, for
/// speed: a raw control character inside a string is kept rather than refused (text is
/// made safe where it is shown), and numbers are read only as whole numbers.
///
/// Written by hand because `JSONDecoder` needs over two seconds for a 100,000-entry
/// history on the machines this was measured on; this reader needs about a tenth of that.
struct JSONReader {
    static let maximumDepth = 256

    let input: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int

    init(_ input: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.input = input
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= input.count }

    func error(_ reason: String) -> JSONReadError { JSONReadError(reason: reason, offset: offset) }

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

    /// Consumes `byte` (after white space) or throws.
    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        guard peek() == byte else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    /// Consumes `byte` (after white space) if it is next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    // MARK: Objects and arrays

    /// Reads `{`, then calls `body` once per key with the reader positioned at its value;
    /// `body` must read or skip the value. Handles commas and the closing `}`.
    mutating func readObject(depth: Int, _ body: (inout JSONReader, JSONKey) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard depth < Self.maximumDepth else { throw error("nesting too deep") }
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        while true {
            let key = try readKey()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Where a member-by-member read of an object stands (see `nextKey`).
    struct ObjectCursor {
        fileprivate var isFirst = true
    }

    /// Reads `{` and returns a cursor for `nextKey`. The closure-free way to read an
    /// object: the members' values stay plain local variables of the caller.
    mutating func beginObject(depth: Int) throws(JSONReadError) -> ObjectCursor {
        guard depth < Self.maximumDepth else { throw error("nesting too deep") }
        try expect(UInt8(ascii: "{"))
        return ObjectCursor()
    }

    /// The next member's key, with the reader at its value (which the caller must read
    /// or skip); `nil` after the closing `}`.
    mutating func nextKey(_ cursor: inout ObjectCursor) throws(JSONReadError) -> JSONKey? {
        if cursor.isFirst {
            cursor.isFirst = false
            if consume(UInt8(ascii: "}")) { return nil }
        } else if !consume(UInt8(ascii: ",")) {
            try expect(UInt8(ascii: "}"))
            return nil
        }
        let key = try readKey()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Reads `[`, then calls `body` once per element; handles commas and `]`.
    mutating func readArray(depth: Int, _ body: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard depth < Self.maximumDepth else { throw error("nesting too deep") }
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Skips one value of any kind.
    mutating func skipValue(depth: Int = 0) throws(JSONReadError) {
        switch peek() {
        case UInt8(ascii: "{"):
            try readObject(depth: depth + 1) { (reader, _) throws(JSONReadError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray(depth: depth + 1) { (reader) throws(JSONReadError) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try stringRange()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw error("expected a value") }
        case .some(let byte) where byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10:
            try skipNumber()
        default:
            throw error("expected a value")
        }
    }

    // MARK: Scalars

    /// Consumes `null` if it is next.
    mutating func readNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), matches("null") else { return false }
        offset += 4
        return true
    }

    mutating func readBool() throws(JSONReadError) -> Bool {
        if peek() == UInt8(ascii: "t"), matches("true") {
            offset += 4
            return true
        }
        if peek() == UInt8(ascii: "f"), matches("false") {
            offset += 5
            return false
        }
        throw error("expected true or false")
    }

    /// An integer; a fraction or exponent is refused (sizes and versions are whole numbers).
    mutating func readInt64() throws(JSONReadError) -> Int64 {
        _ = peek()
        let start = offset
        var negative = false
        if offset < input.count, input[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        var value: Int64 = 0
        var digits = 0
        while offset < input.count, case let digit = input[offset] &- UInt8(ascii: "0"), digit < 10 {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { offset = start; throw error("number out of range") }
            value = next
            offset += 1
            digits += 1
        }
        guard digits > 0 else { offset = start; throw error("expected a whole number") }
        if offset < input.count, case let next = input[offset],
           next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            offset = start
            throw error("expected a whole number")
        }
        return negative ? -value : value
    }

    private mutating func skipNumber() throws(JSONReadError) {
        let start = offset
        if input[offset] == UInt8(ascii: "-") { offset += 1 }
        var digits = 0
        func isNumberByte(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        while offset < input.count, isNumberByte(input[offset]) {
            offset += 1
            digits += 1
        }
        guard digits > 0 else { offset = start; throw error("expected a number") }
    }

    /// A string value.
    mutating func readString() throws(JSONReadError) -> String {
        let range = try stringRange()
        return try Self.decodeString(input, range: range)
    }

    /// A string value, `nil` for JSON `null`.
    mutating func readOptionalString() throws(JSONReadError) -> String? {
        if readNull() { return nil }
        return try readString()
    }

    /// The raw bytes between the quotes of the next string, escapes still in place.
    /// `hasEscapes` says whether any backslash occurs in it.
    mutating func stringRange() throws(JSONReadError) -> JSONStringRange {
        try expect(UInt8(ascii: "\""))
        let start = offset
        let base = input.baseAddress!
        // The first quote or backslash: a quote ends the string; a backslash means escapes,
        // which the loop below walks through (an escaped quote does not end it).
        guard var position = firstQuoteOrBackslash(from: start) else { throw error("unterminated string") }
        if base[position] == UInt8(ascii: "\"") {
            offset = position + 1
            return JSONStringRange(start: start, end: position, hasEscapes: false)
        }
        while position < input.count {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                offset = position + 1
                return JSONStringRange(start: start, end: position, hasEscapes: true)
            }
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        throw error("unterminated string")
    }

    /// The offset of the first `"` or `\` at or after `start`, `nil` when there is none.
    ///
    /// Eight bytes at a time, in a register: the history's strings and keys are short
    /// (mostly under 40 bytes), where a call to `memchr` costs more than the search. A
    /// byte equal to the wanted one becomes zero after the XOR; `(x - 0x01…) & ~x & 0x80…`
    /// marks the zero bytes (a byte after a marked one may be marked wrongly, never one
    /// before), so the lowest mark is the first match.
    @inline(__always)
    private func firstQuoteOrBackslash(from start: Int) -> Int? {
        let base = input.baseAddress!
        let end = input.count
        var position = start
        while position + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let quotes = word ^ 0x2222_2222_2222_2222
            let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let marks = ((quotes &- 0x0101_0101_0101_0101) & ~quotes | (backslashes &- 0x0101_0101_0101_0101) & ~backslashes)
                & 0x8080_8080_8080_8080
            if marks != 0 { return position + marks.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return position }
            position += 1
        }
        return nil
    }

    /// The key of the next member, matched against the history's known keys.
    mutating func readKey() throws(JSONReadError) -> JSONKey {
        let range = try stringRange()
        if range.hasEscapes {
            return JSONKey(rawValue: try Self.decodeString(input, range: range)) ?? .unknown
        }
        return JSONKey.match(UnsafeBufferPointer(rebasing: input[range.start..<range.end]))
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= input.count else { return false }
        return literal.withUTF8Buffer { expected in
            memcmp(input.baseAddress! + offset, expected.baseAddress!, count) == 0
        }
    }

    // MARK: String decoding

    /// Decodes the string at `range`, resolving escapes.
    static func decodeString(_ input: UnsafeBufferPointer<UInt8>, range: JSONStringRange) throws(JSONReadError) -> String {
        let raw = UnsafeBufferPointer(rebasing: input[range.start..<range.end])
        guard range.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        func fail(_ reason: String) -> JSONReadError { JSONReadError(reason: reason, offset: range.start + index) }
        func hex4() throws(JSONReadError) -> UInt32 {
            guard index + 4 <= raw.count else { throw fail("bad \\u escape") }
            var value: UInt32 = 0
            for byte in raw[index..<(index + 4)] {
                let nibble: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("bad \\u escape")
                }
                value = value << 4 | nibble
            }
            index += 4
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < raw.count else { throw fail("bad escape") }
            let escape = raw[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalarValue = try hex4()
                if (0xD800...0xDBFF).contains(scalarValue) {
                    // A high surrogate: combine with a following low one, else U+FFFD.
                    if index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u") {
                        let saved = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = saved
                            scalarValue = 0xFFFD
                        }
                    } else {
                        scalarValue = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalarValue) {
                    scalarValue = 0xFFFD
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw fail("bad escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Where a string's raw bytes sit in the input.
struct JSONStringRange {
    var start: Int
    var end: Int
    var hasEscapes: Bool
    var count: Int { end - start }
}
