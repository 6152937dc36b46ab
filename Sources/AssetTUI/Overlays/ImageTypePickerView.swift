import AssetCore

/// The imageType picker: the suggestions with their recommended sizes, the size warning of
/// the highlighted one, and a field for a custom imageType.
enum ImageTypePickerView {
    static func draw(_ picker: ImageTypePicker, screen: ScreenSize, into canvas: inout Canvas) {
        /// A suggestion's line; wider than `width`, it has its summary cut, never the size at its
        /// end, which is what a vendor picks by.
        func line(_ choice: ImageTypeChoice, highlighted: Bool, width: Int = .max) -> String {
            let mark = picker.warnings[choice.name] != nil ? "⚠" : " "
            let size = choice.recommendedSize.map { " (\($0))" } ?? ""
            let head = "\(highlighted ? "›" : " ") \(mark) \(TextLayout.pad(choice.name, toWidth: 11)) "
            let room = width == .max ? .max : width - DisplayWidth.of(head) - DisplayWidth.of(size)
            return head + (DisplayWidth.of(choice.summary) > room ? TextLayout.truncate(choice.summary, toWidth: max(room, 0)) : choice.summary) + size
        }
        // As wide as the longest suggestion where the screen has room (a banner's size was cut).
        let widest = picker.choices.map { DisplayWidth.of(line($0, highlighted: false)) }.max() ?? 0
        let height = picker.choices.count + 7
        // On a short screen the list scrolls, and the frame's foot says which of how many it shows.
        let listRows = max(1, min(height, screen.dialogArea.height) - 7)
        let top = max(0, min(picker.highlighted - listRows + 1, picker.choices.count - listRows))
        let footnote = listRows < picker.choices.count ? "\(top + 1)–\(top + listRows) of \(picker.choices.count) · ↑↓" : nil
        let inner = OverlayFrame.draw(
            width: max(72, widest + 4), height: height, title: "Upload image", detail: picker.fileName, footnote: footnote,
            screen: screen, into: &canvas)
        let x = inner.x + 1
        let textWidth = inner.width - 2
        var y = inner.y
        canvas.put("Choose the imageType for \(picker.fileName):", x: x, y: y, style: Theme.plain, maxWidth: textWidth)
        y += 1
        for (offset, choice) in picker.choices.dropFirst(top).prefix(listRows).enumerated() {
            let index = top + offset
            let highlighted = index == picker.highlighted && picker.custom.text.isEmpty
            canvas.put(TextLayout.pad(line(choice, highlighted: highlighted, width: textWidth), toWidth: textWidth), x: x, y: y + offset,
                       style: highlighted ? Theme.highlighted : Theme.plain)
        }
        y += listRows
        let typed = picker.custom.text.trimmingCharacters(in: .whitespaces)
        let warning = !typed.isEmpty ? ImageType.slipWarning(typed)
            : picker.choices.indices.contains(picker.highlighted) ? picker.warnings[picker.choices[picker.highlighted].name] : nil
        if let warning {
            // On the two rows above the field: a longer one is cut, ending in …
            for (row, part) in TextLayout.wrap("⚠ \(warning)", toWidth: textWidth, maxRows: 2).enumerated() {
                canvas.put(part, x: x, y: y + row, style: Theme.warning, maxWidth: textWidth)
            }
        }
        y += 2
        let label = "Custom: "
        let used = canvas.put(label, x: x, y: y, style: Theme.label)
        let shown = FieldWindow.layout(picker.custom, width: textWidth - used)
        canvas.put(shown.text, x: x + used, y: y, style: Theme.plain.with(underline: true))
        canvas.cursor = Point(x: x + used + shown.caretColumn, y: y)
    }
}
