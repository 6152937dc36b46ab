/// Keys of the History pane.
enum HistoryKeys {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .history)
        if ListKeys.move(key, cursor: &state.history.cursor, count: state.history.visible.count, height: height) {
            Navigation.selectionMoved(.history, state: &state)
            return []
        }
        switch key {
        case .character("/"):
            state.history.isEditingFilter = true
        case .character("y"):
            return Copying.copyID(of: state.history.selectedEntry, state: &state)
        case .character("Y"):
            Copying.openMenu(for: state.history.selectedEntry, state: &state)
        case .character("R"):
            Navigation.showInDetails(.history, state: &state)
            return Refreshing.refresh(state.history.selectedEntry, state: &state)
        case .enter:
            if state.history.selectedEntry != nil {
                Navigation.focus(.details, state: &state)
                Navigation.showInDetails(.history, state: &state)
            }
        case .left, .character("h"):
            Navigation.focus(Navigation.paneToTheLeft(of: .history)!, state: &state)
        default:
            break
        }
        return []
    }
}

/// Keys of the Details pane: scrolling, refresh, copy.
enum DetailsKeys {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .details)
        switch key {
        case .up, .character("k"): DetailsScrolling.scroll(by: -1, state: &state)
        case .down, .character("j"): DetailsScrolling.scroll(by: 1, state: &state)
        case .pageUp, .control("b"): DetailsScrolling.scroll(by: -max(1, height - 1), state: &state)
        case .pageDown, .control("f"): DetailsScrolling.scroll(by: max(1, height - 1), state: &state)
        case .home, .character("g"): DetailsScrolling.scroll(by: -Int(Int32.max), state: &state)
        case .end, .character("G"): DetailsScrolling.scroll(by: Int(Int32.max), state: &state)
        case .character("R"): return Refreshing.refresh(DetailsContent.subjectEntry(state), state: &state)
        case .character("y"): return Copying.copyID(of: DetailsContent.subjectEntry(state), state: &state)
        case .character("Y"): Copying.openMenu(for: DetailsContent.subjectEntry(state), state: &state)
        case .left, .character("h"): Navigation.focus(Navigation.paneToTheLeft(of: .details)!, state: &state)
        default: break
        }
        return []
    }
}

/// Keeping the Details pane's scroll position inside its content.
enum DetailsScrolling {
    static func scroll(by delta: Int, state: inout AppState) {
        state.details.scrollTop = state.details.scrollTop.addingReportingOverflow(delta).partialValue
        clamp(&state)
    }

    static func clamp(_ state: inout AppState) {
        let frame = state.layout.details.inner
        let lines = DetailsContent.lines(for: state, width: frame.width).count
        state.details.scrollTop = max(0, min(state.details.scrollTop, lines - frame.height))
    }
}
