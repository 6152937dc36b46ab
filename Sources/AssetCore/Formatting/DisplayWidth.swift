/// How many terminal columns text takes.
///
/// Each code point with a width starts a cell of its own (2 columns for wide CJK and emoji, 1
/// otherwise), and the zero-width code points after it (combining marks, a virama) ride along,
/// the way ncursesw stores a base character with its combining marks and terminals lay text
/// out by `wcwidth`. So a grapheme cluster of several such code points takes their sum: a
/// Devanagari conjunct (`स्ते`, 2), emoji joined by ZWJ (`👩‍👧`, 4, drawn side by side without
/// the joiner). A flag is one piece, its two letters (see `flagLetters`); a skin tone after its
/// emoji is left out (see `isSkinTone`).
/// A lone code point with no width (a combining mark, a zero-width space) is 0 wide: the
/// canvas attaches it to the cell before it.
/// Control characters never reach the screen (the canvas replaces them), so they count 1,
/// the width of the replacement character.
public enum DisplayWidth {
    /// The columns one code point takes: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }  // ASCII and Latin-1: never wide, never combining.
        if contains(WidthTable.zero, value) { return 0 }
        if contains(WidthTable.wide, value) { return 2 }
        return 1
    }

    /// The columns one grapheme cluster takes: the sum of its code points' widths (a flag: 2,
    /// its two letters, see `flagLetters`).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // (Asked of every character drawn: nearly all are one code point.)
        if scalars.count == 1 { return of(first) }
        if flagLetters(character) != nil { return 2 }
        return scalars.dropFirst().reduce(of(first)) { $0 + (isSkinTone($1) ? 0 : of($1)) }
    }

    /// An emoji skin tone (U+1F3FB–U+1F3FF). After its emoji it is left out: terminals that
    /// join the two (by adjacency, no joiner needed) would draw the rest of the row two columns off.
    private static func isSkinTone(_ scalar: Unicode.Scalar) -> Bool { (0x1F3FB...0x1F3FF).contains(scalar.value) }

    /// The pieces a cluster is drawn in, one cell each: every code point with a width starts
    /// one, and the zero-width ones after it ride along (but a joiner, U+200D, and the emoji
    /// presentation selector, U+FE0F: sent beside a cell's character they make terminals join
    /// it with the next cell's, and the row is drawn a column off; and a skin tone). Empty for a
    /// cluster of only zero-width code points; a flag is not split (`flagLetters`).
    public static func pieces(_ character: Character) -> [String] {
        var pieces: [String] = []
        for scalar in character.unicodeScalars {
            if !pieces.isEmpty, isSkinTone(scalar) { continue }
            if of(scalar) > 0 {
                pieces.append(String(scalar))
            } else if !pieces.isEmpty, scalar != "\u{200D}", scalar != "\u{FE0F}" {
                pieces[pieces.count - 1].unicodeScalars.append(scalar)
            }
        }
        return pieces
    }

    /// The two letters of a flag (a pair of regional indicators, 🇯🇵 → `J`, `P`), which the
    /// canvas draws in its place: a cell holds one wide character, and with only the first
    /// half drawn 🇯🇵 and 🇯🇲 looked the same (terminals draw a flag either way besides).
    public static func flagLetters(_ character: Character) -> (Character, Character)? {
        let scalars = character.unicodeScalars
        // (Asked of every character drawn: most are rejected by their first scalar.)
        guard let first = scalars.first, (0x1F1E6...0x1F1FF).contains(first.value), scalars.count == 2 else { return nil }
        let letters = scalars.compactMap { scalar -> Character? in
            guard (0x1F1E6...0x1F1FF).contains(scalar.value) else { return nil }
            return Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(scalar.value - 0x1F1E6)))
        }
        return letters.count == 2 ? (letters[0], letters[1]) : nil
    }

    /// The columns a string takes when drawn on the canvas.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Binary search of sorted, non-overlapping ranges.
    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
