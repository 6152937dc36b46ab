import Foundation

/// How the panes match and sort names: as people read them, the way `ls -v`, lf and ranger
/// sort and fzf matches.
enum NameOrder {
    /// `text` for matching and sorting: lower case, accents and ligatures folded
    /// ("Émoji.PNG" → "emoji.png", "ﬁle" → "file"), so that a filter typed without them finds
    /// the name, and `é` sorts beside `e` rather than after `z`. As the screen shows it, too:
    /// without invisible format characters (a zero-width space, a joiner, a byte order mark),
    /// and a flag as its two letters (🇯🇵 as `jp`).
    static func folded(_ text: String) -> String {
        // Most names are ASCII, and folding goes through Foundation (~1 µs a name).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
        guard folded.unicodeScalars.contains(where: { $0.properties.generalCategory == .format || regionalIndicators.contains($0.value) }) else {
            return folded
        }
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where scalar.properties.generalCategory != .format {
            let letter = regionalIndicators.contains(scalar.value) ? Unicode.Scalar(scalar.value - regionalIndicators.lowerBound + 0x61) : nil
            scalars.append(letter ?? scalar)
        }
        return String(scalars)
    }

    /// The folded words of a filter, each matched on its own (`icon png`), split once for a
    /// whole list: split again for each row, a paste of 16,000 characters into a folder of
    /// 20,000 files held the screen 16 s.
    static func words(_ filter: String) -> [Substring] { folded(filter).split(separator: " ") }

    /// Compares two folded names (see `folded`), runs of digits by their value, so that
    /// `app-1.9.jar` comes before `app-1.10.jar` and `shot-2.png` before `shot-10.png`:
    /// negative when `a` comes first, 0 when they are equal so (`01` and `1` are), positive otherwise.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        while i < x.count, j < y.count {
            guard isDigit(x[i]), isDigit(y[j]) else {
                if x[i] != y[j] { return Int(x[i]) - Int(y[j]) }
                i += 1
                j += 1
                continue
            }
            // Two numbers: without their leading zeros, the longer is the larger, and of two
            // as long the first digit that differs decides.
            let (xStart, xEnd) = number(in: x, from: i), (yStart, yEnd) = number(in: y, from: j)
            if xEnd - xStart != yEnd - yStart { return (xEnd - xStart) - (yEnd - yStart) }
            for (p, q) in zip(xStart..<xEnd, yStart..<yEnd) where x[p] != y[q] { return Int(x[p]) - Int(y[q]) }
            (i, j) = (xEnd, yEnd)
        }
        return (x.count - i) - (y.count - j)
    }

    /// The significant digits of the number that starts at `start`, and where it ends.
    private static func number(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (start: Int, end: Int) {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        var first = start
        while first < end - 1, bytes[first] == UInt8(ascii: "0") { first += 1 }
        return (first, end)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
