import AssetCore
import AssetInspection
import Foundation

extension EffectRunner {
    /// `d`: takes the entries out of the session's history and reports what went, and from
    /// which file (what `u` puts back, there); a quit during its wait for the lock stops it.
    func removeHistoryEntries(_ entryIds: [UUID]) {
        track { [self, actions, inbox] in
            do {
                let removed = HistoryRemoval.ordered(try await OwnThread.run { try actions.removeHistoryEntries(Set(entryIds)) }, as: entryIds)
                // None left to remove: the label names what was asked about.
                let label = removed.isEmpty ? (entryIds.count == 1 ? "the entry" : "the \(entryIds.count) entries")
                    : HistoryRemoval(entries: removed).label
                inbox.post(.historyEntriesRemoved(RemovedEntries(entries: removed, historyPath: actions.historyPath), label: label))
                self.loadHistory()
            } catch where OwnThread.isCancelled {
                self.removalsStoppedByQuit.withLock { $0 += entryIds.count }
            } catch {
                inbox.post(.historyRemovalFailed(message: "Cannot remove from the history: \(SafeText.errorLine(error, maxLength: 300))"))
            }
        }
    }

    /// `u`: puts a removal's entries back in the history they came from. They count among
    /// `notPutBack` until the write is known to be done, so that a quit before then (its wait
    /// for the lock, or a write still under way when the TUI stops waiting) names them.
    func restoreHistoryEntries(_ removal: RemovedEntries) {
        let asked = Set(removal.entries.map(\.entryId))
        @Sendable func forget(_ kept: inout [RemovedEntries]) {
            for index in kept.indices { kept[index].entries.removeAll { asked.contains($0.entryId) } }
            kept.removeAll { $0.entries.isEmpty }
        }
        notPutBack.withLock { kept in
            forget(&kept)
            kept.append(removal)
        }
        track { [self, actions, inbox] in
            do {
                let (restored, warnings) = try await OwnThread.run { try actions.restoreHistoryEntries(removal.entries, into: removal.historyPath) }
                self.notPutBack.withLock(forget)
                // Where they went, when the History pane does not show it (a sign-in came since): another
                // history, or another server's entries of this one. The session's now, not the undo's start.
                let now = self.actions
                var place: String?
                if removal.historyPath != now.historyPath {
                    place = "the history \(removal.historyPath)"
                } else if let server = restored.first.map({ ServerURL.normalized($0.serverURL) }), server != ServerURL.normalized(now.serverURL) {
                    place = "the local history, among \(server)'s entries (not listed here)"
                }
                let notes = warnings.map { $0.contains(removal.historyPath) ? $0 : "In \(removal.historyPath): \($0)" }
                inbox.post(.historyEntriesRestored(restored: restored, asked: removal.entries, into: place, notes: notes))
                self.loadHistory()
            } catch {
                guard !OwnThread.isCancelled else { return }
                inbox.post(.historyRestoreFailed(removal, message: "Cannot put back in the history: \(SafeText.errorLine(error, maxLength: 300))"))
            }
        }
    }
}
