import AssetCore

/// The `Y` menu: numbered things to copy, each with the start of its text.
enum CopyMenuView {
    static func draw(_ menu: CopyMenu, screen: ScreenSize, into canvas: inout Canvas) {
        let whole = menu.options.indices.map { line($0, of: menu, width: nil) }
        // As wide as its longest line where the screen has room (80 columns cut a listing's notes).
        let width = min(screen.width - 4, max(76, (whole.map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        let lines = menu.options.indices.map { line($0, of: menu, width: width - 4) }
        let frame = screen.dialogArea.centered(width: width, height: menu.options.count + 4)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Copy", titleStyle: Theme.focusedTitle, footnote: "1–\(menu.options.count) or Enter")
        let inner = frame.inner
        for (index, text) in lines.enumerated() where index + 1 < inner.height {
            canvas.put(TextLayout.pad(text, toWidth: inner.width - 2), x: inner.x + 1, y: inner.y + 1 + index,
                       style: index == menu.highlighted ? Theme.highlighted : Theme.plain)
        }
    }

    /// `› 1 ID             img-1…`: the option's number, label and its text, one word (a link,
    /// a checksum) too long for `width` cut in the middle (`…/download` tells the binary link from the self link).
    private static func line(_ index: Int, of menu: CopyMenu, width: Int?) -> String {
        let option = menu.options[index]
        let firstLine = option.text.split(separator: "\n").first.map(String.init) ?? ""
        let preview = option.text.contains("\n") ? "\(option.text.count) characters" : firstLine
        // A label longer than its column (the marked listing's, with what it leaves out) is
        // shown whole, the preview after it as far as the row goes.
        let label = option.label.count <= 14 ? TextLayout.pad(option.label, toWidth: 14) : option.label + " ·"
        let start = "\(index == menu.highlighted ? "›" : " ") \(index + 1) \(label) "
        guard let width, !preview.contains(" ") else { return start + preview }
        let room = max(width - DisplayWidth.of(start), 12)
        return start + TextLayout.shorteningLongWords(preview, toWidth: room, wordWidth: room, longestKept: 12)
    }
}
