/// The border of a pane: its title (exactly the pane's name), what it shows, and focus.
enum PaneFrame {
    /// Draws the frame and returns the rectangle inside it.
    @discardableResult
    static func draw(
        _ pane: Pane, in rect: Rect, state: AppState, detail: String? = nil, footnote: String? = nil,
        into canvas: inout Canvas
    ) -> Rect {
        let focused = state.focus == pane && state.overlay == nil
        canvas.fill(rect)
        canvas.box(
            rect, style: focused ? Theme.focusedBorder : Theme.border,
            title: pane.title, titleStyle: focused ? Theme.focusedTitle : Theme.title,
            detail: detail, footnote: footnote)
        return rect.inner
    }

    /// The style of a list row: the selection's (dimmer in a pane without focus), else none.
    static func rowStyle(selected: Bool, focused: Bool) -> CellStyle? {
        guard selected else { return nil }
        return focused ? Theme.selectedRow : Theme.selectedRowUnfocused
    }
}
