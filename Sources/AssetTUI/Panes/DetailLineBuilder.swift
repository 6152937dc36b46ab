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
    /// the label column pushes the first line of its value to the right. A value that fits
    /// whole on a line of its own (an ID, a path), or a sentence with a word the value column
    /// would break (an ID, a plugin key), goes under the label over the whole width instead,
    /// so that it stays whole where it can be selected and copied.
    mutating func field(_ label: String, _ value: String, tone: DetailLine.Tone = .plain) {
        let value = SafeText.oneLine(value)
        let firstOffset = max(labelWidth, DisplayWidth.of(label) + 1)
        let restOffset = firstOffset >= width - 8 ? min(labelWidth, width / 2) : labelWidth
        let valueWidth = DisplayWidth.of(value)
        // A word the value column breaks and the whole width keeps (a plugin key beside an ID
        // too long for either, in a narrow pane).
        let keptByStacking = value.split(separator: " ").contains { DisplayWidth.of($0) > width - restOffset && DisplayWidth.of($0) <= width - 2 }
        if (valueWidth > width - firstOffset && valueWidth <= width - 2) || keptByStacking {
            lines.append(DetailLine(label: label, value: "", valueOffset: firstOffset, tone: tone))
            for part in TextLayout.wrap(value, toWidth: width - 2) {
                lines.append(DetailLine(value: part, valueOffset: 2, tone: tone))
            }
            return
        }
        let parts = TextLayout.wrap(value, firstWidth: max(1, width - firstOffset), restWidth: max(1, width - restOffset))
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
