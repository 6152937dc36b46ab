import AssetCore
import AssetInspection
import Foundation

/// The entries `d` would take out of the local history, while the question is open.
struct HistoryRemoval: Sendable, Equatable {
    var entries: [HistoryEntry]
    /// How many of them the History pane's filter hides: marked earlier, not on screen now.
    var hiddenByFilter = 0

    /// How the status line names the entries: the file name (with its imageType) and the ID, or
    /// the file name of an attempt that got none; several by their count first (a narrow status
    /// line cuts the end), then the first and how many more.
    var label: String {
        guard let first = entries.first else { return "nothing" }
        return entries.count == 1 ? Self.name(first) : "\(entries.count) entries (\(Self.name(first)) and \(entries.count - 1) more)"
    }

    /// The question's list: a line per entry, at most `limit` lines (the last then says how
    /// many more), each fitted to `width` by cutting the name in the middle: the ID, what is
    /// about to go, stays whole.
    func lines(limit: Int, width: Int = .max) -> [String] {
        let fitted = { (entry: HistoryEntry) in Self.name(entry, width: width) }
        guard entries.count > limit else { return entries.map(fitted) }
        return entries.prefix(max(limit - 1, 0)).map(fitted) + ["and \(entries.count - max(limit - 1, 0)) more"]
    }

    /// `entries` in the order of `entryIds`: the order the question named them in.
    static func ordered(_ entries: [HistoryEntry], as entryIds: [UUID]) -> [HistoryEntry] {
        let position = Dictionary(entryIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.sorted { position[$0.entryId, default: .max] < position[$1.entryId, default: .max] }
    }

    private static func name(_ entry: HistoryEntry, width: Int = .max) -> String {
        guard let id = entry.id else { return "the failed attempt \(SafeText.oneLine(entry.name))" }
        let tail = (entry.imageType.map { " (\(SafeText.oneLine($0)))" } ?? "") + " " + SafeText.oneLine(id)
        let name = SafeText.oneLine(entry.name)
        guard width != .max else { return name + tail }
        return TextLayout.truncateMiddle(name, toWidth: max(8, width - DisplayWidth.of(tail))) + tail
    }
}
