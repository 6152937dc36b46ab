/// Asks before quitting while uploads are queued or running.
enum ConfirmQuitView {
    static func draw(activeUploads: Int, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 56)
        let frame = Rect(x: 0, y: 0, width: screen.width, height: screen.height).centered(width: width, height: 6)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Quit?", titleStyle: Theme.focusedTitle)
        let inner = frame.inner
        let noun = activeUploads == 1 ? "1 upload is" : "\(activeUploads) uploads are"
        canvas.put("\(noun) still queued or running.", x: inner.x + 1, y: inner.y, style: Theme.plain, maxWidth: inner.width - 2)
        canvas.put("Quit and cancel them?  y quit · n stay", x: inner.x + 1, y: inner.y + 2, style: Theme.warning, maxWidth: inner.width - 2)
    }
}
