import Foundation

/// A JSON writer for the history: objects, arrays, strings, whole numbers, booleans, `null`
/// and timestamps, written straight into bytes (`JSONEncoder` took 229–326 ms for 10,000
/// entries), compact for the file, or indented for people (`history --json`, where a round
/// trip through `JSONSerialization` to indent took 6× as long as the rest of the command).
/// Callers write the members in the order the file shows them.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var isFirstInContainer = true
    /// For indented output, how many objects and arrays are open; `nil` writes compact JSON.
    private var depth: Int?

    init(reservingCapacity capacity: Int = 0, indented: Bool = false) {
        bytes.reserveCapacity(capacity)
        depth = indented ? 0 : nil
    }

    /// Writes on after the first `count` bytes of `bytes`, in the same storage.
    init(continuing bytes: consuming [UInt8], after count: Int) {
        bytes.removeSubrange(count...)
        self.bytes = bytes
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"name":` (the caller then writes the value).
    mutating func key(_ name: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        raw(depth == nil ? ":" : " : ")
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        isFirstInContainer = true
        depth = depth.map { $0 + 1 }
    }

    private mutating func close(_ bracket: UInt8) {
        depth = depth.map { $0 - 1 }
        if !isFirstInContainer { newLine() }
        bytes.append(bracket)
        isFirstInContainer = false
    }

    /// Starts the next element of an array (the caller then writes it), or member: the comma
    /// before all but the first, and its line when indented.
    mutating func element() {
        if !isFirstInContainer { bytes.append(UInt8(ascii: ",")) }
        isFirstInContainer = false
        newLine()
    }

    /// When indented: a new line, two spaces deeper for each container open.
    private mutating func newLine() {
        guard let depth else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { appendEscaped($0) }
    }

    mutating func integer(_ value: Int64) { raw(String(value).utf8) }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    mutating func null() { raw("null") }

    mutating func date(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        HistoryTimestamp.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends bytes as they are (the document's frame around its entries).
    mutating func raw(_ text: some Sequence<UInt8>) {
        bytes.append(contentsOf: text)
    }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes `utf8` as a JSON string: quotes, backslashes and control characters escaped,
    /// and U+FEFF too (Foundation's JSONSerialization drops it raw at a string's start).
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            let escape: String? = switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "\n"): "\\n"
            case UInt8(ascii: "\r"): "\\r"
            case UInt8(ascii: "\t"): "\\t"
            case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBB && utf8[index + 2] == 0xBF: "\\ufeff"
            case ..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: nil
            }
            guard let escape else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            bytes.append(contentsOf: escape.utf8)
            index += byte == 0xEF ? 3 : 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }
}
