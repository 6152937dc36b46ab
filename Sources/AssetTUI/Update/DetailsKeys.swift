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
