import MarketplaceAPI

/// `u` and `f`: from a selected file or a typed URL to a queued upload job.
enum UploadStarting {
    /// `u` in Files: an image asks for its imageType, an artifact is queued once its preview is
    /// read (a second `u` first when this server has its key and version: `PendingJarUpload`);
    /// with marked files, the batch overlay lists them all (`BatchUploading`).
    static func uploadSelectedFile(state: inout AppState) -> [Effect] {
        if !state.files.marks.isEmpty { return BatchUploading.open(state: &state) }
        guard let file = FilesKeys.selectedFile(verb: "upload", ifFolder: "select a file to upload", state: &state)
        else { return [] }
        let (entry, path) = file
        let preview = state.details.preview(for: path)
        if entry.kind == .other, preview == nil {
            state.status = .error("\(entry.name) is not a regular file and cannot be uploaded")
            return []
        }
        switch preview {
        case .ready(let preview):
            switch preview.content {
            case .image(let image):
                openPicker(path: path, fileName: entry.name, warnings: image.warningsByImageType, state: &state)
                return []
            case .artifact(let plugin):
                guard state.history.hasAnswered else {
                    waitForRead(path, state: &state)
                    state.status = .info("Reading the history to see whether this server has \(entry.name)" + uploadsOnceRead)
                    return []
                }
                // The same key and version on this server again asks for a second `u`, as the
                // CLI asks for --allow-duplicate: a release run twice stores the build twice.
                if state.pendingJarUpload != .askedAgain(path: path),
                   let warning = state.earlierUpload(of: plugin)?.warning {
                    state.pendingJarUpload = .askedAgain(path: path)
                    state.status = .warning(askAgain + warning)
                    return []
                }
                let uploadAgain = state.pendingJarUpload == .askedAgain(path: path)
                state.pendingJarUpload = nil
                return UploadQueue.enqueue(.artifact(path: path, fileName: entry.name, uploadAgain: uploadAgain), state: &state)
            }
        case .failed(let message):
            state.status = .error("Cannot upload \(entry.name): \(message)")
            return []
        case nil:
            if entry.uploadKind == .image {
                openPicker(path: path, fileName: entry.name, warnings: nil, state: &state)
                return []
            }
            waitForRead(path, state: &state)
            state.status = .info("Reading \(entry.name)" + uploadsOnceRead)
            return []
        }
    }

    /// How the question of a second `u` starts: the answer first, as a narrow status line cuts
    /// the end of a long one.
    static let askAgain = "u again uploads it anyway: "
    private static let uploadsOnceRead = "… it uploads once read"

    /// Once the preview and the history a `u` waits for are read, does what that `u` would have done.
    static func resumeAfterRead(_ state: inout AppState) -> [Effect] {
        guard case .awaitingRead(let path, _)? = state.pendingJarUpload, state.details.preview(for: path) != nil, state.history.hasAnswered
        else { return [] }
        dropPendingJarUpload(&state)
        // (Only keys move the selection, and a key drops the wait; but a build may remove the file.)
        return state.files.selectedEntry?.path == path ? uploadSelectedFile(state: &state) : []
    }

    /// Waits for what says whether this server has the jar at `path`; a `u` again for the same
    /// jar renews the wait (its count changes, so `Update` does not take it for another key).
    private static func waitForRead(_ path: String, state: inout AppState) {
        let presses = if case .awaitingRead(path, let presses)? = state.pendingJarUpload { presses + 1 } else { 1 }
        state.pendingJarUpload = .awaitingRead(path: path, presses: presses)
    }

    /// Drops a `u` that waits (another key was pressed), and the status line that told of it.
    static func dropPendingJarUpload(_ state: inout AppState) {
        state.pendingJarUpload = nil
        if let text = state.status?.text, text.hasPrefix(askAgain) || text.hasPrefix(UploadKeys.askAgain) || text.hasSuffix(uploadsOnceRead) {
            state.status = nil
        }
    }

    /// Opens the imageType picker, the suggestion the file name mentions highlighted, else
    /// the one whose documented size the image has, else `screenshot`, as the batch list assumes. `warnings` holds the
    /// suggestions the image misses, from its preview; nil before the preview is ready.
    static func openPicker(path: String, fileName: String, warnings: [String: String]?, state: inout AppState) {
        let choices = state.imageTypeChoices
        state.overlay = .imageTypePicker(ImageTypePicker(
            path: path, fileName: fileName, choices: choices,
            highlighted: suggestedChoice(fileName: fileName, warnings: warnings, choices: choices), warnings: warnings ?? [:]))
        sayFileWarnings(path: path, state: &state)
    }

    /// The file's own warnings (cut short, really another format, turned by Exif), on the
    /// status line while its imageType is chosen, as `upload-image` prints them before sending:
    /// the picker itself holds the imageTypes' size warnings.
    private static func sayFileWarnings(path: String, state: inout AppState) {
        guard case .ready(let preview)? = state.details.preview(for: path), !preview.warnings.isEmpty else { return }
        state.status = .warning(preview.warnings.joined(separator: "; "))
    }

