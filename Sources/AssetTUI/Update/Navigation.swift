import Foundation

/// Moving between panes and folders.
enum Navigation {
    /// Focuses `pane`; Details keeps showing what the last list pane selected.
    static func focus(_ pane: Pane, state: inout AppState) {
        state.focus = pane
        switch pane {
        case .files: showInDetails(.file, state: &state)
        case .upload: showInDetails(.upload, state: &state)
        case .history: showInDetails(.history, state: &state)
        case .details: break
        }
    }

    /// Makes Details show `subject` from its top.
    static func showInDetails(_ subject: DetailsSubject, state: inout AppState) {
        if state.details.subject != subject { state.details.scrollTop = 0 }
        state.details.subject = subject
    }

    /// After a list selection moved: Details starts at the top of the new item.
    static func selectionMoved(_ subject: DetailsSubject, state: inout AppState) {
        state.details.subject = subject
        state.details.scrollTop = 0
    }

    /// Tab and Shift-Tab: the next or previous pane.
    static func cycle(_ key: Key, state: inout AppState) -> [Effect] {
        focus(key == .backTab ? state.focus.previous : state.focus.next, state: &state)
        return []
    }

    /// 1 to 4: the pane of that number.
    static func jump(_ key: Key, state: inout AppState) -> [Effect] {
        if case .character(let character) = key, let number = character.wholeNumberValue, let pane = Pane(rawValue: number) {
            focus(pane, state: &state)
        }
        return []
    }

    /// ← → and h l: the pane beside the focused one, if there is one on that side.
    static func side(_ key: Key, state: inout AppState) -> [Effect] {
        let toTheRight = key == .right || key == .character("l")
        if let pane = toTheRight ? paneToTheRight(of: state.focus) : paneToTheLeft(of: state.focus) {
            focus(pane, state: &state)
        }
        return []
    }

    /// A list key in the focused pane: the lists move their selection, Details scrolls.
    static func move(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: state.focus)
        switch state.focus {
        case .files:
            guard state.files.cursor.apply(key, count: state.files.visible.count, height: height) else { break }
            if case .loading = state.files.listing {
                state.files.selectAfterListing = state.files.selectedEntry?.name
            }
            selectionMoved(.file, state: &state)
        case .upload:
            guard state.uploads.cursor.apply(key, count: state.uploads.jobs.count, height: height) else { break }
            selectionMoved(.upload, state: &state)
        case .history:
            guard state.history.cursor.apply(key, count: state.history.visible.count, height: height) else { break }
            selectionMoved(.history, state: &state)
        case .details:
            guard let move = ListMove(key, page: height) else { break }
            state.details.scrollTop = move.applied(to: state.details.scrollTop, last: Int(Int32.max))
            DetailsScrolling.clamp(&state)
        }
        return []
    }

    /// The pane beside the focused one (`l` / Right), if any.
    static func paneToTheRight(of pane: Pane) -> Pane? {
        switch pane {
        case .files: .details
        case .upload: .history
        case .details, .history: nil
        }
    }

    /// The pane beside the focused one (`h` / Left), if any.
    static func paneToTheLeft(of pane: Pane) -> Pane? {
        switch pane {
        case .details: .files
        case .history: .upload
        case .files, .upload: nil
        }
    }

    /// Starts listing `directory`, to select `name` in it once listed.
    static func open(directory: String, selecting name: String?, state: inout AppState) -> [Effect] {
        state.lastGeneration += 1
        if directory != state.files.directory, FilesKeys.isReloadMessage(state.status) { state.status = nil }
        state.files.beginListing(of: directory, generation: state.lastGeneration, selecting: name)
        Navigation.selectionMoved(.file, state: &state)
        return [.listDirectory(path: directory, generation: state.lastGeneration, sort: state.files.sort)]
    }

    /// Opens the parent folder, selecting the folder just left.
    static func goUp(state: inout AppState) -> [Effect] {
        let current = URL(fileURLWithPath: state.files.directory).standardizedFileURL
        let parent = current.deletingLastPathComponent().path
        guard parent != current.path, !current.path.isEmpty, current.path != "/" else {
            state.status = .info("Already at the top folder")
            return []
        }
        return open(directory: parent, selecting: current.lastPathComponent, state: &state)
    }

    /// Escape outside an overlay: dismisses an error or a warning on the status line (which
    /// takes the footer's row too, "until Esc"), else clears the focused pane's filter, else
    /// its marks, else the message; in Details it goes back to the pane Details shows an item
    /// of, as lazygit's Esc does. The marks come last: a person dismissing an error must not
    /// lose the files marked across folders.
    static func escape(state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: state.focus)
        if state.status?.isAlert == true {
            state.status = nil
        } else if state.focus == .details {
            focus(state.details.subject.pane, state: &state)
        } else if state.focus == .files && !state.files.filterText.isEmpty {
            state.files.setFilter(TextField(), height: height)
        } else if state.focus == .history && !state.history.filterText.isEmpty {
            state.history.setFilter(TextField(), height: height)
        } else if !Marking.clear(in: state.focus, state: &state) {
            state.status = nil
        }
        return []
    }
}
