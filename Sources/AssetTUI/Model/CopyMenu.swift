import AssetInspection

/// The `Y` menu: things to copy about one history entry.
struct CopyMenu: Sendable, Equatable {
    var options: [ClipboardText]
    var highlighted = 0
}

/// Text to put on the clipboard, and what to call it in the status line.
struct ClipboardText: Sendable, Equatable {
    /// What this is, e.g. `ID`, `self link`, `entry as JSON`.
    var label: String
    /// The text, control characters replaced line by line: an ID from a hostile server or a
    /// hand-edited history must not carry an escape sequence into the terminal it is pasted in.
    /// JSON (`isJSON`) keeps its meaning instead: those left raw in its strings are escaped
    /// (`\u202E`), as `--json` prints them.
    var text: String

    init(label: String, text: String, isJSON: Bool = false) {
        self.label = label
        self.text = isJSON ? SafeText.escapingTerminalControls(text)
            : text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.sanitize($0) }.joined(separator: "\n")
    }
}
