/// The box of an overlay: centred on the screen, cleared, bordered and titled.
enum OverlayFrame {
    /// Draws the box of at most `width`×`height` (2 columns of the screen stay around it, and
    /// the title, status and footer rows) and returns the rectangle inside its border.
    static func draw(
        width: Int, height: Int, title: String, detail: String? = nil, footnote: String? = nil,
        screen: ScreenSize, into canvas: inout Canvas
    ) -> Rect {
        let frame = screen.dialogArea.centered(width: min(screen.width - 4, width), height: height)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: title, titleStyle: Theme.focusedTitle, detail: detail,
                   footnote: footnote)
        return frame.inner
    }
}
