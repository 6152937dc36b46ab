/// What the Details pane is about: the pane the user last worked in.
enum DetailsSubject: Sendable, Equatable {
    /// The file selected in Files (a preview before upload).
    case file
    /// The job selected in Upload.
    case upload
    /// The entry selected in History.
    case history

    /// The pane it is selected in: where `Esc` in Details goes back to.
    var pane: Pane {
        switch self {
        case .file: .files
        case .upload: .upload
        case .history: .history
        }
    }
}
