/// How many terminal columns text takes.
///
/// A grapheme cluster (a Swift `Character`) is drawn as one cell: its first code point
/// decides the width (2 for wide CJK and emoji, 1 otherwise) and the code points after it
/// ride along, the way ncursesw stores a base character with its combining marks.
/// A cluster whose first code point has no width (a lone combining mark, a zero-width
/// space) is 0 wide: the canvas attaches it to the cell before it.
/// Control characters never reach the screen (the canvas replaces them), so they count 1,
/// the width of the replacement character.
enum DisplayWidth {
    /// The columns one code point takes: 0, 1 or 2.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }  // ASCII and Latin-1: never wide, never combining.
        if contains(WidthTable.zero, value) { return 0 }
        if contains(WidthTable.wide, value) { return 2 }
        return 1
    }

    /// The columns one grapheme cluster takes: the width of its first code point.
    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// The columns a string takes when drawn on the canvas.
    static func of(_ text: some StringProtocol) -> Int {
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
