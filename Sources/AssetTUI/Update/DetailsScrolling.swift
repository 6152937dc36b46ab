/// Keeping the Details pane's scroll position inside its content.
enum DetailsScrolling {
    static func clamp(_ state: inout AppState) {
        let frame = state.layout.details.inner
        let lines = DetailsContent.lines(for: state, width: frame.width).count + DetailsThumbnail.block(state).rows
        state.details.scrollTop = max(0, min(state.details.scrollTop, lines - frame.height))
    }
}
