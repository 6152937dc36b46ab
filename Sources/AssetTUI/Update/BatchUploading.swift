import AssetCore
import AssetInspection
import Foundation

/// `u` with marked files: the batch overlay, its keys, and queueing every file at once.
///
/// An image's imageType is chosen as the single-file picker highlights it: the type the file
/// name names, else the one whose documented size the image has, else `screenshot` with a
/// note. The sizes come from the same previews as the Details pane; every marked file is read
/// again with one `inspectFiles` effect (one may have changed or gone since it was marked), and
/// each line follows as they arrive.
enum BatchUploading {
    /// The imageType assumed for an image whose name and size name none.
    static let assumedImageType = "screenshot"

    /// Opens the overlay for the marked files, and reads each again: what it is now, and
    /// whether it is still there. Until its read arrives a line is what its name says (an
    /// earlier preview may describe the file as it was).
    static func open(state: inout AppState) -> [Effect] {
        let choices = state.imageTypeChoices
        var lines = state.files.marks.items.map(\.path).map { path in
            line(path: path, preview: nil, choices: choices)
        }
        let names = DistinctNames.names(of: lines.map(\.path))
        for index in lines.indices { lines[index].fileName = names[index] }
        var batch = BatchUpload(lines: lines, choices: choices)
        skipRepeats(&batch, details: state.details)
        state.overlay = .batchUpload(batch)
        // The marks' hint ("Esc clears the marks") is not what the dialog's Esc does.
        state.status = nil
        return lines.isEmpty ? [] : [.inspectFiles(paths: lines.map(\.path))]
    }

    /// A preview arrived: the line of that file, if the overlay shows one, takes the size
    /// (and the imageType it suggests, unless the user chose one on that line). The last jar's
    /// preview queues the batch when Enter came before it.
    @discardableResult
    static func previewArrived(path: String, state: inout AppState) -> [Effect] {
        update(where: { $0 == path }, state: &state)
    }

    /// The batch's files in `folder` that a change of its listing took away (an `mv`, a build's
    /// clean) or changed (rewritten in place) are read again: a line never queues a file that
    /// is gone (it says so, skipped), nor sends what it was not read as.
    static func folderChanged(_ entries: [DirectoryEntry], in folder: String, state: AppState) -> [Effect] {
        guard case .batchUpload(let batch)? = state.overlay else { return [] }
        let listed = Dictionary(entries.compactMap { entry in entry.path.map { (ExactPath($0), entry.stamp) } }, uniquingKeysWith: { first, _ in first })
        let changed = batch.lines.map(\.path).filter { path in
            guard DirectoryLister.isEntry(path, of: folder) else { return false }
            // (Gone, and read so already: not again at every change of the folder.)
            guard let stamp = listed[ExactPath(path)] else { return state.details.previewStamp(of: path) != .missing }
            return !state.details.isPreview(of: path, current: stamp)
        }
        return changed.isEmpty ? [] : [.inspectFiles(paths: changed)]
    }

    /// The lines take the previews and the history as they are now: after a read of the history
    /// (an upload ended, entries went; the artifacts' lines say whether this server has their
    /// key and version). An Enter that waited for them goes on.
    static func refresh(state: inout AppState) -> [Effect] {
        update(where: { _ in true }, state: &state)
    }

    /// The lines of the files `isUpdated` names take their previews and the history as they
    /// are now, every one before an Enter that waited goes on (line by line, an image's line
    /// queued the batch before a jar's took the history that holds it back).
    private static func update(where isUpdated: (String) -> Bool, state: inout AppState) -> [Effect] {
        guard case .batchUpload(var batch)? = state.overlay else { return [] }
        // (A line skipped as a repeat is worked out again with the others: the file it repeated may have changed.)
        for index in batch.lines.indices where isUpdated(batch.lines[index].path) || batch.lines[index].isRepeat {
            let path = batch.lines[index].path
            var updated = line(path: path, preview: state.details.preview(for: path), choices: batch.choices,
                               earlierUpload: { [state] in state.earlierUpload(of: $0) })
            updated.fileName = batch.lines[index].fileName
            if batch.lines[index].origin == .user, case .image = updated.kind, case .image = batch.lines[index].kind {
                updated.kind = batch.lines[index].kind
                updated.origin = .user
            }
            updated.uploadAgainDespite = batch.lines[index].uploadAgainDespite
            batch.lines[index] = updated
        }
        skipRepeats(&batch, details: state.details)
        state.overlay = .batchUpload(batch)
        return batch.confirmWhenRead ? confirm(byKey: false, state: &state) : []
    }

