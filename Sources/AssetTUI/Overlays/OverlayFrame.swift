/// The box of an overlay: centred on the screen, cleared, bordered and titled.
enum OverlayFrame {
    /// Draws the box of at most `width`×`height` (2 columns and 1 row of the screen stay
    /// around it) and returns the rectangle inside its border.
    static func draw(
        width: Int, height: Int, title: String, detail: String? = nil, footnote: String? = nil,
        screen: ScreenSize, into canvas: inout Canvas
    ) -> Rect {
        let frame = Rect(x: 0, y: 0, width: screen.width, height: screen.height)
            .centered(width: min(screen.width - 4, width), height: min(screen.height - 2, height))
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: title, titleStyle: Theme.focusedTitle, detail: detail,
                   footnote: footnote)
        return frame.inner
    }
}
