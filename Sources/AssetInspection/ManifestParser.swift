/// Parses a JAR manifest (`META-INF/MANIFEST.MF`) into its main attributes.
///
/// The format: `Name: value` lines, each at most 72 bytes, a longer value continued on
/// lines that start with one space; sections separated by blank lines. Only the main
/// section (up to the first blank line) describes the whole jar, so only it is read.
/// Lines may end in CR LF, LF or CR. Lines without a colon are skipped.
public enum ManifestParser {
    /// The main attributes of the manifest in `bytes`. The first of repeated names wins.
    public static func mainAttributes(of bytes: some Collection<UInt8>) -> [String: String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var attributes: [String: String] = [:]
        var pending: (name: String, value: String)?

        func finishPending() {
            guard let (name, value) = pending else { return }
            let safeName = SafeText.oneLine(name, maxLength: 256)
            if !safeName.isEmpty, attributes[safeName] == nil {
                attributes[safeName] = SafeText.oneLine(value, maxLength: 16_384)
            }
            pending = nil
        }

        for line in lines(of: text) {
            if line.isEmpty { break }  // End of the main section.
            if line.hasPrefix(" ") {
                pending?.value += line.dropFirst()
                continue
            }
            finishPending()
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingWhitespace()
            var value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
            pending = (String(name), String(value))
        }
        finishPending()
        return attributes
    }

    /// The lines of `text`, split at CR LF, LF or CR.
    private static func lines(of text: String) -> [Substring] {
        // Splitting on Character treats "\r\n" as one grapheme, so all three endings split once.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    }
}

extension Substring {
    /// This text without spaces and tabs at either end.
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
