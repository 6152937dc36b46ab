/// Byte limits as people read them in error messages: `10 MiB`, `2 GiB`, `1.5 KiB`.
enum ByteText {
    /// `bytes` in the largest binary unit it fills, to a tenth; any `Int64` (a limit of
    /// `Int64.max` bytes is `8589934592.0 GiB`, not an overflow).
    static func describe(_ bytes: Int64) -> String {
        let units: [(String, Int64)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (name, size) in units where bytes >= size {
            if bytes % size == 0 { return "\(bytes / size) \(name)" }
            // Whole units and the rest apart: `bytes * 10` overflows above 9.2 × 10^17.
            let tenths = bytes / size * 10 + (bytes % size * 10 + size / 2) / size
            return "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
