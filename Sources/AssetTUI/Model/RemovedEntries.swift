import AssetCore

/// What one removal (`d`) took out of a history, and which history file: `u` puts them back
/// there, even once a sign-in has moved the session to another history.
struct RemovedEntries: Sendable, Equatable {
    /// In the order the removal's question named them.
    var entries: [HistoryEntry]
    var historyPath: String
}
