/// Asks before quitting while uploads are queued or running.
enum ConfirmQuitView {
    static func draw(activeUploads: Int, screen: ScreenSize, into canvas: inout Canvas) {
        let inner = OverlayFrame.draw(width: 56, height: 6, title: "Quit?", screen: screen, into: &canvas)
        let noun = activeUploads == 1 ? "1 upload is" : "\(activeUploads) uploads are"
        canvas.put("\(noun) still queued or running.", x: inner.x + 1, y: inner.y, style: Theme.plain, maxWidth: inner.width - 2)
        canvas.put("Quit and cancel them?  y quit · n stay", x: inner.x + 1, y: inner.y + 2, style: Theme.warning, maxWidth: inner.width - 2)
    }
}
