/// The Details pane: scroll position, file previews, and artifact refreshes.
struct DetailsState: Sendable, Equatable {
    /// How many file previews are kept.
    static let previewCacheLimit = 256

    var subject: DetailsSubject = .file
    var scrollTop = 0
    private(set) var previews: [String: PreviewState] = [:]
    private var previewOrder: [String] = []
    /// The file whose inspection was asked for last (one at a time; newer requests win).
    var inspecting: String?
    /// Artifact IDs being refreshed from the server.
    var refreshing: Set<String> = []
    /// The last refresh error for an artifact ID, until a refresh succeeds.
    var refreshErrors: [String: String] = [:]

    func preview(for path: String) -> PreviewState? { previews[path] }

    /// Records a preview (or that one is loading), forgetting the oldest beyond the limit.
    mutating func setPreview(_ state: PreviewState, for path: String) {
        if previews.updateValue(state, forKey: path) == nil {
            previewOrder.append(path)
            if previewOrder.count > Self.previewCacheLimit {
                previews[previewOrder.removeFirst()] = nil
            }
        }
    }
}
