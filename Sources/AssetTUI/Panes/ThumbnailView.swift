import AssetThumbnails

/// Draws the Details pane's thumbnail block: the cells of the picture (each a block symbol in
/// two colours), or its one line, clipped to the pane as it scrolls.
enum ThumbnailView {
    /// Draws `block` with its first row at `originY` (above the pane when scrolled), within `inner`.
    static func draw(_ block: DetailsThumbnail.Block, originY: Int, in inner: Rect, into canvas: inout Canvas) {
        switch block {
        case .none:
            return
        case .lines(let lines, let tone):
            for (offset, line) in lines.enumerated() where originY + offset >= inner.y && originY + offset < inner.maxY {
                canvas.put(line, x: inner.x, y: originY + offset, style: Theme.tone(tone), maxWidth: inner.width)
            }
        case .pending:
            guard originY >= inner.y, originY < inner.maxY else { return }
            canvas.put("Drawing the thumbnail…", x: inner.x, y: originY, style: Theme.muted, maxWidth: inner.width)
        case .cells(let raster):
            for row in 0..<raster.rows {
                let y = originY + row
                guard y >= inner.y else { continue }
                guard y < inner.maxY else { return }
                for column in 0..<min(raster.columns, inner.width) {
                    let cell = raster[column, row]
                    canvas.put(String(Character(cell.symbol)), x: inner.x + column, y: y,
                               style: CellStyle(foreground: color(cell.foreground), background: color(cell.background)))
                }
            }
        }
    }

    static func color(_ color: ThumbnailColor) -> TerminalColor {
        switch color {
        case .rgb(let red, let green, let blue): .rgb(red: red, green: green, blue: blue)
        case .palette(let index): .palette(index)
        }
    }
}
