/// One column of the screen.
///
/// A wide grapheme (CJK, emoji) occupies its own cell, `width == 2`, and the cell to its
/// right, which is a continuation (`width == 0`, empty `text`) that is never drawn itself.
struct Cell: Sendable, Equatable {
    /// The grapheme cluster drawn here, combining marks included; empty for a continuation.
    var text: String
    /// 1 for a normal cell, 2 for a wide one, 0 for the right half of a wide one.
    var width: UInt8
    var style: CellStyle

    static let blank = Cell(text: " ", width: 1, style: .plain)

    static func blank(_ style: CellStyle) -> Cell { Cell(text: " ", width: 1, style: style) }

    /// The right half of a wide cell.
    static func continuation(_ style: CellStyle) -> Cell { Cell(text: "", width: 0, style: style) }

    var isContinuation: Bool { width == 0 }

    /// Not only `String`'s canonical equality: a cell of `é` spelt otherwise (NFC, NFD: another
    /// length) is another to draw, or a row kept the name of a file listed there before.
    /// (Compared so, not byte by byte: `==` runs for every cell of every frame, and a generic
    /// `elementsEqual` made a frame of a debug build 10 ms slower.)
    static func == (lhs: Cell, rhs: Cell) -> Bool {
        lhs.width == rhs.width && lhs.style == rhs.style && lhs.text == rhs.text && lhs.text.utf8.count == rhs.text.utf8.count
    }
}
