/// Cutting, padding and wrapping text by display width (columns), not by characters.
public enum TextLayout {
    public static let ellipsis = "…"

    /// `text` cut to at most `width` columns, ending in `…` when cut.
    public static func truncate(_ text: some StringProtocol, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return String(text) }
        var result = String()
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` cut from the front to at most `width` columns, starting with `…` when cut
    /// (for paths, whose end matters most).
    public static func truncateLeading(_ text: some StringProtocol, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return String(text) }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 { break }
            kept.append(character)
            used += columns
        }
        return ellipsis + String(kept.reversed())
    }

    /// A file name cut in the middle to at most `width` columns, so that names alike but for
    /// their version or extension stay apart, as nnn and lf cut them: its start, `…`, and all
    /// of it from its first digit on when that fits (`plug…1.0.0.jar`, `plug…2.0.0.jar`),
    /// else its last three fifths (`big-pl…0.1.jar`).
    public static func truncateMiddle(_ text: some StringProtocol, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return String(text) }
        guard width >= 8 else { return truncate(text, toWidth: width) }
        if let digit = text.firstIndex(where: { $0.isASCII && $0.isWholeNumber }), digit > text.startIndex {
            let fromDigit = text[digit...]
            let headWidth = width - 1 - DisplayWidth.of(fromDigit)
            if headWidth >= 1 { return truncate(text[..<digit], toWidth: headWidth + 1) + fromDigit }
        }
        let tailWidth = (width - 1) * 3 / 5
        let tail = String(truncateLeading(text, toWidth: tailWidth + 1).dropFirst())
        return truncate(text, toWidth: width - DisplayWidth.of(tail)) + tail
    }

    /// `text` made to fit `width` columns, where it can, by cutting in the middle its words
    /// (between spaces) wider than `longestKept` columns: each to `wordWidth` at most, then the
    /// widest first by no more than needed, to 24 columns at least, then 12; then, `namesToo` and
    /// ending in an ID, any path, URL or file name before it, to 8, then 3. A long path, URL or file
    /// name then leaves room for what follows it (an error's reason, or an ID no longer than
    /// `longestKept`, kept whole), which a cut at the end would lose. A path or URL keeps its
    /// start and end (`/home/ann/…/config.json`), a file name its version (`truncateMiddle`).
    public static func shorteningLongWords(_ text: String, toWidth width: Int, wordWidth: Int, longestKept: Int = 40, namesToo: Bool = false) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let original = words.map { DisplayWidth.of($0) }
        let long = words.indices.filter { original[$0] > longestKept }
        var widths = original
        for index in long { widths[index] = min(original[index], max(wordWidth, longestKept)) }
        var excess = widths.reduce(words.count - 1, +) - width
        /// Cuts the words at `indices`, the widest first, by no more than needed, to each of `floors` in turn.
        func shorten(_ indices: [Int], to floors: [Int]) {
            for floor in floors {
                for index in indices.sorted(by: { widths[$0] > widths[$1] }) where excess > 0 {
                    let cut = min(excess, max(0, widths[index] - floor))
                    widths[index] -= cut
                    excess -= cut
                }
            }
        }
        // To 24 columns first (a path stays readable), to 12 where an ID would be cut otherwise.
        shorten(long, to: [24, 12])
        // Still too wide (a narrow screen) and ending in an ID (8 columns or more, with a figure,
        // and no name: no `/` or `.`): the file names, paths and URLs before it too, whatever
        // their width, to 8 columns, then to 3.
        func isName(_ word: String) -> Bool { word.contains("/") || word.dropLast().contains(".") }
        let endsInID = words.last.map { DisplayWidth.of($0) >= 8 && $0.contains(where: \.isNumber) && !isName($0) } == true
        if namesToo && endsInID { shorten(words.indices.dropLast().filter { isName(words[$0]) }, to: [8, 3]) }
        for index in words.indices where widths[index] < original[index] {
            let word = words[index], target = widths[index]
            if word.contains("/") {
                var head = target * 2 / 5
                // A URL keeps its host whole (`https://example.com/…2.2.0.jar`) where 8 columns are left for its end.
                if let scheme = word.range(of: "://"), let slash = word[scheme.upperBound...].firstIndex(of: "/"),
                   case let hostWidth = DisplayWidth.of(word[...slash]), hostWidth <= target - 9 {
                    head = max(head, hostWidth)
                }
                // Its last part (an artifact's ID, a file's name) whole rather than the host, where 8 columns are left for its start.
                let lastWidth = DisplayWidth.of(word[(word.lastIndex(of: "/") ?? word.startIndex)...])
                if target - head - 1 < lastWidth, lastWidth <= target - 10 { head = target - lastWidth - 1 }
                words[index] = truncate(word, toWidth: head + 1) + truncateLeading(word, toWidth: target - head).dropFirst()
            } else {
                words[index] = truncateMiddle(word, toWidth: target)
            }
        }
        return words.joined(separator: " ")
    }

    /// `text` cut in the middle to at most `width` columns, keeping what follows its first
    /// `offset` characters (`acme-…server-2.3.1.jar`, for a name that must not read as
    /// `acme-timesheets-dc-2.3.1.jar` cut): whole where that fits, else its start and version.
    public static func truncateMiddle(_ text: String, toWidth width: Int, keepingFrom offset: Int) -> String {
        let start = text.index(text.startIndex, offsetBy: min(max(offset, 0), text.count))
        guard start > text.startIndex, width >= 8 else { return truncateMiddle(text, toWidth: width) }
        let kept = text[start...]
        let headWidth = width - DisplayWidth.of(kept)
        if headWidth >= 1 { return truncate(text[..<start], toWidth: headWidth) + kept }
        return "…" + truncateMiddle(kept, toWidth: width - 1)
    }

    /// `text` cut to at most `width` columns keeping its last sentence whole when that sentence
    /// holds a figure (or always, `anyLastSentence`): a retry time or a limit ("Retry in 24 h."),
    /// or an error's advice, is what a cut must not lose; the start loses its asides in
    /// parentheses first, then its end (`…`). Otherwise (no such sentence, or fewer than 10
    /// columns left for the start) the start matters most: plain `truncate`. Where no sentence
    /// ends before the last, its last clause after a `;` is kept so ("…; start it with --allow-private-fetch to allow that.").
    public static func truncateKeepingLastSentence(_ text: some StringProtocol, toWidth width: Int, anyLastSentence: Bool = false) -> String {
        if DisplayWidth.of(text) <= width { return String(text) }
        let string = String(text)
        guard let cut = string.range(of: ". ", options: .backwards) ?? string.range(of: "; ", options: .backwards) else { return truncate(string, toWidth: width) }
        let last = string[cut.upperBound...]
        let lastWidth = DisplayWidth.of(last)
        guard anyLastSentence || last.contains(where: \.isNumber), lastWidth + 12 <= width else { return truncate(string, toWidth: width) }
        // The start without its asides in parentheses ("(HTTP 429 Too Many Requests)") first,
        // so that the server's words before the last sentence stay too.
        // (An aside that opened the text leaves the punctuation after it: `(HTTP 400): The…`.)
        // (Its leading spaces stay: a status line's margin.)
        let margin = string.prefix { $0 == " " }
        let start = margin + string[margin.endIndex..<cut.lowerBound].replacingOccurrences(of: #"\s*\([^()]*\)"#, with: "", options: .regularExpression)
            .drop { " :;,".contains($0) } + string[cut].prefix(1)
        return truncate(start, toWidth: width - lastWidth - 1) + " " + last
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    public static func pad(_ text: some StringProtocol, toWidth width: Int) -> String {
        let cut = truncate(text, toWidth: width)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// `text` right-aligned in exactly `width` columns (cut when too long).
    public static func padLeading(_ text: some StringProtocol, toWidth width: Int) -> String {
        let cut = truncate(text, toWidth: width)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// `text` broken into lines of at most `width` columns, at spaces where it can, anywhere when
    /// a word is longer than a line (a checksum, a path). With `afterSlashes`, such a word breaks
    /// after its last `/` that leaves the line at least half full (a link a person copies a line
    /// at a time, as the sign-in form shows the token page's): it may take a line more.
    public static func wrap(_ text: some StringProtocol, toWidth width: Int, afterSlashes: Bool = false) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = String()
        var lineWidth = 0
        var lastSpace: String.Index?
        var afterLastSlash: String.Index?
        for character in text {
            if character == "\n" {
                lines.append(line)
                line = ""
                lineWidth = 0
                lastSpace = nil
                afterLastSlash = nil
                continue
            }
            let columns = DisplayWidth.of(character)
            if lineWidth + columns > width {
                if let space = lastSpace, character != " " {
                    let head = String(line[..<space])
                    let tail = String(line[line.index(after: space)...])
                    lines.append(head)
                    line = tail
                    lineWidth = DisplayWidth.of(tail)
                } else if let slash = afterLastSlash, slash < line.endIndex, character != " ", DisplayWidth.of(line[..<slash]) >= width / 2 {
                    lines.append(String(line[..<slash]))
                    line = String(line[slash...])
                    lineWidth = DisplayWidth.of(line)
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                if lineWidth + columns > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                lastSpace = nil
                afterLastSlash = afterSlashes ? line.lastIndex(of: "/").map(line.index(after:)) : nil
                if character == " " && line.isEmpty { continue }
            }
            if character == " " { lastSpace = line.endIndex }
            line.append(character)
            lineWidth += columns
            if afterSlashes, character == "/" { afterLastSlash = line.endIndex }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` wrapped as `wrap` does, in at most `maxRows` lines: cut short, the last line ends
    /// in `…`, so that a note cut by the room left never reads as whole.
    public static func wrap(_ text: some StringProtocol, toWidth width: Int, maxRows: Int) -> [String] {
        var lines = wrap(text, toWidth: width)
        guard lines.count > maxRows else { return lines }
        lines.removeSubrange(max(0, maxRows)...)
        if let last = lines.indices.last { lines[last] = truncate(lines[last] + " " + ellipsis, toWidth: width) }
        return lines
    }

    /// Like `wrap`, but the first line has `firstWidth` columns and the others `restWidth`.
    public static func wrap(_ text: some StringProtocol, firstWidth: Int, restWidth: Int) -> [String] {
        let firstLines = wrap(text, toWidth: firstWidth)
        guard firstLines.count > 1, firstWidth != restWidth, let first = firstLines.first else { return firstLines }
        var rest = Substring(text).dropFirst(first.count)
        while rest.first == " " { rest = rest.dropFirst() }
        return [first] + wrap(rest, toWidth: restWidth)
    }
}
