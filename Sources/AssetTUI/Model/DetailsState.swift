import AssetThumbnails

/// The Details pane: scroll position, file previews, and artifact refreshes.
struct DetailsState: Sendable, Equatable {
    /// How many file previews are kept.
    static let previewCacheLimit = 256

    var subject: DetailsSubject = .file
    var scrollTop = 0
    /// The item Details showed at the last update (`DetailsScrolling.startAtTopWhenSelectedAnew`).
    var shownItem: String?
    /// By the path's bytes (``ExactPath``).
    private var previews: [ExactPath: PreviewState] = [:]
    /// The listed entry's stamp each preview was made for, where one was given.
    private var previewStamps: [ExactPath: FileStamp] = [:]
    private var previewOrder: [ExactPath] = []
    /// The file whose inspection was asked for last (one at a time; newer requests win).
    var inspecting: String?
    /// The stamp `inspecting` was asked for with.
    var inspectingStamp: FileStamp?
    /// The file the runner watches for a rewrite in place (the one selected last).
    var watchedFile: String?
    /// Artifact IDs being refreshed from the server.
    var refreshing: Set<String> = []
    /// The last refresh error for an artifact ID, until a refresh succeeds.
    var refreshErrors: [String: String] = [:]

    func preview(for path: String) -> PreviewState? { previews[ExactPath(path)] }

    /// The stamp of the file the preview of `path` was made for (`.missing`: none was there).
    func previewStamp(of path: String) -> FileStamp? { previewStamps[ExactPath(path)] }

    /// Whether the preview of `path` was made for the file as `stamp` has it: a file replaced or
    /// rewritten since has other facts. A preview recorded without a stamp (the tests' own)
    /// counts as current; every one the runner makes has one.
    func isPreview(of path: String, current stamp: FileStamp) -> Bool {
        previewStamps[ExactPath(path)].map { $0 == stamp } ?? true
    }

    /// Forgets the preview of `path`: it no longer says what the file is.
    mutating func forgetPreview(of path: String) {
        let path = ExactPath(path)
        (previews[path], previewStamps[path]) = (nil, nil)
        previewOrder.removeAll { $0 == path }
    }

    /// Records a preview made for the file as `stamp` has it, forgetting the oldest beyond the
    /// limit but this one and those `isKept` names: the marked files', which the batch dialog's
    /// lines are built from (300 marked jars lost their first reads, and an Enter waited for them
    /// for ever), and the selected file's (forgotten, it is read again: with 256 marked, the
    /// file just read was forgotten at once, and read again in a loop).
    mutating func setPreview(_ state: PreviewState, for path: String, stamp: FileStamp? = nil,
                             keeping isKept: (String) -> Bool = { _ in false }) {
        let path = ExactPath(path)
        previewStamps[path] = stamp
        guard previews.updateValue(state, forKey: path) == nil else { return }
        previewOrder.append(path)
        while previewOrder.count > Self.previewCacheLimit, let oldest = previewOrder.firstIndex(where: { $0 != path && !isKept($0.path) }) {
            let forgotten = previewOrder.remove(at: oldest)
            (previews[forgotten], previewStamps[forgotten]) = (nil, nil)
        }
    }
}
