import AssetInspection

/// Client-supplied names made harmless.
///
/// Stored files are named by their ID, never by the client's name; the client's name is
/// only echoed back (`name`, `logicalFileName`). Even so it is cut to its last path
/// component and cleaned of control characters, so `../../etc/passwd` comes back as
/// `passwd` and nothing a client sends can move a file or drive a terminal.
enum SafeName {
    /// Longest name kept, in UTF-8 bytes (the usual file system limit).
    static let maxBytes = 255

    /// The last path component of `raw` (after `/` or `\`), without control characters,
    /// bidi overrides or surrounding spaces, at most `maxBytes` long; `fallback` when
    /// nothing usable is left (empty, `.`, `..`).
    static func fileName(_ raw: String?, fallback: String) -> String {
        guard let raw else { return fallback }
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars where SafeText.isSafe(String(scalar)) {
            cleaned.append(scalar)
        }
        var name = String(cleaned).trimmingSpaces()
        if name.utf8.count > maxBytes {
            var cut = ""
            for character in name {
                if cut.utf8.count + character.utf8.count > maxBytes { break }
                cut.append(character)
            }
            name = cut
        }
        if name.isEmpty || name == "." || name == ".." {
            return fallback
        }
        return name
    }

    /// Outside text quoted in an error message: one line, safe, short.
    static func forMessage(_ text: some StringProtocol) -> String {
        "\"" + SafeText.oneLine(text, maxLength: 80) + "\""
    }
}
