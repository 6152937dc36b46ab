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

    var text: String
    /// The most characters the field takes (a pasted 10,000-character URL is kept whole).
    var maxLength: Int

    init(text: String = "", maxLength: Int = 16_384) {
        self.text = text
        self.maxLength = maxLength
    }

    /// Applies a key: characters append, Backspace deletes one, Ctrl-U clears, Ctrl-W deletes
    /// a word, Enter submits, Escape cancels.
    mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard text.count < maxLength else { return .edited }
            text.append(character)
            return .edited
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            return .edited
        case .control("u"):
            text = ""
            return .edited
        case .control("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " && last != "/" { text.removeLast() }
            return .edited
        case .enter:
            return .submitted
        case .escape:
            return .cancelled
        default:
            return .ignored
        }
    }
}
