import AssetCore
import AssetInspection

/// `d` in History: takes entries out of the local history after a question that names them.
/// Marketplace keeps its files and IDs; only this tool's record of them goes.
enum RemovingEntries {
    /// With marked entries, asks about all of them; else about the selected one.
    static func ask(state: inout AppState) -> [Effect] {
        let marked = state.history.markedEntries
        if !marked.isEmpty {
            let shown = Set(state.history.visible.map { state.history.entries[$0].entryId })
            state.overlay = .confirmRemoval(HistoryRemoval(
                entries: Array(marked.reversed()), hiddenByFilter: marked.count { !shown.contains($0.entryId) }))
            state.status = nil  // the marks' hint (Esc clears the marks): the question's Esc keeps them
            return []
        }
        guard let entry = state.history.selectedEntry else {
            state.status = .info(HistoryKeys.nothingSelected)
            return []
        }
        state.overlay = .confirmRemoval(HistoryRemoval(entries: [entry]))
        return []
    }

    static func confirm(state: inout AppState) -> [Effect] {
        guard case .confirmRemoval(let removal)? = state.overlay else { return [] }
        state.overlay = nil
        // The marks go with the entries they marked (they were all asked about).
        state.history.marks.removeAll()
        state.history.removing.formUnion(removal.entries.map(\.entryId))
        state.status = .info("Removing \(removal.label) from the local history…")
        return [.removeHistoryEntries(removal.entries.map(\.entryId))]
    }

    /// The removal is on disk, and the pane shows it at once. `u` can put back what it took.
    static func finished(_ removed: RemovedEntries, label: String, state: inout AppState) {
        if removed.entries.isEmpty {
            state.status = .info("Nothing removed: another command had already taken \(label) out of the history.")
            return
        }
        state.history.removals.append(removed)
        // Gone from the pane now, not once the history is read again (a large one takes a moment).
        let gone = Set(removed.entries.map(\.entryId))
        state.history.replaceEntries(state.history.entries.filter { !gone.contains($0.entryId) }, height: state.layout.visibleRows(of: .history))
        // `u` first: a label of several entries is long, and a cut takes the end.
        state.status = .success("Removed from the local history (u undoes it): \(label); Marketplace is unchanged.")
    }

    /// `u` in History: puts back what this session's newest removal took out (again: the one before).
    static func undo(state: inout AppState) -> [Effect] {
        guard let removal = state.history.removals.popLast() else {
            state.status = .info("Nothing to undo: u puts back what d removed (in Files, press 1, u uploads).")
            return []
        }
        // Back in the file, they are no longer this session's to see go: another process's removal is said again.
        state.history.removing.subtract(removal.entries.map(\.entryId))
        state.status = .info("Putting back \(HistoryRemoval(entries: removal.entries).label)…")
        return [.restoreHistoryEntries(removal)]
    }

    /// An undo ended: says where it wrote first (`place`, when the pane does not show it: a
    /// status line cuts the end), what is back, and what the history held again already.
    static func restored(_ restored: [HistoryEntry], asked: [HistoryEntry], into place: String? = nil, state: inout AppState) {
        let back = Set(restored.map(\.entryId))
        let there = asked.filter { !back.contains($0.entryId) }
        let already = there.isEmpty ? "" : "the history holds \(HistoryRemoval(entries: there).label) again already (merged back, or looked up), left as it is"
        let more = state.history.removals.isEmpty ? "" : " (u again: the removal before)"
        let place = SafeText.oneLine(place ?? "the local history")
        let rest: String = (already.isEmpty ? "" : "; " + already) + more + "."
        state.status = restored.isEmpty ? .info("Nothing put back in \(place): " + already + more + ".")
            : .success("Put back in \(place): \(HistoryRemoval(entries: restored).label)\(rest)")
    }
}
