/// Keeping the Details pane's scroll position inside its content, and at the top of an item
/// selected anew.
enum DetailsScrolling {
    /// After every update: an item selected for the user (an upload or fetch selected as it is
    /// queued) starts at its top, as one selected by a key does (it opened scrolled as far as the
    /// item before it, its name and ID out of view).
    static func startAtTopWhenSelectedAnew(_ state: inout AppState) {
        let item: String? = switch state.details.subject {
        case .file: state.files.selectedEntry.map { "file " + ($0.path ?? $0.name) }
        case .upload: state.uploads.selectedJob.map { "upload \($0.id)" }
        case .history: state.history.selectedEntry.map { "entry " + $0.entryId.uuidString }
        }
        guard item != state.details.shownItem else { return }
        state.details.shownItem = item
        state.details.scrollTop = 0
    }

    static func clamp(_ state: inout AppState) {
        let frame = state.layout.details.inner
        let lines = DetailsContent.lines(for: state, width: frame.width).count + DetailsThumbnail.block(state).rows
        state.details.scrollTop = max(0, min(state.details.scrollTop, lines - frame.height))
    }
}
