import AssetCore

/// `R`: asking the server for an artifact's details again.
enum Refreshing {
    /// Whether `R` refreshes `entry`: an artifact with an ID (what the footers offer it for;
    /// `refresh` says why for anything else).
    static func isRefreshable(_ entry: HistoryEntry?) -> Bool {
        entry?.kind == .artifact && entry?.id != nil
    }

    static func refresh(_ entry: HistoryEntry?, state: inout AppState) -> [Effect] {
        guard let entry else {
            state.status = .info("Select an artifact in History (or a finished upload) to refresh it")
            return []
        }
        guard entry.kind == .artifact else {
            state.status = .info("Only artifacts can be refreshed: Marketplace has no details endpoint for images")
            return []
        }
        guard let id = entry.id else {
            state.status = .error("\(entry.name) has no artifact ID: its upload failed")
            return []
        }
        guard !state.details.refreshing.contains(id) else {
            state.status = .info("Already refreshing \(id)")
            return []
        }
        state.details.refreshing.insert(id)
        state.status = .info("Refreshing \(id)…")
        return [.refreshArtifact(artifactId: id)]
    }
}
