import AssetInspection
import Foundation

/// `history`'s table: one line per entry, in the order given, fitted to the terminal.
///
/// The columns are the local time (to the minute), the kind (`IMG`, `ART`, as the TUI shows
/// them), the ID whole (it is what a person copies; `--json` has every value), the size, and
/// the name with its imageType. The name alone is cut, with `…`, to fit `width`, never below
/// a dozen characters (a terminal narrower than that wraps); when even that does not fit,
/// the time gives up its hours. A failure's reason has a line of its own under its entry.
/// Without a width (output into a pipe) nothing is cut.
public enum HistoryTable {
    public static func lines(
        _ entries: [HistoryEntry], width: Int?, withServer: Bool = false, timeZone: TimeZone = .current
    ) -> [String] {
        guard !entries.isEmpty else { return ["no history entries"] }
        let ids = entries.map { SafeText.sanitize($0.id ?? "(failed)") }
        let sizes = entries.map { $0.size.map(ByteCount.format) ?? "-" }
        let idWidth = ids.map(\.count).max() ?? 0
        let sizeWidth = sizes.map(\.count).max() ?? 0
        let fixed = { (timeWidth: Int) in timeWidth + 2 + 3 + 2 + idWidth + 2 + sizeWidth + 2 }
        let withHours = width.map { $0 - fixed(16) >= minimumName } ?? true
        var lines: [String] = []
        for (index, entry) in entries.enumerated() {
            let time = CivilTime(date: entry.createdAt, timeZone: timeZone)
            var text = String(format: "%04d-%02d-%02d", time.year, time.month, time.day)
            if withHours { text += String(format: " %02d:%02d", time.hour, time.minute) }
            text += "  " + (entry.kind == .image ? "IMG" : "ART")
            text += "  " + ids[index].padding(toLength: idWidth, withPad: " ", startingAt: 0)
            text += "  " + String(repeating: " ", count: sizeWidth - sizes[index].count) + sizes[index] + "  "
            let server = withServer ? "  @ " + SafeText.sanitize(entry.serverURL) : ""
            var name = SafeText.sanitize(entry.name) + (entry.imageType.map { " (" + SafeText.sanitize($0) + ")" } ?? "")
            if let width {
                let room = max(width - text.count - server.count, minimumName)
                if name.count > room { name = name.prefix(room - 1) + "…" }
            }
            lines.append(text + name + server)
            if let failure = entry.failure { lines.append("    ✗ " + SafeText.oneLine(failure)) }
        }
        return lines
    }

    /// The fewest characters of a name the table cuts to.
    static let minimumName = 12
}
