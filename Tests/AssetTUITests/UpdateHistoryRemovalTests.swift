import AssetCore
import Foundation
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// `d` in History: a question that names the entry and says Marketplace keeps it, then the
/// removal as an effect; nothing is removed without `y`.
@Suite struct UpdateHistoryRemovalTests {
    /// History focused on the failed attempt (the second entry, newest first).
    static func failedEntrySelected() -> AppState {
        var state = UpdateHistoryTests.historyFocused()
        state.type("j")
        #expect(state.history.selectedEntry == Fixtures.failedEntry)
        return state
    }

    @Test func dAsksNamingTheEntryAndThatMarketplaceKeepsIt() {
        var state = Self.failedEntrySelected()
        #expect(state.type("d").isEmpty, "nothing is removed before the answer")
        #expect(state.overlay == .confirmRemoval(HistoryRemoval(entries: [Fixtures.failedEntry])))
        let screen = Renderer.render(state).text
        #expect(screen.contains("Remove from the history?"))
        #expect(screen.contains("the failed attempt banner.jpg"))
        #expect(screen.contains("Marketplace gave it no ID: only this tool's local history forgets"))
        // An upload's: Marketplace keeps it; some of each: which it keeps.
        #expect(ConfirmRemovalView.explanation([Fixtures.artifactEntry]).hasPrefix("Marketplace keeps the file and its ID"))
        #expect(ConfirmRemovalView.explanation([Fixtures.artifactEntry, Fixtures.failedEntry]).hasPrefix("Marketplace keeps the files that got an ID"))
    }

    /// An attempt Marketplace may have made (no answer after its whole file went): the question
    /// says the entry is its only trace; it used to say Marketplace gave it no ID, as if it were safe.
    @Test func dOnAnAttemptMarketplaceMayHaveMadeSaysItIsItsOnlyTrace() {
        var mayExist = Fixtures.failedEntry
        mayExist.failure = "No answer from marketplace.atlassian.com within 60 s after the whole file was sent "
            + "(\(TransportErrorClassifier.uploadMayExist) anyway): check the listing before uploading again."
        var state = Fixtures.sessionState(width: 60, height: 16)
        state.send(.historyLoaded([mayExist]))
        state.type("4")
        state.type("d")
        let screen = Renderer.render(state).text
        let text = screen.replacingOccurrences(of: "│", with: " ").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Marketplace may have made it all the same, as its failure says: this entry is the only trace of it."), "\(screen)")
        #expect(!text.contains("gave it no ID") && screen.contains("Remove it?"), "\(screen)")
        #expect(HistoryTable.onlyTraceCaution([Fixtures.failedEntry]) == nil)
        // Four marked, two of them such attempts, at 60×16: the names give way, the question stays.
        var many = [mayExist, mayExist, Fixtures.failedEntry, Fixtures.imageEntry]
        for index in many.indices { many[index].entryId = UUID(); many[index].createdAt = Fixtures.date(minutes: -index) }
        state = Fixtures.sessionState(width: 60, height: 16)
        state.send(.historyLoaded(many))
        state.type("4    d")
        let marked = Renderer.render(state).text
        #expect(marked.contains("Remove all 4?") && marked.contains("and "), "\(marked)")
        #expect(HistoryTable.onlyTraceCaution([mayExist, Fixtures.failedEntry])?.hasPrefix("Marketplace may have made 1 of them all the same, as its failure says") == true)
    }

