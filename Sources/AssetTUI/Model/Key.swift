/// A key press, as the terminal reports it and `update` reads it.
enum Key: Sendable, Equatable, Hashable {
    /// A printable character (letters, digits, punctuation, any script).
    case character(Character)
    /// Ctrl plus a letter, given as the lowercase letter (`control("u")` is Ctrl-U).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, backspace, delete, tab, backTab, escape
    case function(Int)
    /// Text pasted while the terminal brackets pastes: typed into a field as it is, never
    /// taken for keys (a newline in it would submit a field, and what follows act on a pane).
    case paste(String)
}

extension Key {
    /// The key for a typed Unicode scalar: controls become their named keys or `control`.
    init?(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 8, 127: self = .backspace
        case 27: self = .escape
        case 1...26: self = .control(Character(Unicode.Scalar(scalar.value + 96)!))
        case 0, 28...31, 0x80...0x9F: return nil
        default: self = .character(Character(scalar))
        }
    }
}
