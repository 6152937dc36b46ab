/// A box drawn over the panes that takes the keys until it closes.
enum Overlay: Sendable, Equatable {
    /// Every key, grouped by pane; scrolls when the terminal is short. `over` is the dialog F1
    /// opened it over, which closing it brings back.
    indirect case help(scrollTop: Int, over: Overlay? = nil)
    /// Choosing the imageType for an image upload.
    case imageTypePicker(ImageTypePicker)
    /// Uploading the marked files: each one's imageType, artifact or why it is skipped.
    case batchUpload(BatchUpload)
    /// Typing the URL Marketplace should fetch an artifact from.
    case urlPrompt(TextField)
    /// Choosing what to copy about a history entry (`Y`).
    case copyMenu(CopyMenu)
    /// Asking before quitting while uploads run; `over` is the dialog it was asked over (`q`
    /// in a terminal too small for the dialog), which staying brings back.
    indirect case confirmQuit(over: Overlay?)
    /// Asking before `d` takes entries out of the local history.
    case confirmRemoval(HistoryRemoval)
    /// Signing in (`L`): the email, the token and the server, checked and stored as `login` does.
    case signIn(SignInForm)

    /// Which overlay this is, without its contents: the key table's scope.
    var kind: OverlayKind {
        switch self {
        case .help: .help
        case .imageTypePicker: .imageTypePicker
        case .batchUpload: .batchUpload
        case .urlPrompt: .urlPrompt
        case .copyMenu: .copyMenu
        case .confirmQuit: .confirmQuit
        case .confirmRemoval: .confirmRemoval
        case .signIn(let form):
            if case .askingPlainText = form.phase { .signInPlainText } else { .signIn }
        }
    }
}

/// The kinds of overlay, each a scope of the key table.
enum OverlayKind: Sendable, Hashable, CaseIterable {
    case help, imageTypePicker, batchUpload, urlPrompt, copyMenu, confirmQuit, confirmRemoval
    /// The sign-in form; and its question whether the token may go to the config file.
    case signIn, signInPlainText
}
