import Foundation

/// A box drawn over the panes that takes the keys until it closes.
enum Overlay: Sendable, Equatable {
    /// Every key, grouped by pane; scrolls when the terminal is short.
    case help(scrollTop: Int)
    /// Choosing the imageType for an image upload.
    case imageTypePicker(ImageTypePicker)
    /// Typing the URL Marketplace should fetch an artifact from.
    case urlPrompt(TextField)
    /// Choosing what to copy about a history entry (`Y`).
    case copyMenu(CopyMenu)
    /// Asking before quitting while uploads run.
    case confirmQuit
}

/// The imageType picker: suggestions to choose from, or free text.
struct ImageTypePicker: Sendable, Equatable {
    var path: String
    var fileName: String
    var choices: [ImageTypeChoice]
    /// The highlighted suggestion.
    var highlighted: Int
    /// Free text; when not empty, Enter uploads with it instead of the highlighted suggestion.
    var custom = TextField(maxLength: 64)
    /// The size warnings of the image for each imageType (from its preview), when known.
    var warnings: [String: String]

    /// The imageType Enter would upload with.
    var chosenImageType: String? {
        let typed = custom.text.trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty { return typed }
        return choices.indices.contains(highlighted) ? choices[highlighted].name : nil
    }
}

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