    @Test func yRemovesAndTheResultSaysSo() {
        var state = Self.failedEntrySelected()
        state.type("d")
        #expect(state.type("y") == [.removeHistoryEntries([Fixtures.failedEntry.entryId])])
        #expect(state.overlay == nil)
        state.send(.historyEntriesRemoved(RemovedEntries(entries: [Fixtures.failedEntry], historyPath: "/h.json"), label: "the failed attempt banner.jpg"))
        #expect(state.status == .success("Removed from the local history (u undoes it): the failed attempt banner.jpg; Marketplace is unchanged."))
        #expect(state.history.entries.count == 2 && state.history.selectedEntry?.entryId != Fixtures.failedEntry.entryId, "gone from the pane before the history is read again")
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.artifactEntry]))
        #expect(state.history.entries.count == 2)
        #expect(state.status?.text.hasPrefix("Removed from the local history") == true, "the reload says nothing of the entry this removal took")
    }

    /// `u` puts back what the newest removal took out (for an image the history is the only place
    /// its ID is kept), then the one before: offered in the footer while there is one; a failure
    /// puts it back on top, for another `u`.
    @Test func uUndoesTheRemovalsNewestFirst() {
        var state = UpdateHistoryTests.historyFocused()
        func footer() -> String { Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n") }
        #expect(!footer().contains("u undo"), "\(footer())")
        #expect(state.type("u").isEmpty)
        #expect(state.status == .info("Nothing to undo: u puts back what d removed (in Files, press 1, u uploads)."))
        // Two marked entries removed, then the last one.
        state.type("  d")
        guard case .confirmRemoval(let first)? = state.overlay else { Issue.record("no question"); return }
        #expect(state.type("y") == [.removeHistoryEntries(first.entries.map(\.entryId))])
        let firstRemoved = RemovedEntries(entries: first.entries, historyPath: "/h.json")
        state.send(.historyEntriesRemoved(firstRemoved, label: first.label))
        let left = state.history.entries.filter { entry in !first.entries.contains { $0.entryId == entry.entryId } }
        state.send(.historyLoaded(left))
        #expect(footer().contains("u undo"), "\(footer())")
        state.type("d")
        guard case .confirmRemoval(let second)? = state.overlay else { Issue.record("no second question"); return }
        _ = state.type("y")
        let secondRemoved = RemovedEntries(entries: second.entries, historyPath: "/h.json")
        state.send(.historyEntriesRemoved(secondRemoved, label: second.label))
        // u: the newest removal (before the read that follows it came); it fails (a read-only
        // folder) and goes back on top.
        #expect(state.history.removing == Set(second.entries.map(\.entryId)), "its re-read has not come yet")
        #expect(state.type("u") == [.restoreHistoryEntries(secondRemoved)])
        #expect(state.history.removing.isEmpty, "back in the file, another process's removal of them is said again")
        #expect(state.status == .info("Putting back \(second.label)…"))
        state.send(.historyRestoreFailed(secondRemoved, message: "Cannot put back in the history: read-only folder"))
        #expect(state.status == .error("Cannot put back in the history: read-only folder"))
        #expect(state.type("u") == [.restoreHistoryEntries(secondRemoved)])
        state.send(.historyEntriesRestored(restored: second.entries, asked: second.entries))
        #expect(state.status == .success("Put back in the local history: \(second.label) (u again: the removal before)."))
        #expect(footer().contains("u undo"), "\(footer())")
        // Then the one before; one of its two is back already (merged back by another command).
        #expect(state.type("u") == [.restoreHistoryEntries(firstRemoved)])
        state.send(.historyEntriesRestored(restored: [first.entries[0]], asked: first.entries))
        #expect(state.status == .success("Put back in the local history: \(HistoryRemoval(entries: [first.entries[0]]).label); the history holds "
            + "\(HistoryRemoval(entries: [first.entries[1]]).label) again already (merged back, or looked up), left as it is."))
        #expect(!footer().contains("u undo"), "\(footer())")
        #expect(state.type("u").isEmpty, "nothing left to put back")
    }

    @Test(arguments: ["n", "q"]) func nOrQKeepsTheEntry(key: String) {
        var state = Self.failedEntrySelected()
        state.type("d")
        #expect(state.type(key).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.history.entries.count == 3)
    }

    @Test func theFileNameAndIDNameAnUploadedEntry() {
        let artifact = "my-plugin-1.0.0.jar \(Fixtures.artifactId)"
        #expect(HistoryRemoval(entries: [Fixtures.artifactEntry]).label == artifact)
        #expect(HistoryRemoval(entries: [Fixtures.artifactEntry, Fixtures.failedEntry]).label == "2 entries (\(artifact) and 1 more)")
        #expect(HistoryRemoval(entries: [Fixtures.imageEntry]).label == "\(Fixtures.imageEntry.name) (\(Fixtures.imageEntry.imageType!)) \(Fixtures.imageEntry.id!)")
        // The status after the removal names the entry the question named first, whatever
        // order the store gives them back in (oldest first).
        let asked = [Fixtures.artifactEntry, Fixtures.failedEntry]
        let removed = HistoryRemoval.ordered([Fixtures.failedEntry, Fixtures.artifactEntry], as: asked.map(\.entryId))
        #expect(HistoryRemoval(entries: removed).label == HistoryRemoval(entries: asked).label)
        let many = HistoryRemoval(entries: Array(repeating: Fixtures.artifactEntry, count: 9))
        #expect(many.lines(limit: 6).count == 6 && many.lines(limit: 6).last == "and 4 more")
        #expect(HistoryRemoval(entries: asked).lines(limit: 6) == [artifact, "the failed attempt \(Fixtures.failedEntry.name)"])
        // In a narrow question (60×16) the name gives way, the ID stays whole.
        let narrow = HistoryRemoval(entries: [Fixtures.artifactEntry]).lines(limit: 6, width: 52)
        #expect(narrow.first?.hasSuffix(" " + Fixtures.artifactId) == true && DisplayWidth.of(narrow.first ?? "") <= 52, "\(narrow)")
    }

    @Test func theQuestionSaysHowManyMarkedEntriesTheFilterHides() {
        var state = Fixtures.sessionState()
        state.send(.historyLoaded([Fixtures.imageEntry, Fixtures.artifactEntry, Fixtures.failedEntry]))
        state.type("4")
        state.type(" ")
        state.type(" ")
        state.type("/my-plugin")
        state.press(.enter)
        state.type("d")
        guard case .confirmRemoval(let removal)? = state.overlay else { Issue.record("no question: \(String(describing: state.overlay))"); return }
        #expect(removal.entries.count == 2 && removal.hiddenByFilter == 1)
        #expect(Renderer.render(state).text.contains("Remove all 2 (1 hidden by the filter)?  y remove · n keep"))
        #expect(!Renderer.render(state).text.contains("Esc clears the marks"), "the question's Esc keeps them")
        // At 60 columns the question wraps rather than lose its keys.
        state.send(.resize(ScreenSize(width: 60, height: 16)))
        let narrow = Renderer.render(state).text
        #expect(narrow.contains("Remove all 2 (1 hidden by the filter)?  y remove · n") && narrow.contains("│ keep"), "\(narrow)")
    }

    @Test("an empty History pane offers no key that needs an entry, and each says so in the same words")
    func dWithAnEmptyHistorySaysSo() {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([]))
        state.type("4")
        let footer = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
        for hint in ["Space mark", "Y copy…", "d remove", "Enter details"] { #expect(!footer.contains(hint), "\(footer)") }
        #expect(footer.contains("/ filter"), "\(footer)")
        for key in ["d", " ", "Y"] {
            state.status = nil
            #expect(state.type(key).isEmpty)
            #expect(state.overlay == nil)
            #expect(state.status == .info(HistoryKeys.nothingSelected), "\(key)")
        }
        // With an entry, they are offered.
        state.send(.historyLoaded([Fixtures.imageEntry]))
        let offered = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
        #expect(offered.contains("d remove") && offered.contains("Space mark"), "\(offered)")
        // Marked, then hidden by a filter: d and Y still act on the marks, and are offered.
        state.type(" ")
        state.type("/zzzz")
        state.press(.enter)
        #expect(state.history.selectedEntry == nil && !state.history.marks.isEmpty)
        let filtered = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
        #expect(filtered.contains("Y copy…") && filtered.contains("d remove") && !filtered.contains("Space mark"), "\(filtered)")
    }

    @Test func aFailedRemovalIsShown() {
        var state = Self.failedEntrySelected()
        state.send(.historyRemovalFailed(message: "Cannot remove from the history: read-only"))
        #expect(state.status == .error("Cannot remove from the history: read-only"))
    }
}
