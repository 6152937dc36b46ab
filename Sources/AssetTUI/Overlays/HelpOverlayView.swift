/// The `?` overlay: every key from `KeyHelp`, in two columns when the terminal is wide
/// enough, scrolling when it is short.
enum HelpOverlayView {
    /// The width of the keys column of a binding line.
    static let keysWidth = 18

    static func frame(screen: ScreenSize) -> Rect {
        let bounds = Rect(x: 0, y: 1, width: screen.width, height: screen.height - 2)
        let width = min(screen.width - 4, 112)
        let columns = width - 2 >= 84 ? 2 : 1
        let needed = (KeyHelp.lines.count + columns - 1) / columns + 3
        return bounds.centered(width: width, height: min(screen.height - 3, needed))
    }

    /// The help lines split into columns (one or two) for this screen.
    static func columns(screen: ScreenSize) -> [[KeyHelp.HelpLine]] {
        let lines = KeyHelp.lines
        guard frame(screen: screen).inner.width >= 84 else { return [lines] }
        // Split at the section boundary nearest the middle.
        let middle = lines.count / 2
        let boundaries = lines.indices.filter { lines[$0] == .blank }
        let split = boundaries.min { abs($0 - middle) < abs($1 - middle) } ?? middle
        return [Array(lines[..<split]), Array(lines[(split + 1)...])]
    }

    /// How many rows the help needs.
    static func lineCount(screen: ScreenSize) -> Int {
        columns(screen: screen).map(\.count).max() ?? 0
    }

    /// How many rows fit in the overlay.
    static func visibleLines(screen: ScreenSize) -> Int {
        max(1, frame(screen: screen).inner.height)
    }

    static func draw(scrollTop: Int, screen: ScreenSize, into canvas: inout Canvas) {
        let frame = frame(screen: screen)
        let columns = columns(screen: screen)
        let total = lineCount(screen: screen)
        let visible = visibleLines(screen: screen)
        let footnote = total > visible ? "\(scrollTop + 1)–\(min(total, scrollTop + visible)) of \(total) · ↑↓ scroll" : "any key closes"
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Help", titleStyle: Theme.focusedTitle, detail: "keys", footnote: footnote)
        let inner = frame.inner
        let columnWidth = columns.count == 2 ? (inner.width - 2) / 2 : inner.width
        for (index, lines) in columns.enumerated() {
            let x = inner.x + 1 + index * (columnWidth + 1)
            for (offset, line) in lines.dropFirst(scrollTop).prefix(visible).enumerated() {
                draw(line, x: x, y: inner.y + offset, width: columnWidth - 1, into: &canvas)
            }
        }
    }

    private static func draw(_ line: KeyHelp.HelpLine, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        switch line {
        case .blank:
            break
        case .title(let title):
            canvas.put(title, x: x, y: y, style: Theme.heading.with(underline: true), maxWidth: width)
        case .binding(let binding), .legend(let binding):
            let keys = TextLayout.pad(binding.keys, toWidth: keysWidth)
            let used = canvas.put(keys, x: x, y: y, style: Theme.label, maxWidth: width)
            canvas.put(binding.action, x: x + used + 1, y: y, style: Theme.plain, maxWidth: width - used - 1)
        }
    }
}
