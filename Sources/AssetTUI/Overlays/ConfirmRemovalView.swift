import AssetCore

/// Asks before `d` takes entries out of the local history; says that Marketplace keeps them.
enum ConfirmRemovalView {
    static func draw(_ removal: HistoryRemoval, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 72)
        let textWidth = max(width - 4, 1)
        let caution = HistoryTable.onlyTraceCaution(removal.entries).map { TextLayout.wrap("⚠ " + $0, toWidth: textWidth) } ?? []
        // Attempts that may have made their uploads, only: the caution says all there is to say.
        let explanation = removal.entries.allSatisfy(\.mayHaveBeenMade) ? [] : TextLayout.wrap(explanation(removal.entries), toWidth: textWidth)
        // The question whole, its keys too (`Remove all 12 (3 hidden by the filter)?` at 60 columns).
        let question = TextLayout.wrap(question(removal), toWidth: textWidth)
        // At most 6 names, fewer where the screen (60×16) would otherwise cut the question.
        let room = screen.dialogArea.height - 2 - explanation.count - caution.count - 1 - question.count
        let lines: [(String, CellStyle)] = removal.lines(limit: max(1, min(6, room)), width: textWidth).map { ($0, Theme.plain) }
            + explanation.map { ($0, Theme.muted) } + caution.map { ($0, Theme.warning) }
            + [("", Theme.plain)] + question.map { ($0, Theme.warning) }
        let inner = OverlayFrame.draw(
            width: width, height: lines.count + 3, title: "Remove from the history?", screen: screen, into: &canvas)
        for (offset, line) in lines.enumerated() where offset < inner.height {
            canvas.put(line.0, x: inner.x + 1, y: inner.y + offset, style: line.1, maxWidth: inner.width - 2)
        }
    }

    /// What Marketplace keeps: the files of entries with an ID; a failed attempt got none.
    static func explanation(_ entries: [HistoryEntry]) -> String {
        let one = entries.count == 1
        switch entries.filter({ $0.id != nil }).count {
        case 0:
            return one ? "Marketplace gave it no ID: only this tool's local history forgets the attempt."
                : "Marketplace gave them no ID: only this tool's local history forgets the attempts."
        case entries.count:
            return one ? "Marketplace keeps the file and its ID: only this tool's local history forgets it."
                : "Marketplace keeps the files and their IDs: only this tool's local history forgets them."
        default:
            return "Marketplace keeps the files that got an ID (the failed attempts got none): only this tool's local history forgets them."
        }
    }

    /// The question, saying how many of the marked entries the filter hides.
    private static func question(_ removal: HistoryRemoval) -> String {
        let count = removal.entries.count
        let hidden = removal.hiddenByFilter == 0 ? "" : " (\(removal.hiddenByFilter) hidden by the filter)"
        return (count == 1 ? "Remove it\(hidden)?" : "Remove all \(count)\(hidden)?") + "  y remove · n keep"
    }
}