    private static func suggestedChoice(fileName: String, warnings: [String: String]?, choices: [ImageTypeChoice]) -> Int {
        guessedChoice(fileName: fileName, choices: choices) ?? warnings.flatMap { sizeMatch(warnings: $0, choices: choices) }
            ?? choices.firstIndex { $0.name == BatchUploading.assumedImageType } ?? 0
    }

    /// The image the picker was opened for before it was read (`u` pressed at once) is read:
    /// its size marks show, its size chooses the line unless a key did, and an Enter that
    /// waited for it uploads; an image that cannot be read closes the picker, saying why.
    static func pickerPreviewArrived(path: String, state: inout AppState) -> [Effect] {
        guard case .imageTypePicker(var picker) = state.overlay, picker.path == path,
              let preview = state.details.preview(for: path) else { return [] }
        switch preview {
        case .ready(let ready):
            guard case .image(let image) = ready.content else {
                state.overlay = nil
                state.status = .error("Cannot upload \(picker.fileName) as an image: it reads as an app artifact")
                return []
            }
            picker.warnings = image.warningsByImageType
            sayFileWarnings(path: path, state: &state)
            let shown = picker.highlighted
            if !picker.chosenByKey {
                picker.highlighted = suggestedChoice(fileName: picker.fileName, warnings: picker.warnings, choices: picker.choices)
            }
            state.overlay = .imageTypePicker(picker)
            guard picker.enterWaits else { return [] }
            // Never an imageType other than the one Enter was pressed on: a new suggestion is shown first.
            guard picker.highlighted == shown else {
                picker.enterWaits = false
                state.overlay = .imageTypePicker(picker)
                state.status = .info("\(picker.fileName) is \(image.width)×\(image.height): \(picker.chosenImageType ?? "") suggested; Enter uploads it as that")
                return []
            }
            return OverlayKeys.confirmPicker(state: &state)
        case .failed(let message):
            state.overlay = nil
            state.status = .error("Cannot upload \(picker.fileName): \(message)")
            return []
        }
    }

    /// The first suggestion with a documented size that the image has: one `warnings` (the
    /// preview's, by imageType) does not warn about.
    static func sizeMatch(warnings: [String: String], choices: [ImageTypeChoice]) -> Int? {
        choices.firstIndex { $0.recommendedSize != nil && warnings[$0.name] == nil }
    }

    /// The suggestion the file name names: words of the name, run together, spell it (or its
    /// plural): `banner` for `my-banner.jpg`, `title-logo` for `TitleLogo.png`, `screenshot` for
    /// `Screen Shot 2.png` or `screenshots-3.png`; not `icon` for `iconic.png`. A type spelt
    /// inside another's words gives way (`logo` in `title-logo`); a name that names two
    /// (`logo-banner.png`) names none, and the image's size decides.
    static func guessedChoice(fileName: String, choices: [ImageTypeChoice]) -> Int? {
        let words = Self.words(of: fileName)
        // Where each choice is spelt: the words it takes.
        let spelt: [(choice: Int, words: Range<Int>)] = choices.indices.compactMap { index in
            let name = Self.words(of: choices[index].name).joined()
            guard !name.isEmpty else { return nil }
            for start in words.indices {
                var run = ""
                for end in start..<words.count {
                    run += words[end]
                    if run == name || run == name + "s" || run == name + "es" { return (index, start..<(end + 1)) }
                    if run.count > name.count { break }
                }
            }
            return nil
        }
        let named = spelt.filter { match in
            !spelt.contains { $0.words != match.words && $0.words.contains(match.words.lowerBound) && $0.words.contains(match.words.upperBound - 1) }
        }
        return Set(named.map(\.choice)).count == 1 ? named[0].choice : nil
    }

    /// `My_BannerImage2x`, `HEROBanner` → `my`, `banner`, `image`, `2`, `x`; `hero`, `banner`:
    /// split at what is no letter or digit, where a capital follows a small letter or starts a
    /// capitalised word, and between letters and digits; in small letters.
    private static func words(of name: String) -> [String] {
        let characters = Array(name)
        var words: [String] = [], word = ""
        for (index, character) in characters.enumerated() {
            if index > 0, !word.isEmpty {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let capitalisedWord = previous.isUppercase && character.isUppercase && next?.isLowercase == true
                if previous.isLowercase && character.isUppercase || capitalisedWord || previous.isLetter != character.isLetter
                    || !(character.isLetter || character.isNumber) {
                    words.append(word.lowercased())
                    word = ""
                }
            }
            if character.isLetter || character.isNumber { word.append(character) }
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words
    }

    /// Why a URL cannot be fetched, or `nil` when it can be tried (the server judges the rest).
    static func problem(withFetchURL text: String) -> String? {
        do {
            _ = try FetchURI(text)
            return nil
        } catch {
            return error.message
        }
    }
}
