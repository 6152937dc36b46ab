/// The pure core: how an action changes the state, and which effects it asks for.
///
/// Nothing here touches the terminal, the file system or the network; tests drive it with
/// key sequences and results, and read the state and the effects back.
enum Update {
    /// The effects that open a session: list the start folder and read the history.
    static func start(_ state: inout AppState) -> [Effect] {
        var effects = Navigation.open(directory: state.files.directory, selecting: nil, state: &state)
        effects.append(.loadHistory)
        return effects
    }

    /// Applies `action` to `state` and returns the effects to run.
    static func update(_ state: inout AppState, _ action: Action) -> [Effect] {
        var effects: [Effect]
        switch action {
        case .key(let key):
            let (pending, status, hadOverlay) = (state.pendingJarUpload, state.status, state.overlay != nil)
            effects = FilesKeys.deferUntilListed(key, state: &state) ? [] : KeyRouter.handle(key, state: &state)
            if pending != nil, state.pendingJarUpload == pending { UploadStarting.dropPendingJarUpload(&state) }
            // A dialog opened by this key: an error of before gives back the footer's row it
            // took (`BottomBarsView`), where the dialog's keys are.
            if !hadOverlay, state.overlay != nil, let status, status.isAlert, state.status == status { state.status = nil }
        case .resize(let size):
            state.screen = size
            clampCursors(&state)
            effects = []
        case .interrupted(let signal):
            effects = Quitting.interrupted(signal: signal, state: &state)
        default:
            effects = underCovers(&state) { Results.apply(action, state: &$0) + UploadStarting.resumeAfterRead(&$0) }
        }
        effects += FilesKeys.replayKeysTypedWhileListing(&state)
        DetailsScrolling.startAtTopWhenSelectedAnew(&state)
        effects += UploadQueue.startQueued(&state)
        effects += PreviewRequests.requestIfNeeded(&state)
        effects += ThumbnailRequests.requestIfNeeded(&state)
        Quitting.closeQuestionIfNothingRuns(&state)
        return effects
    }

    /// Runs `body` (a result arriving) on the dialog under the help and the quit question, as if
    /// they were not there, and puts them back over what it leaves: a sign-in's answer or a
    /// picker's preview that came while F1 was open was dropped, and the dialog waited for ever;
    /// "stay" brings the dialog back as it is now (a file's size, the history read again).
    private static func underCovers<T>(_ state: inout AppState, _ body: (inout AppState) -> T) -> T {
        switch state.overlay {
        case .confirmQuit(let under)?:
            state.overlay = under
            defer { state.overlay = .confirmQuit(over: state.overlay) }
            return underCovers(&state, body)
        case .help(let scrollTop, let under)?:
            state.overlay = under
            defer { state.overlay = .help(scrollTop: scrollTop, over: state.overlay) }
            return underCovers(&state, body)
        default:
            return body(&state)
        }
    }

    /// Keeps every selection valid and in view (after a resize or a change of the lists).
    static func clampCursors(_ state: inout AppState) {
        let layout = state.layout
        state.files.cursor.clamp(count: state.files.visible.count, height: layout.visibleRows(of: .files))
        state.uploads.cursor.clamp(count: state.uploads.jobs.count, height: layout.visibleRows(of: .upload))
        state.history.cursor.clamp(count: state.history.visible.count, height: layout.visibleRows(of: .history))
        DetailsScrolling.clamp(&state)
        OverlayKeys.clampHelp(&state)
    }
}
