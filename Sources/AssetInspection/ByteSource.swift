/// Bytes that can be read at any offset: an open file (read with `pread`) or an array.
///
/// The image header readers read through this, so they work the same on a file, whose
/// JPEG segments they can skip without reading them, and on bytes in memory.
protocol ByteSource {
    /// The number of bytes in the source.
    var count: Int64 { get }
    /// Up to `length` bytes starting at `offset`; fewer only at the end of the source,
    /// none when `offset` is at or past the end.
    func read(at offset: Int64, length: Int) throws(InspectionError) -> [UInt8]
}

extension ByteSource {
    /// Exactly `length` bytes at `offset`, or an error naming `what` when the source ends first.
    func readExactly(at offset: Int64, length: Int, for what: @autoclosure () -> String) throws(InspectionError) -> [UInt8] {
        let bytes = try read(at: offset, length: length)
        guard bytes.count == length else {
            throw InspectionError("\(what()) is cut short: the file ends after \(count) bytes")
        }
        return bytes
    }
}

/// Bytes in memory, as a ``ByteSource``.
struct MemoryByteSource: ByteSource {
    let bytes: [UInt8]

    var count: Int64 { Int64(bytes.count) }

    func read(at offset: Int64, length: Int) throws(InspectionError) -> [UInt8] {
        guard offset >= 0, length > 0, offset < count else { return [] }
        let start = Int(offset)
        let end = start + min(length, bytes.count - start)
        return Array(bytes[start..<end])
    }
}
