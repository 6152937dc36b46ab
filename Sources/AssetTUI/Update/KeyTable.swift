/// Every key binding of the TUI, in one table: the router takes keys from it, and the `?`
/// overlay and the footer are drawn from it (see `KeyBinding`). Within a scope the first
/// match wins, so a specific key comes before `typing` or `anyOther`.
///
/// To add a key: add one line here, with its scope, keys, help, footer hint and handler.
enum KeyTable {
    static let bindings: [KeyBinding] = always + everywhere + files + upload + details + history + filter + overlays + signIn + tooSmall

    static let tooSmall: [KeyBinding] = [
        KeyBinding(.tooSmall, .keys([.character("q")]), "q", "quit (asks while uploads run); other keys wait for a larger window") { _, state in
            Quitting.ask(state: &state)
        },
    ]

    static let always: [KeyBinding] = [
        KeyBinding(.always, .keys([.control("l")]), "Ctrl-L", "draw the screen again (another program wrote over it)") { _, _ in
            [.repaint]
        },
        KeyBinding(.always, .keys([.function(1)]), "F1", "this help, over a dialog too (Esc gives the dialog back)") { _, state in
            OverlayKeys.openHelp(state: &state)
        },
    ]

    static let everywhere: [KeyBinding] = [
        KeyBinding(.everywhere, .keys([.tab, .backTab]), "Tab / Shift-Tab", "next / previous pane", Navigation.cycle),
        KeyBinding(.everywhere, .digits(1...4), "1 2 3 4", "Files, Upload, Details, History", Navigation.jump),
        KeyBinding(.everywhere, .keys(ListMove.stepKeys), "↑ ↓ / k j", "move (Details: scroll)",
                   footer: FooterHint(keys: "↑↓", text: "scroll", panes: [.details]), Navigation.move),
        KeyBinding(.everywhere, .keys([.left, .character("h"), .right, .character("l")]), "← → / h l",
                   "pane to the left / right", Navigation.side),
        KeyBinding(.everywhere, .keys(ListMove.pageKeys), "PgUp PgDn ^B ^F", "page up / down", Navigation.move),
        KeyBinding(.everywhere, .keys(ListMove.endKeys), "g G / Home End", "first / last", Navigation.move),
        KeyBinding(.everywhere, .keys([.character("f")]), "f", "fetch an artifact from a URL",
                   footer: FooterHint(keys: "f", text: "fetch URL", panes: [.files, .upload])) { _, state in
            state.overlay = .urlPrompt(TextField(text: state.fetchExample ?? ""))
            return []
        },
        KeyBinding(.everywhere, .keys([.character("L")]), "L", "sign in to your account") { _, state in
            SigningIn.open(state: &state)
        },
        KeyBinding(.everywhere, .keys([.character("?")]), "?", "this help",
                   footer: FooterHint(keys: "?", text: "help", panes: Set(Pane.allCases), pinned: true)) { _, state in
            state.overlay = .help(scrollTop: 0)
            return []
        },
        KeyBinding(.everywhere, .keys([.escape]), "Esc", "close, cancel; dismiss an error, else clear filter, marks; back from Details") { _, state in
            Navigation.escape(state: &state)
        },
        // Ctrl-C arrives as SIGINT, not as a key: `Quitting.interrupted` gives it the same meaning
        // (in a dialog or a filter being typed, Esc's).
        KeyBinding(.everywhere, .keys([.character("q")]), "q / Ctrl-C", "quit (asks while uploads run; Ctrl-C in a dialog or field cancels it)",
                   footer: FooterHint(keys: "q", text: "quit", panes: Set(Pane.allCases), pinned: true)) { _, state in
            Quitting.ask(state: &state)
        },
    ]

