/// One line of the Details pane.
struct DetailLine: Sendable, Equatable {
    enum Tone: Sendable, Equatable {
        case heading
        case plain
        case muted
        case good
        case warning
        case error
    }

    /// The label column (empty on continuation lines of a wrapped value).
    var label: String
    var value: String
    /// The column, from the pane's left edge, where `value` starts.
    var valueOffset: Int
    var tone: Tone

    init(label: String = "", value: String, valueOffset: Int = 0, tone: Tone) {
        self.label = label
        self.value = value
        self.valueOffset = valueOffset
        self.tone = tone
    }

    static let blank = DetailLine(value: "", tone: .plain)
}
