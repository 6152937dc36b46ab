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

    /// A filter as a footnote shows it while it is edited: `/text▏`, the bar at the caret.
    static func footnote(_ field: TextField, editing: Bool) -> String {
        editing ? "/\(field.textBeforeCaret)▏\(field.text.dropFirst(field.caret))" : "/\(field.text)"
    }
}
