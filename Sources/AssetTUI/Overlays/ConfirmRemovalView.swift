import AssetCore

/// Asks before `d` takes entries out of the local history; says that Marketplace keeps them.
enum ConfirmRemovalView {
    static func draw(_ removal: HistoryRemoval, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 72)
        let textWidth = max(width - 4, 1)
        let one = removal.entries.count == 1
        let explanation = TextLayout.wrap(one
            ? "Marketplace keeps the file and its ID: only this tool's local history forgets it."
            : "Marketplace keeps the files and their IDs: only this tool's local history forgets them.", toWidth: textWidth)
        // At most 6 names: the question fits a 60×16 terminal.
        let lines: [(String, CellStyle)] = removal.lines(limit: 6, width: textWidth).map { ($0, Theme.plain) }
            + explanation.map { ($0, Theme.muted) }
            + [("", Theme.plain), (question(removal), Theme.warning)]
        let inner = OverlayFrame.draw(
            width: width, height: lines.count + 3, title: "Remove from the history?", screen: screen, into: &canvas)
        for (offset, line) in lines.enumerated() where offset < inner.height {
            canvas.put(line.0, x: inner.x + 1, y: inner.y + offset, style: line.1, maxWidth: inner.width - 2)
        }
    }

    /// The question, saying how many of the marked entries the filter hides.
    private static func question(_ removal: HistoryRemoval) -> String {
        let count = removal.entries.count
        let hidden = removal.hiddenByFilter == 0 ? "" : " (\(removal.hiddenByFilter) hidden by the filter)"
        return (count == 1 ? "Remove it\(hidden)?" : "Remove all \(count)\(hidden)?") + "  y remove · n keep"
    }
}
