/// How many terminal columns text takes.
///
/// A grapheme cluster (a Swift `Character`) is drawn as one cell: its first code point
/// decides the width (2 for wide CJK and emoji, 1 otherwise) and the code points after it
/// ride along, the way ncursesw stores a base character with its combining marks.
/// A cluster whose first code point has no width (a lone combining mark, a zero-width
/// space) is 0 wide: the canvas attaches it to the cell before it.
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

    /// The columns one grapheme cluster takes: the width of its first code point; a flag's, 2
    /// (it is drawn as its two letters, see `flagLetters`).
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return flagLetters(character) == nil ? of(first) : 2
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
