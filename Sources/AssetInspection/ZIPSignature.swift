/// Recognises a ZIP archive (a .jar or .obr is one) from its first and last bytes.
enum ZIPSignature {
    /// A local file header, where every non-empty archive starts.
    static let localFileHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// The end of central directory record, which ends every archive (and starts an empty one).
    static let endOfCentralDirectory: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// The end record (22 bytes) plus the longest archive comment (65,535 bytes): the
    /// record always lies within this many bytes of the end.
    static let endRecordSearchLength = 22 + 0xFFFF

    /// Whether `prefix` (the first bytes of a file) starts like a ZIP archive.
    static func startsArchive(_ prefix: some Collection<UInt8>) -> Bool {
        prefix.starts(with: localFileHeader) || prefix.starts(with: endOfCentralDirectory)
    }

    /// Whether `tail` (the last ``endRecordSearchLength`` bytes of a file, or all of a
    /// shorter one) holds an end of central directory record.
    ///
    /// ZIPFoundation scans a whole file backwards for this record, one byte at a time, so
    /// checking the tail first keeps a large file without one from taking minutes.
    static func hasEndRecord(inTail tail: [UInt8]) -> Bool {
        endRecordStart(inTail: tail) != nil
    }

    /// How many entries the end record in `tail` says the archive has; `nil` without a
    /// record, or for a ZIP64 archive (its record says 0xFFFF and keeps the count elsewhere).
    static func declaredEntryCount(inTail tail: [UInt8]) -> Int? {
        guard let start = endRecordStart(inTail: tail) else { return nil }
        let count = Int(tail[start + 10]) | Int(tail[start + 11]) << 8
        return count == 0xFFFF ? nil : count
    }

    /// Where the last end record in `tail` starts.
    static func endRecordStart(inTail tail: [UInt8]) -> Int? {
        let minimumRecord = 22
        guard tail.count >= minimumRecord else { return nil }
        var index = tail.count - minimumRecord
        while index >= 0 {
            if tail[index] == 0x50, tail[index + 1] == 0x4B, tail[index + 2] == 0x05, tail[index + 3] == 0x06 {
                return index
            }
            index -= 1
        }
        return nil
    }
}
