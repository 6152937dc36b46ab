/// The `Y` menu: things to copy about one history entry.
struct CopyMenu: Sendable, Equatable {
    var options: [ClipboardText]
    var highlighted = 0
}

/// Text to put on the clipboard, and what to call it in the status line.
struct ClipboardText: Sendable, Equatable {
    /// What this is, e.g. `ID`, `self link`, `entry as JSON`.
    var label: String
    var text: String
}
