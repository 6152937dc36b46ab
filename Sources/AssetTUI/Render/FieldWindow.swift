import AssetCore

/// What a text field shows in a given number of columns: the part around its caret, and the
/// caret's column, where the terminal's cursor goes (always in view, with a column kept for it
/// after the last character).
enum FieldWindow {
    /// - Parameter mask: drawn for every character instead of it (a token's `•`).
    static func layout(_ field: TextField, width: Int, mask: Character? = nil) -> (text: String, caretColumn: Int) {
        let text = mask.map { String(repeating: $0, count: field.text.count) } ?? field.text
        let before = text.prefix(field.caret), after = text.dropFirst(field.caret)
        let width = max(1, width)
        if DisplayWidth.of(text) < width { return (text, DisplayWidth.of(before)) }
        // A third of the width shows what follows the caret, when something does.
        let reserve = after.isEmpty ? 1 : min(DisplayWidth.of(after), max(1, width / 3))
        let shownBefore = TextLayout.truncateLeading(before, toWidth: max(0, width - reserve))
        let shownBeforeWidth = DisplayWidth.of(shownBefore)
        return (shownBefore + TextLayout.truncate(after, toWidth: width - shownBeforeWidth), shownBeforeWidth)
    }

    /// A filter as a pane's bottom edge shows it, in `width` columns: `/text▏` while it is
    /// edited, the bar at the caret and the text around it scrolled as in `layout`, so that what
    /// is typed stays in view; `/text` otherwise.
    static func footnote(_ field: TextField, editing: Bool, width: Int) -> String {
        guard editing else { return "/\(field.text)" }
        let (text, caretColumn) = layout(field, width: max(1, width - 2))  // `/` and `▏` take the other two
        var split = text.startIndex, columns = 0
        while columns < caretColumn, split < text.endIndex {
            columns += DisplayWidth.of(text[split])
            text.formIndex(after: &split)
        }
        return "/\(text[..<split])▏\(text[split...])"
    }

    /// A pane's bottom edge, in `width` columns: its filter (when one is edited or set) and then
    /// `parts`; the filter keeps at least half of the width, and `parts` the rest.
    static func footnote(filter: TextField, editing: Bool, then parts: [String], width: Int) -> String? {
        let rest = parts.joined(separator: " · ")
        guard editing || !filter.text.isEmpty else { return rest.isEmpty ? nil : rest }
        let room = rest.isEmpty ? width : max(width / 2, width - DisplayWidth.of(rest) - 3)
        return ([footnote(filter, editing: editing, width: room)] + parts).joined(separator: " · ")
    }
}
