/// What the Details pane is about: the pane the user last worked in.
enum DetailsSubject: Sendable, Equatable {
    /// The file selected in Files (a preview before upload).
    case file
    /// The job selected in Upload.
    case upload
    /// The entry selected in History.
    case history
}
