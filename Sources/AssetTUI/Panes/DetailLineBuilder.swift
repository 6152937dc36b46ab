import AssetCore
import AssetInspection

/// Collects detail lines, wrapping values under their label.
struct DetailLineBuilder {
    let width: Int
    let labelWidth: Int
    private(set) var lines: [DetailLine] = []

    init(width: Int, labelWidth: Int) {
        self.width = max(1, width)
        self.labelWidth = width >= 40 ? labelWidth : max(8, min(labelWidth, width * 2 / 5))
    }

    mutating func line(_ line: DetailLine) { lines.append(line) }

    mutating func heading(_ text: String) {
        for part in TextLayout.wrap(SafeText.oneLine(text), toWidth: width) {
            lines.append(DetailLine(value: part, tone: .heading))
        }
    }

    /// A blank line and a section title.
    mutating func section(_ title: String) {
        lines.append(.blank)
        heading(title)
    }

    /// A label and its value; a long value wraps in the value column. A label longer than
    /// the label column pushes the first line of its value to the right.
    mutating func field(_ label: String, _ value: String, tone: DetailLine.Tone = .plain) {
        let firstOffset = max(labelWidth, DisplayWidth.of(label) + 1)
        let valueWidth = DisplayWidth.of(value)
        if valueWidth > width - firstOffset && valueWidth <= width - 2 {
            // Fits on a line of its own (an ID, a path): keep it whole under the label.
            lines.append(DetailLine(label: label, value: "", valueOffset: firstOffset, tone: tone))
            lines.append(DetailLine(value: SafeText.oneLine(value), valueOffset: 2, tone: tone))
            return
        }
        let restOffset = firstOffset >= width - 8 ? min(labelWidth, width / 2) : labelWidth
        let parts = TextLayout.wrap(
            SafeText.oneLine(value), firstWidth: max(1, width - firstOffset), restWidth: max(1, width - restOffset))
        for (index, part) in parts.enumerated() {
            lines.append(DetailLine(
                label: index == 0 ? label : "", value: part,
                valueOffset: index == 0 ? firstOffset : restOffset, tone: tone))
        }
    }

    /// A sentence over the whole width.
    mutating func note(_ text: String, tone: DetailLine.Tone) {
        for part in TextLayout.wrap(SafeText.oneLine(text), toWidth: width) {
            lines.append(DetailLine(value: part, tone: tone))
        }
    }
}