    static let files: [KeyBinding] = [
        KeyBinding(.pane(.files), .keys([.enter, .character("l"), .right]), "Enter / l / →", "open folder (file: details)",
                   footer: FooterHint(keys: "Enter", text: "open", when: FilesKeys.hasSelection)) { _, state in FilesKeys.openSelected(state: &state) },
        KeyBinding(.pane(.files), .keys([.backspace, .character("h"), .left]), "Backspace / h / ←", "up one folder",
                   footer: FooterHint(keys: "⌫", text: "up")) { _, state in Navigation.goUp(state: &state) },
        KeyBinding(.pane(.files), .keys([.character(" ")]), "Space", "mark / unmark a file, move down",
                   footer: FooterHint(keys: "Space", text: "mark", when: FilesKeys.hasSelection)) { _, state in Marking.toggleFile(state: &state) },
        KeyBinding(.pane(.files), .keys([.character("u")]), "u", "upload (image: pick imageType; marks: all of them)",
                   footer: FooterHint(keys: "u", text: "upload", when: FilesKeys.hasSelectionOrMarks)) { _, state in UploadStarting.uploadSelectedFile(state: &state) },
        KeyBinding(.pane(.files), .keys([.character("/")]), "/", "filter (Enter keeps, Esc clears)",
                   footer: FooterHint(keys: "/", text: "filter")) { _, state in FilterKeys.start(state: &state) },
        KeyBinding(.pane(.files), .keys([.character("s")]), "s", "sort by name, size, modified",
                   footer: FooterHint(keys: "s", text: "sort")) { _, state in FilesKeys.toggleSort(state: &state) },
        KeyBinding(.pane(.files), .keys([.character(".")]), ".", "show / hide hidden files") { _, state in
            FilesKeys.toggleHidden(state: &state)
        },
        KeyBinding(.pane(.files), .keys([.character("R")]), "R", "reload the folder") { _, state in
            FilesKeys.reload(state: &state)
        },
    ]

    static let upload: [KeyBinding] = [
        KeyBinding(.pane(.upload), .keys([.character("x"), .delete]), "x / Delete", "cancel the selected upload",
                   footer: FooterHint(keys: "x", text: "cancel", when: { $0.uploads.selectedJob?.status.isCancellable == true })) { _, state in UploadKeys.cancelSelected(state: &state) },
        KeyBinding(.pane(.upload), .keys([.character("r")]), "r", "retry a failed or cancelled one",
                   footer: FooterHint(keys: "r", text: "retry", when: { $0.uploads.selectedJob?.status.isRetryable == true })) { _, state in UploadKeys.retrySelected(state: &state) },
        KeyBinding(.pane(.upload), .keys([.character("X")]), "X", "cancel all queued and running",
                   footer: FooterHint(keys: "X", text: "cancel all", when: { $0.uploads.jobs.count(where: \.status.isCancellable) > 1 })) { _, state in UploadKeys.cancelAll(state: &state) },
        KeyBinding(.pane(.upload), .keys([.character("a")]), "a", "retry all failed and cancelled (r asks about those Marketplace may have)",
                   footer: FooterHint(keys: "a", text: "retry all", when: UploadKeys.offersRetryAll)) { _, state in UploadKeys.retryAll(state: &state) },
        KeyBinding(.pane(.upload), .keys([.character("c")]), "c", "clear finished, failed, cancelled",
                   footer: FooterHint(keys: "c", text: "clear", when: { $0.uploads.jobs.contains { !$0.status.isActive } })) { _, state in UploadKeys.clearDone(state: &state) },
        KeyBinding(.pane(.upload), .keys([.character("y")]), "y", "copy the ID of a finished one",
                   footer: FooterHint(keys: "y", text: "copy ID", when: { $0.uploads.selectedJob?.entry?.id != nil })) { _, state in
            UploadKeys.withAnswer(state: &state) { Copying.copyID(of: $0, state: &$1) }
        },
        KeyBinding(.pane(.upload), .keys([.character("Y")]), "Y", "choose what to copy") { _, state in
            UploadKeys.withAnswer(state: &state) { Copying.openMenu(for: $0, state: &$1) }
        },
        KeyBinding(.pane(.upload), .keys([.character("R")]), "R", "refresh a finished artifact",
                   footer: FooterHint(keys: "R", text: "refresh", when: { Refreshing.isRefreshable($0.uploads.selectedJob?.entry) })) { _, state in
            Refreshing.refresh(state.uploads.selectedJob?.entry, state: &state)
        },
        KeyBinding(.pane(.upload), .keys([.enter]), "Enter", "show its details") { _, state in
            UploadKeys.showDetails(state: &state)
        },
    ]

