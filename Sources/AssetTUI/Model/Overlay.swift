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
