/// A one-line text input (a filter, a URL, a custom imageType), edited as in readline: a caret
/// that ← → (Ctrl-B, Ctrl-F), Home End (Ctrl-A, Ctrl-E) move, text typed or deleted at it.
struct TextField: Sendable, Equatable {
    /// What editing a field did with a key.
    enum Outcome: Equatable {
        case edited
        case submitted
        case cancelled
        /// The key means nothing to a text field (↑ ↓, Tab): the caller may use it.
        case ignored
    }

    private(set) var text: String
    /// The most characters the field takes (a pasted 10,000-character URL is kept whole).
    var maxLength: Int
    /// `text.count`, kept as the text changes (counting a long pasted text at every key would
    /// make a paste quadratic); a combining mark typed alone counts one more than it adds.
    private var count: Int
    /// How many characters stand before the caret; `count` when it is at the end, where a
    /// field starts and where typing mostly happens (appending stays linear for a paste).
    private(set) var caret: Int

    init(text: String = "", maxLength: Int = 16_384) {
        self.text = text
        self.maxLength = maxLength
        count = text.count
        caret = count
    }

    /// The text before the caret (to place the terminal's cursor after it).
    var textBeforeCaret: Substring { text.prefix(caret) }

    /// Applies a key: characters go in at the caret, Backspace and Delete remove the one before
    /// and after it, Ctrl-U removes all before it, Ctrl-W the word before it, the arrows and
    /// Home/End move it, Enter submits, Escape cancels.
    mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard count < maxLength else { return .edited }
            if caret == count {
                text.append(character)
            } else {
                text.insert(character, at: index(caret))
            }
            count += 1
            caret += 1
        case .backspace:
            guard caret > 0 else { break }
            if caret == count { text.removeLast() } else { text.remove(at: index(caret - 1)) }
            (count, caret) = (count - 1, caret - 1)
        case .delete, .control("d"):
            guard caret < count else { break }
            text.remove(at: index(caret))
            count -= 1
        case .control("u"):
            text.removeSubrange(..<index(caret))
            count -= caret
            caret = 0
        case .control("w"):
            var start = caret
            let characters = Array(text.prefix(caret))
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " ", characters[start - 1] != "/" { start -= 1 }
            text.removeSubrange(index(start)..<index(caret))
            count -= caret - start
            caret = start
        case .left, .control("b"):
            caret = max(0, caret - 1)
        case .right, .control("f"):
            caret = min(count, caret + 1)
        case .home, .control("a"):
            caret = 0
        case .end, .control("e"):
            caret = count
        case .enter:
            return .submitted
        case .escape:
            return .cancelled
        default:
            return .ignored
        }
        return .edited
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
    }
}
