import AssetCore
import Foundation

/// What the keys of the overlays do (bound in `KeyTable`); each overlay takes every key
/// while it is open.
enum OverlayKeys {
    // MARK: Help

    /// Help scrolls with the list keys.
    static func scrollHelp(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .help(let scrollTop, let over) = state.overlay else { return [] }
        let visible = HelpOverlayView.visibleLines(screen: state.screen)
        let move = ListMove(key, page: visible + 1) ?? .by(0)
        state.overlay = .help(scrollTop: move.applied(to: scrollTop, last: lastHelpTop(state)), over: over)
        return []
    }

    /// Keeps help's scrolling within its lines after a resize, which lays it out anew (in one
    /// column or two) with another length.
    static func clampHelp(_ state: inout AppState) {
        guard case .help(let scrollTop, let over) = state.overlay else { return }
        state.overlay = .help(scrollTop: min(scrollTop, lastHelpTop(state)), over: over)
    }

    private static func lastHelpTop(_ state: AppState) -> Int {
        max(0, HelpOverlayView.lineCount(screen: state.screen) - HelpOverlayView.visibleLines(screen: state.screen))
    }

    /// Closes whatever overlay is open; help opened over a dialog gives the dialog back.
    static func close(state: inout AppState) -> [Effect] {
        if case .help(_, let over)? = state.overlay { state.overlay = over } else { state.overlay = nil }
        return []
    }

    /// Esc / q in the copy menu: says nothing was copied, so that an earlier copy's "✓ Copied …"
    /// does not seem this one's (an error or a warning stays in view).
    static func closeCopyMenu(state: inout AppState) -> [Effect] {
        state.overlay = nil
        if state.status.map({ $0.kind == .info || $0.kind == .success }) ?? true { state.status = .info("Nothing copied") }
        return []
    }

    /// F1, whatever is open: help, over a dialog too (`?` is typed into a dialog's field).
    static func openHelp(state: inout AppState) -> [Effect] {
        if case .help? = state.overlay { return [] }
        guard !state.screen.isTooSmall else { return [] }
        state.overlay = .help(scrollTop: 0, over: state.overlay)
        return []
    }

    // MARK: imageType picker

    /// ↑ ↓: the previous or next suggestion; with a name typed, back to the suggestions (the
    /// highlighted one, the text cleared).
    static func choosePickerLine(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .imageTypePicker(var picker) = state.overlay else { return [] }
        // Typed text, if any, gives way to the suggestions: `↑ ↓ choose one` after the question
        // about a typed name means what it says (the text went up still).
        if !picker.custom.text.isEmpty {
            picker.custom = TextField(maxLength: picker.custom.maxLength)
            picker.confirmedCustom = nil
        } else {
            let step = (key == .up || key == .control("p")) ? -1 : 1
            picker.highlighted = max(0, min(picker.choices.count - 1, picker.highlighted + step))
        }
        chosenByKey(&picker, state: &state)
        return []
    }

    /// A key chose the line or typed a name: the image's size no longer chooses, and an Enter
    /// that waited for it is dropped (its status line with it: the next Enter uploads).
    private static func chosenByKey(_ picker: inout ImageTypePicker, state: inout AppState) {
        if picker.enterWaits { state.status = nil }
        (picker.chosenByKey, picker.enterWaits) = (true, false)
        state.overlay = .imageTypePicker(picker)
    }

    /// Typing: a custom imageType.
    static func editPickerText(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .imageTypePicker(var picker) = state.overlay else { return [] }
        let outcome = picker.custom.apply(key)
        chosenByKey(&picker, state: &state)
        if outcome == .cut { state.status = .warning(picker.custom.cutNotice) }
        return []
    }

    /// Enter: queues the upload with the chosen imageType.
    static func confirmPicker(state: inout AppState) -> [Effect] {
        guard case .imageTypePicker(var picker) = state.overlay, let typed = picker.chosenImageType else { return [] }
        let imageType: String
        do {
            imageType = try ImageType.validatedName(typed)
        } catch {
            state.status = .error(error.message)
            return []
        }
        // A name Marketplace does not name is asked about once: `j` `k` type here (they move
        // in lists), and `jj` went up as an imageType no listing field takes.
        if ImageType.named(imageType) == nil, picker.confirmedCustom != imageType {
            picker.confirmedCustom = imageType
            state.overlay = .imageTypePicker(picker)
            // The answer first, as `askAgain`: a narrow status line cuts the end, and the name may be long.
            let meant = ImageType.likelyMeant(imageType).map { " (did you mean \($0)?)" } ?? ""
            state.status = .warning("Enter again uploads it anyway, ↑ ↓ choose one\(meant): \(imageType) is not an imageType Marketplace names (no listing field takes it)")
            return []
        }
        // Before the image is read, its size may yet choose the line, or show that it cannot be uploaded.
        guard state.details.preview(for: picker.path) != nil else {
            picker.enterWaits = true
            state.overlay = .imageTypePicker(picker)
            state.status = .info("Reading \(picker.fileName)… it uploads once read")
            return []
        }
        state.overlay = nil
        return UploadQueue.enqueue(.image(path: picker.path, fileName: picker.fileName, imageType: imageType), state: &state)
    }

    /// Esc: no upload.
    static func cancelPicker(state: inout AppState) -> [Effect] {
        state.overlay = nil
        state.status = .info("Nothing uploaded")
        return []
    }

    // MARK: Fetch URL prompt

    /// Typing: the URL.
    static func editURL(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .urlPrompt(var field) = state.overlay else { return [] }
        if field.apply(key) == .cut { state.status = .warning(field.cutNotice) }
        state.overlay = .urlPrompt(field)
        return []
    }

    /// Enter: queues the fetch, or says what is wrong with the URL.
    static func submitURL(state: inout AppState) -> [Effect] {
        guard case .urlPrompt(let field) = state.overlay else { return [] }
        let uri = field.text.trimmingCharacters(in: .whitespaces)
        if let problem = UploadStarting.problem(withFetchURL: uri) {
            state.status = .error(problem)
            return []
        }
        state.overlay = nil
        return UploadQueue.enqueue(.fetch(uri: uri), state: &state)
    }

    // MARK: Copy menu

    /// ↑ ↓: the previous or next line.
    static func chooseCopyLine(_ key: Key, state: inout AppState) -> [Effect] {
        // A page is the whole menu (a few lines): PgDn goes to its last.
        guard case .copyMenu(var menu) = state.overlay, let move = ListMove(key, page: menu.options.count + 1) else { return [] }
        menu.highlighted = move.applied(to: menu.highlighted, last: menu.options.count - 1)
        state.overlay = .copyMenu(menu)
        return []
    }

    /// Enter: copies the highlighted line.
    static func copyHighlighted(state: inout AppState) -> [Effect] {
        guard case .copyMenu(let menu) = state.overlay else { return [] }
        state.overlay = nil
        return Copying.copy(menu.options[menu.highlighted], state: &state)
    }

    /// A digit: copies that line, if there is one.
    static func copyNumbered(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .copyMenu(let menu) = state.overlay, case .character(let character) = key,
              let number = character.wholeNumberValue, menu.options.indices.contains(number - 1)
        else { return [] }
        state.overlay = nil
        return Copying.copy(menu.options[number - 1], state: &state)
    }
}
