/// A one-line text input (a filter, a URL, a custom imageType), edited as in readline: a caret
/// that ← → (Ctrl-B, Ctrl-F), Home End (Ctrl-A, Ctrl-E) move, text typed or deleted at it.
struct TextField: Sendable, Equatable {
    /// What editing a field did with a key.
    enum Outcome: Equatable {
        case edited
        /// Edited, but what was typed or pasted did not all fit in `maxLength`: the rest was left out.
        case cut
        case submitted
        case cancelled
        /// The key means nothing to a text field (↑ ↓, Tab): the caller may use it.
        case ignored
    }

    private(set) var text: String
    /// The most characters the field takes (a pasted 10,000-character URL is kept whole).
    var maxLength: Int
    /// `text.count`, kept as characters are typed at the end (counting a long pasted text at
    /// every key would make a paste quadratic), counted again after any other edit.
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

    /// What the status line says after `.cut`.
    var cutNotice: String { "This field holds \(maxLength) characters at most: the rest of what was typed or pasted was left out" }

    /// Applies a key: characters go in at the caret, Backspace and Delete remove the one before
    /// and after it, Ctrl-U removes all before it, Ctrl-W the word before it, the arrows and
    /// Home/End move it, Enter submits, Escape cancels.
    mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard count < maxLength else { return .cut }
            if caret == count {
                text.append(character)
                // A combining mark or a flag's second half joins the character before it.
                if text.last == character { count += 1 }
                caret = count
            } else {
                insertAtCaret(String(character))
            }
        case .backspace:
            guard caret > 0, !text.isEmpty else { break }
            if caret == count {
                text.removeLast()  // nothing before the last character joins anew
                count -= 1
                caret = count
            } else {
                text.remove(at: index(caret - 1))
                recount(caretAfter: caret - 1)
            }
        case .delete, .control("d"):
            guard caret < count, index(caret) < text.endIndex else { break }
            text.remove(at: index(caret))
            recount(caretAfter: caret)
        case .control("u"):
            text.removeSubrange(..<index(caret))
            recount(caretAfter: 0)
        case .control("k"):
            text.removeSubrange(index(caret)...)
            recount(caretAfter: caret)
        case .control("w"):
            let characters = Array(text.prefix(caret))
            var start = characters.count
            // Readline's unix-filename-rubout: spaces and slashes before the caret, then the word
            // before them (`https://a.example/one/two/` loses `two/`, then `one/`, …).
            while start > 0, characters[start - 1] == " " || characters[start - 1] == "/" { start -= 1 }
            while start > 0, characters[start - 1] != " ", characters[start - 1] != "/" { start -= 1 }
            text.removeSubrange(index(start)..<index(characters.count))
            recount(caretAfter: start)
        case .left, .control("b"):
            caret = max(0, caret - 1)
        case .right, .control("f"):
            caret = min(count, caret + 1)
        case .home, .control("a"):
            caret = 0
        case .end, .control("e"):
            caret = count
        case .paste(let pasted):
            // One line, as typed: line breaks and tabs are spaces, other controls dropped, and
            // the blank ends of a copied line (its newline) trimmed.
            let line = String(String.UnicodeScalarView(pasted.unicodeScalars.compactMap { scalar in
                scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar.properties.generalCategory == .control ? nil : scalar
            })).trimmingCharacters(in: .whitespaces)
            let kept = line.prefix(max(maxLength - count, 0))  // (a prefilled text may be longer already)
            insertAtCaret(kept)
            if kept.count < line.count { return .cut }
        case .enter:
            return .submitted
        case .escape:
            return .cancelled
        default:
            return .ignored
        }
        return .edited
    }

    /// Inserts `inserted` at the caret and puts the caret just after it, counting the characters
    /// the text then has before it: a combining mark typed after `e` joins it, one character
    /// (`caret + 1` would land after the next one, and Backspace then remove that).
    private mutating func insertAtCaret(_ inserted: some StringProtocol) {
        let start = index(caret)
        let end = text.utf8.distance(from: text.startIndex, to: start) + inserted.utf8.count
        text.insert(contentsOf: inserted, at: start)
        // Inside a character (an `e` typed before a lone combining mark joins it): after that character.
        let after = text.utf8.index(text.startIndex, offsetBy: end)
        recount(caretAfter: text.distance(from: text.startIndex, to: after) + (after.samePosition(in: text) == nil ? 1 : 0))
    }

    /// After an edit that is not typing at the end: the count taken again (characters on both
    /// sides of a removed one may join), the caret put at `offset`, within the text.
    private mutating func recount(caretAfter offset: Int) {
        count = text.count
        caret = min(max(0, offset), count)
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
    }
}
