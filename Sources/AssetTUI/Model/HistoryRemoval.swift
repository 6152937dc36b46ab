import AssetCore
import Foundation

/// The entries `d` would take out of the local history, while the question is open.
struct HistoryRemoval: Sendable, Equatable {
    var entries: [HistoryEntry]

    /// How the question and the status line name the entries: the ID (or the file name of an
    /// attempt that got none), and how many more.
    var label: String {
        guard let first = entries.first else { return "nothing" }
        let name = first.id ?? "the failed attempt \(first.name)"
        return entries.count == 1 ? name : "\(name) and \(entries.count - 1) more"
    }
}
