/// Makes outside text (file names, server messages, URLs) safe to show on a terminal.
///
/// Every C0 and C1 control character, DEL, and the Unicode bidirectional overrides are
/// replaced, so that a name holding an escape sequence (an OSC title change, a cursor move)
/// is shown as text and never acted on. Invalid UTF-8 becomes U+FFFD.
public enum SafeText {
    /// `json` with DEL, C1 controls, the line and paragraph separators and bidi controls written
    /// as `\uXXXX` escapes (the encoders already escape the C0 controls): JSON that means the
    /// same, safe on a terminal (what `isUnsafe` names, but the C0 controls between its strings).
    public static func escapingTerminalControls(_ json: String) -> String {
        func leftRaw(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        guard json.unicodeScalars.contains(where: leftRaw) else { return json }
        var result = String()
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if leftRaw(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` as one shell word, for a command this tool prints: as it is when it holds only
    /// characters no shell treats apart (a leading `~/` is the home folder to the shell as to
    /// this tool), else in single quotes. Unlike the rest of `SafeText` it keeps control
    /// characters as they are (the command must name the path as it is).
    public static func shellWord(_ text: String) -> String {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./~:@%+=,-".contains($0)) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The character shown in place of a control character.
    public static let replacement: Character = "\u{FFFD}"

    /// `text` with every control character replaced, cut to `maxLength` characters
    /// (the cut marked with `…`) when a limit is given.
    public static func sanitize(_ text: some StringProtocol, maxLength: Int? = nil) -> String {
        var result = String()
        result.reserveCapacity(text.utf8.count)
        var count = 0
        for scalar in text.unicodeScalars {
            if let maxLength, count >= maxLength {
                result.append("…")
                break
            }
            if isUnsafe(scalar) {
                result.append(replacement)
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    /// Bytes of unknown encoding (a file name from the file system, a server's body) as safe text.
    public static func sanitize(bytes: some Collection<UInt8>, maxLength: Int? = nil) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), maxLength: maxLength)
    }

    /// One line of safe text: like `sanitize`, but runs of white space (newlines included)
    /// become one space and the ends are trimmed, for one-line messages. A carriage return is
    /// white space before a line feed (CRLF); alone, it is shown as `replacement`, as other
    /// control characters are: a value read from a CRLF file keeps one at its end (`x.jar\r`),
    /// which must not look like the name it is not.
    public static func oneLine(_ text: some StringProtocol, maxLength: Int? = nil) -> String {
        var collapsed = String()
        var pendingSpace = false
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" && next == "\n" {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(" ")
                pendingSpace = false
            }
            collapsed.unicodeScalars.append(scalar)
        }
        return sanitize(collapsed, maxLength: maxLength)
    }

    /// An error as one line of safe text: its `description`, which every error type of this
    /// package makes its message.
    public static func errorLine(_ error: any Error, maxLength: Int? = nil) -> String {
        let line = oneLine(String(describing: error), maxLength: maxLength)
        return line.isEmpty ? "Unknown error" : line
    }

    /// Whether `text` holds nothing that `sanitize` would replace.
    public static func isSafe(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains(where: isUnsafe)
    }

    /// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidi
    /// embedding/override/isolate controls.
    @inline(__always)
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
