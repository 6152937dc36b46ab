import Foundation

/// Checks, before ZIPFoundation reads an archive, that every place and size its central
/// directory gives lies within the archive.
///
/// ZIPFoundation 0.9.20 takes those numbers (ZIP64's are 64 bits) into signed integers and
/// sums unchecked: a .jar with an entry's offset or compressed size near 2^64 trapped the
/// process, the emulator receiving it and the TUI merely opening its folder among them.
enum ZIPBounds {
    /// The largest central directory read for the check (a jar of 100,000 entries has ~10 MB).
    static let maximumDirectorySize: UInt64 = 64 << 20

    /// Throws when the archive of `size` bytes, whose bytes `read(offset, count)` gives, places
    /// or sizes anything past its end. `tail` is its last bytes, with the end record. Returns
    /// where each file's local header starts, by name (the last file of a name, as Java's
    /// `JarFile` finds it and `ArtifactReader` takes it), as far as the directory was read:
    /// what `ArtifactReader` unpacks an entry from.
    static func check(size: UInt64, tail: [UInt8], read: (UInt64, Int) throws(InspectionError) -> [UInt8]) throws(InspectionError) -> [String: UInt64] {
        let damaged = InspectionError("the ZIP archive is damaged: its central directory places or sizes an entry past the end of the file")
        guard let end = ZIPSignature.endRecordStart(inTail: tail),
              var entries = tail.uint16LE(at: end + 10).map(UInt64.init),
              var directorySize = tail.uint32LE(at: end + 12).map(UInt64.init),
              var directoryOffset = tail.uint32LE(at: end + 16).map(UInt64.init)
        else { return [:] }
        // ZIP64: the end record's locator, 20 bytes before it, gives where the ZIP64 end record is.
        if end >= 20, tail[(end - 20)..<(end - 16)].elementsEqual([0x50, 0x4B, 0x06, 0x07]) {
            let locator = Array(tail[(end - 20)..<end])
            guard size >= 56, let place = locator.uint64LE(at: 8), place <= size - 56 else { throw damaged }
            let record = try read(place, 56)
            guard record.starts(with: [0x50, 0x4B, 0x06, 0x06]), let count = record.uint64LE(at: 32),
                  let length = record.uint64LE(at: 40), let offset = record.uint64LE(at: 48)
            else { throw damaged }
            (entries, directorySize, directoryOffset) = (count, length, offset)
        }
        guard directoryOffset <= size, directorySize <= size - directoryOffset else { throw damaged }
        guard directorySize <= maximumDirectorySize else {
            throw InspectionError("the ZIP archive's central directory is over \(maximumDirectorySize >> 20) MiB, more than any app's")
        }
        let directory = try read(directoryOffset, Int(directorySize))
        var position = 0, localHeaders: [String: UInt64] = [:]
        for _ in 0..<min(entries, directorySize / 46) {
            guard position + 46 <= directory.count, directory[position...].starts(with: [0x50, 0x4B, 0x01, 0x02]),
                  let method = directory.uint16LE(at: position + 10),
                  let compressed32 = directory.uint32LE(at: position + 20), let uncompressed32 = directory.uint32LE(at: position + 24),
                  let nameLength = directory.uint16LE(at: position + 28), let extraLength = directory.uint16LE(at: position + 30),
                  let commentLength = directory.uint16LE(at: position + 32), let offset32 = directory.uint32LE(at: position + 42)
            else { return localHeaders }  // what ZIPFoundation makes of the rest, it reads within bounds
            var (compressed, uncompressed, offset) = (UInt64(compressed32), UInt64(uncompressed32), UInt64(offset32))
            // The ZIP64 extra field (0x0001) holds, in this order, each value whose 32 bits are all ones.
            var extra = position + 46 + Int(nameLength)
            let extraEnd = extra + Int(extraLength)
            while extra + 4 <= extraEnd, let tag = directory.uint16LE(at: extra), let length = directory.uint16LE(at: extra + 2) {
                if tag == 0x0001 {
                    var field = extra + 4
                    func next(_ value: inout UInt64, if marked: Bool) {
                        guard marked, field + 8 <= extra + 4 + Int(length), let wide = directory.uint64LE(at: field) else { return }
                        value = wide
                        field += 8
                    }
                    next(&uncompressed, if: uncompressed32 == .max)
                    next(&compressed, if: compressed32 == .max)
                    next(&offset, if: offset32 == .max)
                }
                extra += 4 + Int(length)
            }
            // Stored (method 0), the data is its uncompressed size; else no size may near 2^63.
            guard offset <= size, compressed <= size, method != 0 || uncompressed <= size, uncompressed <= UInt64(Int64.max) / 4 else { throw damaged }
            let nameBytes = directory[min(position + 46, directory.count)..<min(position + 46 + Int(nameLength), directory.count)]
            guard let name = String(validating: nameBytes, as: UTF8.self) else {
                // Java reads every name as UTF-8 (a jar's, with or without the UTF-8 flag), and opens no
                // archive with one that is not: "invalid CEN header (bad entry name)".
                let shown = SafeText.oneLine(String(decoding: nameBytes, as: UTF8.self), maxLength: 80)
                throw InspectionError("the ZIP archive names an entry in bytes that are not UTF-8 (\(shown)), and Java opens no such archive "
                    + "(\"invalid CEN header\"), so no Atlassian product can load it: build it again with jar, Maven or Gradle, which write UTF-8 names")
            }
            // Files only, told as ZIPFoundation tells them, so that a link or a folder of the
            // descriptor's name before it is passed over as `Archive` passes it.
            let madeBy = directory.uint16LE(at: position + 4).map { $0 >> 8 }, attributes = directory.uint32LE(at: position + 38) ?? 0
            let isFile = switch madeBy {
            case 3, 19:  // Unix, macOS: the mode says, else the name
                attributes >> 16 & UInt32(S_IFMT) == UInt32(S_IFREG)
                    || ![UInt32(S_IFDIR), UInt32(S_IFLNK)].contains(attributes >> 16 & UInt32(S_IFMT)) && !name.hasSuffix("/")
            case 0:  // MS-DOS: its directory attribute, or the name
                attributes >> 4 != 0x01 && !name.hasSuffix("/")
            default:
                !name.hasSuffix("/")
            }
            if isFile { localHeaders[name] = offset }
            position = extraEnd + Int(commentLength)
        }
        return localHeaders
    }
}

extension Array where Element == UInt8 {
    /// The little-endian 64-bit value at `index`, or nil when fewer than 8 bytes are left.
    func uint64LE(at index: Int) -> UInt64? {
        guard let low = uint32LE(at: index), let high = uint32LE(at: index + 4) else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }
}
