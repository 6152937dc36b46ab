/// The `f` prompt: the URL Marketplace should fetch an artifact from.
enum URLPromptView {
    static func draw(_ field: TextField, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 76)
        let frame = screen.dialogArea.centered(width: width, height: 7)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Fetch artifact", titleStyle: Theme.focusedTitle)
        let inner = frame.inner
        let x = inner.x + 1
        let textWidth = inner.width - 2
        canvas.put("Marketplace downloads the artifact from this http(s) URL:", x: x, y: inner.y, style: Theme.plain, maxWidth: textWidth)
        let prompt = "> "
        let used = canvas.put(prompt, x: x, y: inner.y + 2, style: Theme.label)
        let shown = FieldWindow.layout(field, width: textWidth - used)
        canvas.put(shown.text, x: x + used, y: inner.y + 2, style: Theme.plain.with(underline: true))
        canvas.put("Enter fetches · Esc cancels", x: x, y: inner.y + 4, style: Theme.muted, maxWidth: textWidth)
        canvas.cursor = Point(x: x + used + shown.caretColumn, y: inner.y + 2)
    }
}
