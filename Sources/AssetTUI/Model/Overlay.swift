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

    /// Which overlay this is, without its contents: the key table's scope.
    var kind: OverlayKind {
        switch self {
        case .help: .help
        case .imageTypePicker: .imageTypePicker
        case .urlPrompt: .urlPrompt
        case .copyMenu: .copyMenu
        case .confirmQuit: .confirmQuit
        }
    }
}

/// The kinds of overlay, each a scope of the key table.
enum OverlayKind: Sendable, Hashable, CaseIterable {
    case help, imageTypePicker, urlPrompt, copyMenu, confirmQuit
}
