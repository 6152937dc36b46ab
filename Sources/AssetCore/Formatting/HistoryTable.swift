import AssetInspection
import Foundation

/// `history`'s table: one line per entry, in the order given, fitted to the terminal.
///
/// The columns are the local time (to the minute), the kind (`IMG`, `ART`, as the TUI shows
/// them), the ID whole (it is what a person copies; `--json` has every value), the size, and
/// the name with its imageType. The name alone is cut to fit `width`, in the middle as the
/// TUI cuts it (`big-…2.0.1.jar`), never below a dozen columns (then its imageType is left
/// out); before that the time gives up its hours (also where that lets every name show whole), and in a terminal too narrow
/// even then, each entry takes two lines (the time, with its hours where they fit, kind and ID;
/// then the size and the name). The first of them holds the whole ID, so below ~50 columns
/// it is wider than the terminal.
/// A failure's reason has a line of its own under its entry, whole, and so has the name
/// Marketplace gave the file when it is another (`banner.png` holding a JPEG went as
/// `banner.jpg`), and, with `--all-servers`, its server where the line has no room for it.
/// Without a width (output into a pipe) nothing is cut.
public enum HistoryTable {
    /// ` (screenshot)`, what follows an image's name where there is room (here and in the TUI's
    /// History pane); empty for an entry without an imageType.
    public static func imageTypeSuffix(of entry: HistoryEntry) -> String {
        entry.imageType.map { " (" + SafeText.sanitize($0) + ")" } ?? ""
    }

    /// For failed attempts among `entries` that Marketplace may have made all the same (as their
    /// failures say): that their entries are (`removed`: were) the only trace of them; `nil` for none.
    /// What the TUI's removal question and `history --remove` say.
    public static func onlyTraceCaution(_ entries: [HistoryEntry], removed: Bool = false) -> String? {
        let count = entries.count(where: \.mayHaveBeenMade)
        guard count > 0 else { return nil }
        let which = entries.count == 1 ? "it" : count == entries.count ? "them" : "\(count) of them"
        let (one, many) = removed ? ("was", "were") : ("is", "are")
        return "Marketplace may have made \(which) all the same, as " + (count == 1
            ? "its failure says: this entry \(one) the only trace of it." : "their failures say: these entries \(many) the only trace of them.")
    }

