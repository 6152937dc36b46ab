import AssetCore
import AssetInspection

/// A grid of cells that the screen is rendered into, without a terminal.
///
/// Everything drawn goes through `put`, which replaces control characters (so no outside
/// string can act on the terminal), measures each grapheme with `DisplayWidth`, attaches
/// combining marks to the cell before them, and keeps wide characters whole: writing over
/// half of one blanks the other half. Tests read the result back with `text`.
struct Canvas: Sendable, Equatable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// Where the terminal should show its cursor (a text field being edited), if anywhere.
    var cursor: Point?

    init(width: Int, height: Int, style: CellStyle = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole canvas.
    var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    // MARK: Drawing

    /// Draws `text` from column `x` of row `y`, cut to `maxWidth` columns and to the canvas
    /// (ending in `…` when cut), and returns how many columns it took. Control characters
    /// become U+FFFD.
    @discardableResult
    mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var safe = SafeText.isSafe(text) ? String(text) : SafeText.sanitize(text)
        // Text that does not fit is never cut silently: it ends in `…`.
        if DisplayWidth.of(safe) > limit - x { safe = TextLayout.truncate(safe, toWidth: limit - x) }
        var column = x
        var lastCell: Int?
        for character in safe {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                if let lastCell { cells[lastCell].text.append(character) }
                continue
            }
            if column + columns > limit { break }
            if let (first, second) = DisplayWidth.flagLetters(character) {
                for (offset, letter) in [first, second].enumerated() where column + offset >= 0 {
                    set(Cell(text: String(letter), width: 1, style: style), x: column + offset, y: y)
                }
                lastCell = nil
            } else if character.unicodeScalars.count == 1 {
                if column >= 0 {
                    set(Cell(text: String(character), width: UInt8(columns), style: style), x: column, y: y)
                    lastCell = y * width + column
                }
            } else {
                // A cluster of several code points with a width (a conjunct, joined emoji): a
                // cell for each, as terminals lay them out; never one of them silently dropped.
                var pieceColumn = column
                for piece in DisplayWidth.pieces(character) {
                    let pieceWidth = DisplayWidth.of(piece.unicodeScalars.first!)
                    if pieceColumn >= 0 {
                        set(Cell(text: piece, width: UInt8(pieceWidth), style: style), x: pieceColumn, y: y)
                        lastCell = y * width + pieceColumn
                    }
                    pieceColumn += pieceWidth
                }
            }
            column += columns
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with blanks of the given style.
    mutating func fill(_ rect: Rect, style: CellStyle = .plain) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX {
                set(.blank(style), x: column, y: row)
            }
        }
    }


    /// Draws a single-line border around `rect`, with `title` (and `detail` after it) in the
    /// top edge and `footnote` at the right of the bottom edge.
    mutating func box(
        _ rect: Rect, style: CellStyle, title: String? = nil, titleStyle: CellStyle? = nil,
        detail: String? = nil, footnote: String? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for column in (rect.x + 1)..<right {
            put("─", x: column, y: rect.y, style: style)
            put("─", x: column, y: bottom, style: style)
        }
        for row in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: row, style: style)
            put("│", x: right, y: row, style: style)
        }
        put("┌", x: rect.x, y: rect.y, style: style)
        put("┐", x: right, y: rect.y, style: style)
        put("└", x: rect.x, y: bottom, style: style)
        put("┘", x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            var column = rect.x + 1
            column += put(" ", x: column, y: rect.y, style: style)
            column += put(TextLayout.truncate(title, toWidth: rect.width - 4), x: column, y: rect.y, style: titleStyle ?? style)
            column += put(" ", x: column, y: rect.y, style: style)
            let detailRoom = right - column - 3
            if let detail, detailRoom > 3 {
                column += put("─ ", x: column, y: rect.y, style: style)
                column += put(TextLayout.truncateLeading(detail, toWidth: detailRoom), x: column, y: rect.y, style: style)
                put(" ", x: column, y: rect.y, style: style)
            }
        }
        if let footnote, rect.width > 6 {
            let text = " " + TextLayout.truncate(footnote, toWidth: rect.width - 6) + " "
            put(text, x: right - 1 - DisplayWidth.of(text), y: bottom, style: style)
        }
    }

    // MARK: Reading back

    /// One row as text: each grapheme once (continuations skipped), trailing blanks trimmed.
    func line(_ y: Int) -> String {
        var text = String()
        for x in 0..<width {
            let cell = self[x, y]
            if !cell.isContinuation { text += cell.text }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole canvas as text, one line per row, each ending in a newline.
    var text: String {
        (0..<height).map { line($0) + "\n" }.joined()
    }

    // MARK: Cells

    /// Writes one cell and keeps wide characters whole around it.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.width == 2, x + 1 < width, cell.width != 2 {
            cells[index + 1] = .blank(old.style)
        }
        if cell.width == 2 {
            guard x + 1 < width else {
                cells[index] = .blank(cell.style)
                return
            }
            let next = cells[index + 1]
            if next.width == 2, x + 2 < width {
                cells[index + 2] = .blank(next.style)
            }
            cells[index] = cell
            cells[index + 1] = .continuation(cell.style)
        } else {
            cells[index] = cell
        }
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX)
        let y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}
