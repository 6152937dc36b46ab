/// Bounds-checked integer reads from a byte array, for the header readers.
///
/// Every read checks the index first and returns nil past the end, so a short or damaged
/// header can never index out of bounds.
extension Array where Element == UInt8 {
    /// The big-endian 16-bit value at `index`, or nil when fewer than 2 bytes are left.
    func uint16BE(at index: Int) -> UInt16? {
        guard index >= 0, index <= count - 2 else { return nil }
        return UInt16(self[index]) << 8 | UInt16(self[index + 1])
    }

    /// The little-endian 16-bit value at `index`, or nil when fewer than 2 bytes are left.
    func uint16LE(at index: Int) -> UInt16? {
        guard index >= 0, index <= count - 2 else { return nil }
        return UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    /// The big-endian 32-bit value at `index`, or nil when fewer than 4 bytes are left.
    func uint32BE(at index: Int) -> UInt32? {
        guard index >= 0, index <= count - 4 else { return nil }
        return UInt32(self[index]) << 24 | UInt32(self[index + 1]) << 16
            | UInt32(self[index + 2]) << 8 | UInt32(self[index + 3])
    }

    /// The little-endian 32-bit value at `index`, or nil when fewer than 4 bytes are left.
    func uint32LE(at index: Int) -> UInt32? {
        guard index >= 0, index <= count - 4 else { return nil }
        return UInt32(self[index]) | UInt32(self[index + 1]) << 8
            | UInt32(self[index + 2]) << 16 | UInt32(self[index + 3]) << 24
    }
}
