/// Shown instead of the panes when the terminal is below the minimum size.
enum TooSmallView {
    static func draw(_ state: AppState, into canvas: inout Canvas) {
        let minimum = ScreenSize.minimum
        var lines = [
            "Terminal too small: \(state.screen.width)×\(state.screen.height)",
            "marketplace-assets needs at least \(minimum.width)×\(minimum.height).",
            "Make the window larger, or press q to quit.",
        ]
        if state.overlay?.kind == .confirmQuit {
            lines.insert("Uploads are running: quit and cancel them? y / n", at: 0)
        }
        let width = canvas.width
        var wrapped: [String] = []
        for line in lines { wrapped += TextLayout.wrap(line, toWidth: max(1, width)) }
        let top = max(0, (canvas.height - wrapped.count) / 2)
        for (offset, line) in wrapped.enumerated() {
            let x = max(0, (width - DisplayWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + offset, style: offset == 0 ? Theme.warning : Theme.plain)
        }
    }
}