    static let details: [KeyBinding] = [
        KeyBinding(.pane(.details), .keys([.character("R")]), "R", "refresh the artifact (GET)",
                   footer: FooterHint(keys: "R", text: "refresh", when: { Refreshing.isRefreshable(DetailsContent.subjectEntry($0)) })) { _, state in
            Refreshing.refresh(DetailsContent.subjectEntry(state), state: &state)
        },
        KeyBinding(.pane(.details), .keys([.character("r")]), "r", "retry the failed or cancelled upload shown",
                   footer: FooterHint(keys: "r", text: "retry", when: { $0.details.subject == .upload && $0.uploads.selectedJob?.status.isRetryable == true })) { _, state in
            UploadKeys.retryShownInDetails(state: &state)
        },
        KeyBinding(.pane(.details), .keys([.character("y")]), "y", "copy the ID",
                   footer: FooterHint(keys: "y", text: "copy ID", when: { DetailsContent.subjectEntry($0)?.id != nil })) { _, state in
            Copying.withShownEntry(state: &state) { Copying.copyID(of: $0, state: &$1) }
        },
        KeyBinding(.pane(.details), .keys([.character("Y")]), "Y", "choose what to copy",
                   footer: FooterHint(keys: "Y", text: "copy…", when: { DetailsContent.subjectEntry($0) != nil })) { _, state in
            Copying.withShownEntry(state: &state) { Copying.openMenu(for: $0, state: &$1) }
        },
    ]

    static let history: [KeyBinding] = [
        KeyBinding(.pane(.history), .keys([.character("y")]), "y", "copy the ID",
                   footer: FooterHint(keys: "y", text: "copy ID", when: { $0.history.selectedEntry?.id != nil })) { _, state in
            Copying.copyID(of: state.history.selectedEntry, state: &state)
        },
        KeyBinding(.pane(.history), .keys([.character(" ")]), "Space", "mark / unmark an entry, move down",
                   footer: FooterHint(keys: "Space", text: "mark", when: HistoryKeys.hasSelection)) { _, state in Marking.toggleHistoryEntry(state: &state) },
        KeyBinding(.pane(.history), .keys([.character("Y")]), "Y", "copy a link, listing or entry JSON (marks: their listing JSON)",
                   footer: FooterHint(keys: "Y", text: "copy…", when: HistoryKeys.hasSelectionOrMarks)) { _, state in
            Copying.openHistoryMenu(state: &state)
        },
        KeyBinding(.pane(.history), .keys([.character("R")]), "R", "refresh the selected artifact",
                   footer: FooterHint(keys: "R", text: "refresh", when: { Refreshing.isRefreshable($0.history.selectedEntry) })) { _, state in
            HistoryKeys.refreshSelected(state: &state)
        },
        KeyBinding(.pane(.history), .keys([.character("d"), .delete]), "d / Delete", "remove from the local history (marks: all of them; asks first)",
                   footer: FooterHint(keys: "d", text: "remove", when: HistoryKeys.hasSelectionOrMarks)) { _, state in RemovingEntries.ask(state: &state) },
        KeyBinding(.pane(.history), .keys([.character("u")]), "u", "undo the last removal (u again: the one before)",
                   footer: FooterHint(keys: "u", text: "undo", when: { !$0.history.removals.isEmpty })) { _, state in RemovingEntries.undo(state: &state) },
        KeyBinding(.pane(.history), .keys([.character("/")]), "/", "filter (Enter keeps, Esc clears)",
                   footer: FooterHint(keys: "/", text: "filter")) { _, state in FilterKeys.start(state: &state) },
        KeyBinding(.pane(.history), .keys([.enter]), "Enter", "show its details",
                   footer: FooterHint(keys: "Enter", text: "details", when: HistoryKeys.hasSelection)) { _, state in HistoryKeys.showDetails(state: &state) },
    ]

    static let filter: [KeyBinding] = [
        // Before typing: Home and End move in the list here (Ctrl-A, Ctrl-E move the caret).
        KeyBinding(.filter, .keys([.up, .down, .pageUp, .pageDown, .home, .end]), "↑ ↓ PgUp PgDn", "move in the list (Home End too)",
                   FilterKeys.move),
        KeyBinding(.filter, .typing, "typing", "the filter, ignoring case and accents",
                   footer: FooterHint(keys: "type", text: "filter"), FilterKeys.edit),
        KeyBinding(.filter, .keys([.enter]), "Enter", "keep the filter",
                   footer: FooterHint(keys: "Enter", text: "keep")) { _, state in FilterKeys.keep(state: &state) },
        KeyBinding(.filter, .keys([.escape]), "Esc", "clear the filter",
                   footer: FooterHint(keys: "Esc", text: "clear")) { _, state in FilterKeys.clear(state: &state) },
    ]
}