    /// What Enter waits for before it queues: the jars still being read, or the history, until
    /// its first read (the two say whether this server has a jar), and the images whose size
    /// may still choose their imageType; `nil` when nothing.
    static func waitsFor(_ batch: BatchUpload, history: HistoryState) -> String? {
        let unread = batch.lines.count(where: \.isUnreadArtifact)
        if unread > 0 {
            return "Reading \(unread) jar\(unread == 1 ? "" : "s") to see whether this server has \(unread == 1 ? "it" : "them")"
        }
        if !history.hasAnswered, batch.lines.contains(where: { $0.kind == .artifact }) {
            return "Reading the history to see whether this server has the marked jars"
        }
        let images = batch.lines.count(where: \.isUnreadImage)
        guard images > 0 else { return nil }
        return "Reading \(images) image\(images == 1 ? "" : "s") for the size that chooses \(images == 1 ? "its" : "their") imageType"
    }

    /// One file marked under two paths (a symbolic or hard link and its target), and a plugin
    /// key and version marked twice (a jar and its copy): the later lines are skipped, saying
    /// which file has it, rather than uploaded twice (the CLI refuses such a call). A Maven side
    /// jar (`-sources.jar`, which holds the same descriptor) comes after the others, so that
    /// the build's main jar is the one that goes, though `-` sorts before `.`.
    static func skipRepeats(_ batch: inout BatchUpload, details: DetailsState) {
        var fileWith: [FileIdentity: String] = [:], releases = ReleasesOfACall()
        for index in FileInspector.sideJarsLast(batch.lines.map(\.fileName)) {
            if case .skipped = batch.lines[index].kind { continue }
            guard case .ready(let preview)? = details.preview(for: batch.lines[index].path) else { continue }
            let name = batch.lines[index].fileName
            if let identity = preview.identity {
                if let earlier = fileWith[identity] {
                    batch.lines[index].kind = .skipped("the same file as \(earlier), marked under another path")
                    batch.lines[index].isRepeat = true
                    continue
                }
                fileWith[identity] = name
            }
            guard case .artifact(let plugin?) = preview.content, let key = plugin.key, let version = plugin.version else { continue }
            if let earlier = releases.earlierFile(key: key, version: version, file: name) {
                batch.lines[index].kind = .skipped("\(key) \(version) is \(earlier)'s key and version too")
                batch.lines[index].isRepeat = true
            }
        }
    }

    /// One marked file's line: what it is by its preview when there is one, else by its name;
    /// `earlierUpload` says whether this server has a jar's key and version (`AppState.earlierUpload(of:)`).
    static func line(
        path: String, preview: PreviewState?, choices: [ImageTypeChoice], earlierUpload: (PluginPreview?) -> EarlierUpload? = { _ in nil }
    ) -> BatchUpload.Line {
        let fileName = SafeText.sanitize(URL(fileURLWithPath: path).lastPathComponent)
        var line = BatchUpload.Line(path: path, fileName: fileName, kind: .skipped(""))
        var isImage = UploadKind(fileName: fileName) == .image
        switch preview {
        case .failed(let message)?:
            line.isRead = true
            // The line names the file already: the reason without the name it starts with
            // (`EffectRunner.preview` made it the name), `empty (0 bytes)` for `x.png is empty (0 bytes)`.
            if message.hasPrefix(fileName + " ") {
                let reason = message.dropFirst(fileName.count + 1)
                line.kind = .skipped(String(reason.hasPrefix("is ") ? reason.dropFirst(3) : reason))
            } else {
                line.kind = .skipped(message)
            }
            return line
        case .ready(let preview)?:
            line.isRead = true
            switch preview.content {
            case .image(let image):
                isImage = true
                line.pixelSize = "\(image.width)×\(image.height)"
                line.warnings = image.warningsByImageType
                line.fileWarnings = preview.warnings
                line.wrongFormat = image.listing.first { $0.outcome == .wrongFormat }?.sentence
            case .artifact(let plugin):
                line.kind = .artifact
                line.earlierUpload = earlierUpload(plugin)
                return line
            }
        case nil:
            if UploadKind(fileName: fileName) == .artifact {
                line.kind = .artifact
                return line
            }
        }
        guard isImage else {
            line.kind = .skipped("neither an image (png, jpg, gif, bmp) nor an artifact (jar, obr)")
            return line
        }
        if let choice = UploadStarting.guessedChoice(fileName: fileName, choices: choices) {
            line.kind = .image(choice: choice)
            line.origin = .name
        } else if let choice = line.warnings.flatMap({ UploadStarting.sizeMatch(warnings: $0, choices: choices) }) {
            line.kind = .image(choice: choice)
            line.origin = .size
        } else {
            line.kind = .image(choice: choices.firstIndex { $0.name == assumedImageType } ?? 0)
            line.origin = .assumed
        }
        return line
    }

