import Foundation

/// Keys while an overlay is open: it takes them all.
enum OverlayKeys {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .help(let scrollTop)?:
            return help(key, scrollTop: scrollTop, state: &state)
        case .imageTypePicker(var picker)?:
            return imageTypePicker(key, picker: &picker, state: &state)
        case .urlPrompt(var field)?:
            return urlPrompt(key, field: &field, state: &state)
        case .copyMenu(var menu)?:
            return copyMenu(key, menu: &menu, state: &state)
        case .confirmQuit?:
            switch key {
            case .character("y"), .character("Y"), .character("q"):
                return Quitting.quitCancellingUploads(state: &state)
            case .character("n"), .character("N"), .escape:
                state.overlay = nil
            default:
                break
            }
            return []
        case nil:
            return []
        }
    }

    /// Help scrolls with the list keys; any other key closes it.
    private static func help(_ key: Key, scrollTop: Int, state: inout AppState) -> [Effect] {
        let visible = HelpOverlayView.visibleLines(screen: state.screen)
        let maxTop = max(0, HelpOverlayView.lineCount(screen: state.screen) - visible)
        let newTop: Int
        switch key {
        case .up, .character("k"): newTop = scrollTop - 1
        case .down, .character("j"): newTop = scrollTop + 1
        case .pageUp: newTop = scrollTop - visible
        case .pageDown: newTop = scrollTop + visible
        case .home, .character("g"): newTop = 0
        case .end, .character("G"): newTop = maxTop
        default:
            state.overlay = nil
            return []
        }
        state.overlay = .help(scrollTop: max(0, min(newTop, maxTop)))
        return []
    }

    private static func imageTypePicker(_ key: Key, picker: inout ImageTypePicker, state: inout AppState) -> [Effect] {
        switch key {
        case .up, .control("p"):
            picker.highlighted = max(0, picker.highlighted - 1)
        case .down, .control("n"):
            picker.highlighted = min(picker.choices.count - 1, picker.highlighted + 1)
        default:
            switch picker.custom.apply(key) {
            case .cancelled:
                state.overlay = nil
                state.status = .info("Upload cancelled")
                return []
            case .submitted:
                guard let imageType = picker.chosenImageType else { return [] }
                guard UploadStarting.isValidImageType(imageType) else {
                    state.status = .error("An imageType may only hold letters, digits, - and _")
                    state.overlay = .imageTypePicker(picker)
                    return []
                }
                state.overlay = nil
                return UploadQueue.enqueue(
                    .image(path: picker.path, fileName: picker.fileName, imageType: imageType), state: &state)
            case .edited, .ignored:
                break
            }
        }
        state.overlay = .imageTypePicker(picker)
        return []
    }

    private static func urlPrompt(_ key: Key, field: inout TextField, state: inout AppState) -> [Effect] {
        switch field.apply(key) {
        case .cancelled:
            state.overlay = nil
            return []
        case .submitted:
            let uri = field.text.trimmingCharacters(in: .whitespaces)
            if let problem = UploadStarting.problem(withFetchURL: uri) {
                state.status = .error(problem)
                state.overlay = .urlPrompt(field)
                return []
            }
            state.overlay = nil
            return UploadQueue.enqueue(.fetch(uri: uri), state: &state)
        case .edited, .ignored:
            state.overlay = .urlPrompt(field)
            return []
        }
    }

    private static func copyMenu(_ key: Key, menu: inout CopyMenu, state: inout AppState) -> [Effect] {
        switch key {
        case .up, .character("k"):
            menu.highlighted = max(0, menu.highlighted - 1)
        case .down, .character("j"):
            menu.highlighted = min(menu.options.count - 1, menu.highlighted + 1)
        case .enter:
            state.overlay = nil
            return Copying.copy(menu.options[menu.highlighted], state: &state)
        case .character(let character) where character.wholeNumberValue.map { (1...menu.options.count).contains($0) } ?? false:
            state.overlay = nil
            return Copying.copy(menu.options[character.wholeNumberValue! - 1], state: &state)
        case .escape, .character("q"):
            state.overlay = nil
            return []
        default:
            break
        }
        state.overlay = .copyMenu(menu)
        return []
    }
}
