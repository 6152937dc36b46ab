import AssetCore

/// The imageType picker: the suggestions with their recommended sizes, the size warning of
/// the highlighted one, and a field for a custom imageType.
enum ImageTypePickerView {
    static func draw(_ picker: ImageTypePicker, screen: ScreenSize, into canvas: inout Canvas) {
        let inner = OverlayFrame.draw(
            width: 72, height: picker.choices.count + 7, title: "Upload image", detail: picker.fileName,
            screen: screen, into: &canvas)
        let x = inner.x + 1
        let textWidth = inner.width - 2
        var y = inner.y
        canvas.put("Choose the imageType for \(picker.fileName):", x: x, y: y, style: Theme.plain, maxWidth: textWidth)
        y += 1
        let listRows = max(1, inner.height - 5)
        let top = max(0, min(picker.highlighted - listRows + 1, picker.choices.count - listRows))
        for (offset, choice) in picker.choices.dropFirst(max(0, top)).prefix(listRows).enumerated() {
            let index = max(0, top) + offset
            let highlighted = index == picker.highlighted && picker.custom.text.isEmpty
            let mark = picker.warnings[choice.name] != nil ? "⚠" : " "
            let size = choice.recommendedSize.map { " (\($0))" } ?? ""
            let text = "\(highlighted ? "›" : " ") \(mark) \(TextLayout.pad(choice.name, toWidth: 11)) \(choice.summary)\(size)"
            canvas.put(TextLayout.pad(text, toWidth: textWidth), x: x, y: y + offset,
                       style: highlighted ? Theme.highlighted : Theme.plain)
        }
        y += listRows
        let typed = picker.custom.text.trimmingCharacters(in: .whitespaces)
        let warning = !typed.isEmpty ? ImageType.slipWarning(typed)
            : picker.choices.indices.contains(picker.highlighted) ? picker.warnings[picker.choices[picker.highlighted].name] : nil
        if let warning {
            canvas.put("⚠ \(warning)", x: x, y: y, style: Theme.warning, maxWidth: textWidth)
        }
        y += 2
        let label = "Custom: "
        let used = canvas.put(label, x: x, y: y, style: Theme.label)
        let shown = FieldWindow.layout(picker.custom, width: textWidth - used)
        canvas.put(shown.text, x: x + used, y: y, style: Theme.plain.with(underline: true))
        canvas.cursor = Point(x: x + used + shown.caretColumn, y: y)
    }
}
