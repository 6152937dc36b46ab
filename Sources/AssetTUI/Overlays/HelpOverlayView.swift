import AssetCore

/// The `?` overlay: every key from `KeyHelp`, in two columns when the terminal is wide
/// enough, scrolling when it is short. An action longer than its column goes on below its
/// keys rather than being cut.
enum HelpOverlayView {
    /// The width of the keys column of a binding line.
    static let keysWidth = 18

    /// One drawn row: a binding's keys (empty where its action goes on) and a line of its action.
    enum Row: Equatable {
        case blank
        case title(String)
        case binding(keys: String, action: String)
    }

    static func frame(screen: ScreenSize) -> Rect {
        let width = min(screen.width - 4, 112)
        return screen.dialogArea.centered(width: width, height: lineCount(width: width) + 3)
    }

    /// The help's rows split into columns (one or two) for this screen.
    static func columns(screen: ScreenSize) -> [[Row]] {
        columns(width: min(screen.width - 4, 112))
    }

    /// The columns for an overlay `width` wide: two when its inside has 84 columns.
    private static func columns(width: Int) -> [[Row]] {
        let inner = width - 2
        guard inner >= 84 else { return [rows(KeyHelp.lines, width: inner - 1)] }
        let rows = rows(KeyHelp.lines, width: (inner - 2) / 2 - 1)
        // Split at the section boundary nearest the middle.
        let middle = rows.count / 2
        let boundaries = rows.indices.filter { rows[$0] == .blank }
        let split = boundaries.min { abs($0 - middle) < abs($1 - middle) } ?? middle
        return [Array(rows[..<split]), Array(rows[min(split + 1, rows.count)...])]
    }

    /// `lines` as rows `width` columns wide, each action wrapped beside its keys.
    private static func rows(_ lines: [KeyHelp.HelpLine], width: Int) -> [Row] {
        lines.flatMap { line -> [Row] in
            switch line {
            case .blank:
                return [.blank]
            case .title(let title):
                return [.title(title)]
            case .binding(let binding), .legend(let binding):
                let actionWidth = max(8, width - keysWidth - 1)
                return TextLayout.wrap(binding.action, toWidth: actionWidth).enumerated().map { index, text in
                    .binding(keys: index == 0 ? binding.keys : "", action: text)
                }
            }
        }
    }

    private static func lineCount(width: Int) -> Int {
        columns(width: width).map(\.count).max() ?? 0
    }

    /// How many rows the help needs.
    static func lineCount(screen: ScreenSize) -> Int {
        lineCount(width: min(screen.width - 4, 112))
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
        for (index, rows) in columns.enumerated() {
            let x = inner.x + 1 + index * (columnWidth + 1)
            for (offset, row) in rows.dropFirst(scrollTop).prefix(visible).enumerated() {
                draw(row, x: x, y: inner.y + offset, width: columnWidth - 1, into: &canvas)
            }
        }
    }

    private static func draw(_ row: Row, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        switch row {
        case .blank:
            break
        case .title(let title):
            canvas.put(title, x: x, y: y, style: Theme.heading.with(underline: true), maxWidth: width)
        case .binding(let keys, let action):
            let used = canvas.put(TextLayout.pad(keys, toWidth: keysWidth), x: x, y: y, style: Theme.label, maxWidth: width)
            canvas.put(action, x: x + used + 1, y: y, style: Theme.plain, maxWidth: width - used - 1)
        }
    }
}
