import AssetCore

/// Shown instead of the panes when the terminal is below the minimum size.
enum TooSmallView {
    static func draw(_ state: AppState, into canvas: inout Canvas) {
        let minimum = ScreenSize.minimum
        let size = "\(state.screen.width)×\(state.screen.height)"
        let quitting = state.overlay?.kind == .confirmQuit
        // The words, then fewer of them when they do not fit: how to quit must always show.
        // (The question on a line of its own: wrapped with the count, `y / n` broke across two.)
        let full = (quitting ? [ConfirmQuitView.question(state.uploads), "Quit and cancel? y / n"] : []) + [
            "Terminal too small: \(size)",
            "marketplace-assets needs at least \(minimum.width)×\(minimum.height).",
            "Make the window larger, or press q to quit.",
        ]
        // Most needed first: the rows that do not fit are the last ones.
        let short = quitting
            ? ["quit? y / n", "Too small: \(size)"]
            : ["q quits", "Too small: \(size)", "needs \(minimum.width)×\(minimum.height)"]
        let width = canvas.width
        func wrap(_ lines: [String]) -> [String] { lines.flatMap { TextLayout.wrap($0, toWidth: max(1, width)) } }
        let fullLines = wrap(full)
        let wrapped = fullLines.count <= canvas.height ? fullLines : Array(wrap(short).prefix(canvas.height))
        let top = max(0, (canvas.height - wrapped.count) / 2)
        for (offset, line) in wrapped.enumerated() {
            let x = max(0, (width - DisplayWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + offset, style: offset == 0 ? Theme.warning : Theme.plain)
        }
    }
}