    /// The table's lines for `entries` (`no history entries` for none), fitted to `width`
    /// columns when one is given; with `withServer`, each entry's server (`@ server`) too.
    public static func lines(
        _ entries: [HistoryEntry], width: Int?, withServer: Bool = false, timeZone: TimeZone = .current
    ) -> [String] {
        guard !entries.isEmpty else { return ["no history entries"] }
        let ids = entries.map { SafeText.sanitize($0.id ?? "(failed)") }
        let sizes = entries.map { $0.size.map(ByteCount.format) ?? "-" }
        let names = entries.map { SafeText.sanitize($0.name) }, imageTypes = entries.map(imageTypeSuffix)
        let idWidth = ids.map(\.count).max() ?? 0
        let sizeWidth = sizes.map(\.count).max() ?? 0
        let head = { (timeWidth: Int) in timeWidth + 2 + 3 + 2 + idWidth }
        // Each entry's server (`--all-servers`) ends its line where that leaves a dozen columns of
        // the name, else it has a line of its own under it.
        let servers = entries.map { withServer ? "@ " + SafeText.sanitize($0.serverURL) : "" }
        let serverWidth = withServer ? 2 + (servers.map { DisplayWidth.of($0) }.max() ?? 0) : 0
        let serverInline = (width ?? .max) - head(10) - 2 - sizeWidth - 2 - serverWidth >= minimumName
        let room = { (timeWidth: Int) in (width ?? .max) - head(timeWidth) - 2 - sizeWidth - 2 - (serverInline ? serverWidth : 0) }
        let twoLines = room(10) < minimumName
        // The hours go where every name then shows whole, which they would cut (a wider terminal
        // must not show less of a name), or where they would leave less than a dozen columns.
        let widestName = entries.indices.map { DisplayWidth.of(names[$0]) + DisplayWidth.of(imageTypes[$0]) }.max() ?? 0
        let wholeWithoutHours = widestName <= room(10)
        let withHours = twoLines ? (width ?? .max) >= head(16) : room(16) >= (wholeWithoutHours ? max(minimumName, widestName) : minimumName)
        // Each entry's first line in the two-line layout, its line up to its name, its server
        // suffix, its whole name, and that name as cut.
        var rows: [(first: String?, text: String, server: String, whole: String, name: String)] = []
        var cutName: [(Int?) -> String] = []  // an entry's name cut, keeping what follows so many characters
        for (index, entry) in entries.enumerated() {
            let time = CivilTime(date: entry.createdAt, timeZone: timeZone)
            var text = time.dateText
            if withHours { text += " " + time.timeText() }
            text += "  " + (entry.kind == .image ? "IMG" : "ART") + "  " + ids[index]
            var first: String?
            if twoLines {
                first = text
                text = "  "
            } else {
                text = text.padding(toLength: text.count + idWidth - ids[index].count, withPad: " ", startingAt: 0)
            }
            text += "  " + String(repeating: " ", count: sizeWidth - sizes[index].count) + sizes[index] + "  "
            let server = withServer && serverInline ? "  " + servers[index] : ""
            let (name, imageType) = (names[index], imageTypes[index])
            cutName.append { keepingFrom in
                guard let width else { return name + imageType }
                // Cut as the TUI cuts names, keeping the version (`big-…2.0.1.jar`); the imageType
                // is left out when the name would be cut below its minimum with it, as the TUI does.
                let columns = max(width - DisplayWidth.of(text) - DisplayWidth.of(server), minimumName)
                let nameColumns = columns - DisplayWidth.of(imageType)
                let (fit, suffix) = nameColumns >= min(DisplayWidth.of(name), minimumName) ? (nameColumns, imageType) : (columns, "")
                let cut = keepingFrom.map { TextLayout.truncateMiddle(name, toWidth: fit, keepingFrom: $0) } ?? TextLayout.truncateMiddle(name, toWidth: fit)
                return cut + suffix
            }
            rows.append((first, text, server, name, cutName[index](nil)))
        }
        // Names that differ stay apart once cut (`acme-…dc-2.3.1.jar`, `acme-…server-2.3.1.jar`,
        // not both `acme-t…2.3.1.jar`): the name is what says which ID to copy.
        // A few rounds: a name cut again may come out as another one did. (Into a pipe nothing is cut.)
        for _ in 0..<(width == nil ? 0 : 3) {
            var namesByCut: [String: Set<String>] = [:]
            for row in rows { namesByCut[row.name, default: []].insert(row.whole) }
            guard namesByCut.values.contains(where: { $0.count > 1 }) else { break }
            for (index, row) in rows.enumerated() {
                guard let alike = namesByCut[row.name], alike.count > 1 else { continue }
                // The start it shares with the name nearest it, back to a word's start (`dc`, not
                // `c`, beside `datacenter`): what follows tells the two apart.
                let name = Array(row.whole)
                let shared = alike.lazy.filter { $0 != row.whole }.map { zip(name, $0).prefix { $0 == $1 }.count }.max() ?? 0
                let word = name[..<shared].lastIndex { "-_. ".contains($0) }.map { $0 + 1 } ?? shared
                rows[index].name = cutName[index](word)
            }
        }
        var lines: [String] = []
        for (index, entry) in entries.enumerated() {
            if let first = rows[index].first { lines.append(first) }
            lines.append(rows[index].text + rows[index].name + rows[index].server)
            if withServer, !serverInline { lines.append("    " + servers[index]) }
            if let answerName = entry.answerName, answerName != entry.name {
                lines.append("    on Marketplace: " + SafeText.oneLine(answerName))
            }
            if let failure = entry.failure {
                lines.append((entry.refreshFailed ? "    ! last refresh failed: " : "    ✗ ") + SafeText.oneLine(failure))
            }
        }
        return lines
    }

    /// The fewest columns of a name the table cuts to.
    static let minimumName = 12
}
