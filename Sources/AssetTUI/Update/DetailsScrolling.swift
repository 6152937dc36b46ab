/// Keeping the Details pane's scroll position inside its content.
enum DetailsScrolling {
    static func scroll(by delta: Int, state: inout AppState) {
        state.details.scrollTop = state.details.scrollTop.addingReportingOverflow(delta).partialValue
        clamp(&state)
    }

    static func clamp(_ state: inout AppState) {
        let frame = state.layout.details.inner
        let lines = DetailsContent.lines(for: state, width: frame.width).count + DetailsThumbnail.block(state).rows
        state.details.scrollTop = max(0, min(state.details.scrollTop, lines - frame.height))
    }
}