    // MARK: Keys

    /// ↑ ↓: the previous or next line.
    static func chooseLine(_ key: Key, state: inout AppState) -> [Effect] {
        // A page: about the rows the list shows (the overlay leaves ten rows of the screen to the rest).
        guard case .batchUpload(var batch)? = state.overlay, let move = ListMove(key, page: max(2, state.screen.height - 10)) else { return [] }
        batch.highlighted = move.applied(to: batch.highlighted, last: batch.lines.count - 1)
        state.overlay = .batchUpload(batch)
        return []
    }

    /// ← → Tab Shift-Tab: the previous or next imageType for the highlighted image; for an
    /// artifact this server has, whether to upload it again.
    static func cycleImageType(_ key: Key, state: inout AppState) -> [Effect] {
        guard case .batchUpload(var batch)? = state.overlay, batch.lines.indices.contains(batch.highlighted) else { return [] }
        if batch.lines[batch.highlighted].kind == .artifact, let earlier = batch.lines[batch.highlighted].earlierUpload {
            batch.lines[batch.highlighted].uploadAgainDespite = batch.lines[batch.highlighted].uploadAgain ? nil : earlier
            state.overlay = .batchUpload(batch)
            return []
        }
        guard case .image(let choice) = batch.lines[batch.highlighted].kind, !batch.choices.isEmpty else { return [] }
        let step = (key == .left || key == .backTab || key == .character("h")) ? -1 : 1
        let count = batch.choices.count
        batch.lines[batch.highlighted].kind = .image(choice: (choice + step + count) % count)
        batch.lines[batch.highlighted].origin = .user
        batch.kindsAtEnter?[batch.highlighted] = batch.lines[batch.highlighted].kind  // seen as it is now
        state.overlay = .batchUpload(batch)
        return []
    }

    /// Enter: queues every image and artifact (one job each) and clears the marks; waits for
    /// the jars still being read and the history's first read (whether this server has the
    /// jars), as a single `u` does.
    /// `byKey`: an Enter pressed (the lines as they are now were seen), not a read that an Enter waited for.
    static func confirm(byKey: Bool = true, state: inout AppState) -> [Effect] {
        guard case .batchUpload(var batch)? = state.overlay else { return [] }
        if byKey { batch.kindsAtEnter = nil }
        if let reading = waitsFor(batch, history: state.history) {
            batch.confirmWhenRead = true
            batch.kindsAtEnter = batch.kindsAtEnter ?? batch.lines.map(\.kind)  // as the Enter saw them
            state.overlay = .batchUpload(batch)
            state.status = .info(reading + ": the files are queued once read")
            return []
        }
        batch.confirmWhenRead = false
        // A read chose another imageType than the one shown at Enter: shown first, not uploaded.
        let shown = batch.kindsAtEnter
        batch.kindsAtEnter = nil
        let changed = shown.map { kinds in
            batch.lines.indices.filter { index in
                guard case .image = batch.lines[index].kind, case .image = kinds[index] else { return false }
                return batch.lines[index].kind != kinds[index]
            }
        } ?? []
        if !changed.isEmpty {
            state.overlay = .batchUpload(batch)
            let names = changed.prefix(3).map { "\(batch.lines[$0].fileName) is \(batch.imageType(of: batch.lines[$0]) ?? "")" }
            state.status = .info("Read: " + names.joined(separator: ", ") + (changed.count > 3 ? ", …" : "") + (changed.count == 1 ? " by its size" : " by their sizes") + "; Enter uploads as shown")
            return []
        }
        state.overlay = .batchUpload(batch)
        let requests = batch.requests
        guard !requests.isEmpty else {
            let held = batch.lines.count(where: \.isHeldBack)
            state.status = .error(held > 0
                ? "This server has the marked jar\(held == 1 ? "" : "s") already: ← → on a line uploads it again; Esc closes, the marks stay"
                : "None of the marked files can be uploaded; Esc closes, the marks stay")
            return []
        }
        state.overlay = nil
        var effects: [Effect] = []
        for request in requests {
            effects += UploadQueue.enqueue(request, state: &state)
        }
        state.files.marks.removeAll()
        let skipped = batch.skippedCount
        state.status = .info("Queued \(requests.count) file\(requests.count == 1 ? "" : "s")"
            + (skipped > 0 ? ", skipped \(skipped)" : "") + "; the marks are cleared")
        return effects
    }

    /// Esc: nothing is queued; the marks stay.
    static func cancel(state: inout AppState) -> [Effect] {
        state.overlay = nil
        state.status = .info("Nothing uploaded; the marks stay (Esc in Files clears them)")
        return []
    }
}
