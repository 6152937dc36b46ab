import Foundation

/// Byte counts as people read them, the same in the CLI and the TUI: `999 B`, `1.2 kB`,
/// `34.5 MB`, `123 MB`, `1.0 GB` (decimal units, as file managers and `ls --si` show them;
/// at most 7 columns, so they fit fixed-width columns).
public enum ByteCount {
    /// `count` bytes in decimal units, as above.
    public static func format(_ count: Int64) -> String {
        if count < 1000 { return "\(max(0, count)) B" }
        let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(count) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let number = value < 99.95 ? String(format: "%.1f", value) : String(format: "%.0f", value)
        return number + " " + units[unit]
    }

    /// `count` exactly, its digits in groups of three: `1,234,567 bytes`, `1 byte`.
    public static func exact(_ count: Int64) -> String {
        let digits = String(max(0, count))
        var grouped = String()
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped + (count == 1 ? " byte" : " bytes")
    }
}
