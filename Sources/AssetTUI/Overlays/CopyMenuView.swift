import AssetCore

/// The `Y` menu: numbered things to copy, each with the start of its text.
enum CopyMenuView {
    static func draw(_ menu: CopyMenu, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 76)
        let frame = screen.dialogArea.centered(width: width, height: menu.options.count + 4)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Copy", titleStyle: Theme.focusedTitle, footnote: "1–\(menu.options.count) or Enter")
        let inner = frame.inner
        let x = inner.x + 1
        let textWidth = inner.width - 2
        for (index, option) in menu.options.enumerated() where index + 1 < inner.height {
            let firstLine = option.text.split(separator: "\n").first.map(String.init) ?? ""
            let preview = option.text.contains("\n") ? "\(option.text.count) characters" : firstLine
            // A label longer than its column (the marked listing's, with what it leaves out) is
            // shown whole, the preview after it as far as the row goes.
            let label = option.label.count <= 14 ? TextLayout.pad(option.label, toWidth: 14) : option.label + " ·"
            let text = "\(index == menu.highlighted ? "›" : " ") \(index + 1) \(label) \(preview)"
            canvas.put(TextLayout.pad(text, toWidth: textWidth), x: x, y: inner.y + 1 + index,
                       style: index == menu.highlighted ? Theme.highlighted : Theme.plain)
        }
    }
}
