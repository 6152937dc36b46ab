/// A one-line text input (a filter, a URL, a custom imageType) with the cursor at its end.
struct TextField: Sendable, Equatable {
    /// What editing a field did with a key.
    enum Outcome: Equatable {
        case edited
        case submitted
        case cancelled
        /// The key means nothing to a text field (arrows, Tab): the caller may use it.
        case ignored
    }

    private(set) var text: String
    /// The most characters the field takes (a pasted 10,000-character URL is kept whole).
    var maxLength: Int
    /// `text.count`, kept as the text changes (counting a long pasted text at every key would
    /// make a paste quadratic); a combining mark typed alone counts one more than it adds.
    private var count: Int

    init(text: String = "", maxLength: Int = 16_384) {
        self.text = text
        self.maxLength = maxLength
        count = text.count
    }

    /// Applies a key: characters append, Backspace deletes one, Ctrl-U clears, Ctrl-W deletes
    /// a word, Enter submits, Escape cancels.
    mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard count < maxLength else { return .edited }
            text.append(character)
            count += 1
        case .backspace:
            if !text.isEmpty {
                text.removeLast()
                count -= 1
            }
        case .control("u"):
            text = ""
            count = 0
        case .control("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " && last != "/" { text.removeLast() }
            count = text.count
        case .enter:
            return .submitted
        case .escape:
            return .cancelled
        default:
            return .ignored
        }
        return .edited
    }
}
