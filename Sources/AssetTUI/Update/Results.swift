import AssetCore
import AssetInspection
import MarketplaceAPI

/// What the results of effects do to the state.
enum Results {
    static func apply(_ action: Action, state: inout AppState) -> [Effect] {
        let layout = state.layout
        switch action {
        case .directoryChunk(let generation, let entries):
            guard generation == state.files.generation, case .loading(let count) = state.files.listing else { return [] }
            state.files.append(entries)
            state.files.listing = .loading(count: count + entries.count)
            state.files.cursor.clamp(count: state.files.visible.count, height: layout.visibleRows(of: .files))

        case .directoryListed(let generation, let sort, let entries):
            guard generation == state.files.generation else { return [] }
            clearListingFailure(&state)
            let effects = finishListing(entries, sortedBy: sort, state: &state)
            // `R`'s listing, not another begun meanwhile: what the pane now shows.
            if state.files.reloadGeneration == generation, state.status == FilesKeys.reloading {
                let shown = state.files.visible.count
                state.status = .info(FilesKeys.reloadedStart + "\(shown) entr\(shown == 1 ? "y" : "ies") shown")
            }
            state.files.reloadGeneration = nil
            return effects

        case .directoryChanged(let generation, let entries):
            // Once the listing is complete, or failed (the folder is back); a folder too large to
            // sort on the loop waits for `R`.
            let listed = switch state.files.listing { case .complete, .failed: true; case .loading, .sorting: false }
            guard generation == state.files.generation, listed, entries.count <= FilesKeys.inlineSortLimit else { return [] }
            clearListingFailure(&state)
            state.files.replaceEntries(state.files.sort.sorted(entries), height: layout.visibleRows(of: .files))
            state.files.listing = .complete
            return BatchUploading.folderChanged(entries, in: state.files.directory, state: state)

        case .entriesSorted(let generation, let sort, let entries):
            guard generation == state.files.generation, sort == state.files.sort else { return [] }
            state.files.replaceEntries(entries, height: layout.visibleRows(of: .files))
            state.files.listing = .complete

        case .directoryFailed(let generation, let message):
            guard generation == state.files.generation else { return [] }
            // Also the listed folder's, removed since: the pane says why rather than show what it held.
            state.files.dropEntries(height: layout.visibleRows(of: .files))
            state.files.listing = .failed(message)
            state.files.listingFailure = message
            state.status = .error(message)

        case .inspected(let path, let preview, let stamp):
            // The answer for the file as it was, while the changed file's is on the way: dropped.
            if stamp != nil, state.details.inspecting == path, state.details.inspectingStamp != stamp { return [] }
            let (marks, selected) = (state.files.marks, state.files.selectedEntry?.path)
            state.details.setPreview(preview, for: path, stamp: stamp, keeping: { marks.contains(ExactPath($0)) || $0 == selected })
            if state.details.inspecting == path, state.details.inspectingStamp == stamp {
                (state.details.inspecting, state.details.inspectingStamp) = (nil, nil)
            }
            return BatchUploading.previewArrived(path: path, state: &state) + UploadStarting.pickerPreviewArrived(path: path, state: &state)

        case .thumbnailMade(let key, let result):
            state.thumbnails.record(result, for: key)
            if state.thumbnails.requested == key { state.thumbnails.requested = nil }
            DetailsScrolling.clamp(&state)

        case .uploadStarted(let jobId, let time):
            guard let index = state.uploads.index(of: jobId) else { return [] }
            state.uploads.jobs[index].rate.record(bytes: 0, at: time)

        case .uploadProgress(let jobId, let progress, let time):
            guard let index = state.uploads.index(of: jobId), state.uploads.jobs[index].status == .running else { return [] }
            state.uploads.jobs[index].progress = progress
            state.uploads.jobs[index].rate.record(bytes: progress.sentBytes, at: time)

        case .uploadFinished(let jobId, let entry):
            guard let index = state.uploads.index(of: jobId) else { return [] }
            let sent = state.uploads.jobs[index].progress?.totalBytes
            // Cancelled once its whole file had gone, it was given a moment for its answer (`CancellationGrace`).
            let tooLateToCancel = state.uploads.jobs[index].status == .cancelling ? " (too late to cancel: Marketplace had it)" : ""
            state.uploads.jobs[index].status = .finished(entry)
            state.uploads.credentialsRefused = false  // (accepted now: an `r` asked about went through)
            if let size = entry.size ?? state.uploads.jobs[index].progress?.totalBytes {
                state.uploads.jobs[index].progress = UploadProgress(sentBytes: size, totalBytes: size)
            }
            state.history.upsert(entry, height: layout.visibleRows(of: .history), followingNewest: state.details.subject != .history)
            let request = state.uploads.jobs[index].request
            let done = if case .fetch = request { "Marketplace fetched" } else { "Uploaded" }
            // An image rewritten after the read that chose its imageType went as that read chose,
            // unwarned of its size (the CLI, which reads it as it sends, warns). The size sent,
            // not the answer's: Marketplace may keep an image re-encoded. The warning stands
            // until another warning or error replaces it, not the next upload's success.
            if case .image(let path, _, let imageType) = request, let read = state.uploads.jobs[index].readSize, let sent, sent != read {
                state.status = .warning("\(request.displayName)\(Self.changedAfterRead)(\(read) bytes then, \(sent) sent): "
                                        + "uploaded as \(imageType), ID \(entry.id ?? "?"); check it in Details")
                // Read again, unless a read since has the file as it is now.
                if case .ready(let preview)? = state.details.preview(for: path), preview.size == read { state.details.forgetPreview(of: path) }
            } else if state.status?.kind != .warning || state.status?.text.contains(Self.changedAfterRead) != true {
                // A failure the status line shows (another upload's, in a batch) is not written over unsaid.
                let failed = state.uploads.jobs.count { if case .failed = $0.status { true } else { false } }
                let others = state.status?.kind != .error || failed == 0 ? "" : " · \(failed) failed: see the Upload pane (2)"
                state.status = .success("\(done) \(request.displayName): ID \(entry.id ?? "?")\(tooLateToCancel)\(others)")
            }
            return [.loadHistory]

        case .uploadFailed(let jobId, let message, let warnings, let stopsBatch):
            guard let index = state.uploads.index(of: jobId) else { return [] }
            state.uploads.jobs[index].status = .failed(message)
            let name = state.uploads.jobs[index].request.displayName
            let refused = [.credentialsRefused, .accountRefused].contains(stopsBatch)
            state.uploads.credentialsRefused = state.uploads.credentialsRefused || refused
            if let stopsBatch {
                // The uploads waiting would each fail, and be recorded, the same way: they wait
                // for `r` (after `L` signs in again, or the server is back).
                let retry = refused ? "; L signs in, r retries" : "; r retries"
                for waiting in state.uploads.jobs.indices where state.uploads.jobs[waiting].status == .queued {
                    state.uploads.jobs[waiting].status = .failed(AssetError.notStartedMessage(after: name, stopsBatch) + retry)
                }
            }
            // The Upload pane shows the failure; the history's warning has only this line. (A long
            // name, a fetch's URL, is cut in the middle by the status line, as much as its rows need.)
            // The message's advice names the CLI's commands; here `L` is the remedy, said last, where a cut keeps it.
            let signIn = refused ? " L signs in again, then r retries." : ""
            state.status = .error(warnings.isEmpty ? "\(name): \(message)\(signIn)" : "\(name) failed (Upload pane); \(summary(of: warnings))")
            return [.loadHistory]

        case .uploadCancelled(let jobId):
            guard let index = state.uploads.index(of: jobId) else { return [] }
            state.uploads.jobs[index].status = .cancelled
            // `X`'s summary stands while the uploads it stopped end.
            if state.status?.text.hasPrefix(UploadKeys.cancelAllStart) != true {
                state.status = .info("Cancelled \(state.uploads.jobs[index].request.displayName)")
            }

        case .historyLoaded(let entries):
            // The read's wait for the lock, and its own failure, on the status line, are over.
            endLockWait(&state)
            if let failure = state.history.loadError, state.status?.text == failure { state.status = nil }
            state.history.loadError = nil
            state.history.isLoaded = true
            let shown = state.details.subject == .history ? state.history.selectedEntry : nil
            state.history.replaceEntries(entries, height: layout.visibleRows(of: .history), followingNewest: state.details.subject != .history)
            // The entry Details showed went from the file, and not by `d`: say so, rather than
            // let Details show the next one unsaid (a `y` would copy another ID).
            // (An upload the history could not record was never in the file: its error stands.)
            if let shown, !state.history.removing.contains(shown.entryId), !entries.contains(where: { $0.entryId == shown.entryId }),
               !state.uploads.jobs.contains(where: { $0.notRecorded && $0.entry?.entryId == shown.entryId }) {
                state.status = .info("\(SafeText.oneLine(shown.name)) (\(HistoryState.shownID(shown))) left the history: another process removed it")
                state.history.leftHistory = state.status.map { HistoryState.Departure(entryId: shown.entryId, status: $0) }
            } else if let left = state.history.leftHistory, let back = entries.first(where: { $0.entryId == left.entryId }) {
                if state.status == left.status {
                    state.status = .info("\(SafeText.oneLine(back.name)) (\(HistoryState.shownID(back))) is back in the history: another process put it back")
                }
                state.history.leftHistory = nil
            }
            // A removal by `d` is over once its entries are gone from the file.
            if !state.history.removing.isEmpty { state.history.removing.formIntersection(entries.map(\.entryId)) }
            if !entries.isEmpty { state.history.notice = nil }
            return BatchUploading.refresh(state: &state)

        case .historyFailed(let message):
            endLockWait(&state)
            // A failed read is tried again: the same failure, said already, is not said again
            // over another message; on an empty status line (a wait for the lock ended) it is.
            guard state.history.loadError != message || state.status == nil else { return [] }
            state.history.loadError = message
            state.status = .error(message)
            // A batch that waited for the first read goes on without it, as a single `u` does.
            return BatchUploading.refresh(state: &state)

        case .historyLockWait(let notice):
            let status = StatusMessage.warning(notice.prefix(1).uppercased() + notice.dropFirst())
            state.history.lockWait = HistoryState.LockWait(status: status, replaced: state.history.lockWait?.replaced ?? state.status)
            state.status = status

        case .keyringWait(let notice):
            state.status = .warning(notice.prefix(1).uppercased() + notice.dropFirst())

        case .uploadNotRecorded(let jobId, let reason):
            if let index = state.uploads.index(of: jobId) { state.uploads.jobs[index].notRecorded = true }
            state.status = .error(reason)

        case .historyWarnings(let warnings):
            guard !warnings.isEmpty else { return [] }
            state.status = .warning(summary(of: warnings))
            // A damaged history moved aside: the empty pane says where (HistoryStore.moveAside).
            if let moved = warnings.first(where: { $0.hasPrefix(HistoryStore.movedAsideWarningStart) }) { state.history.notice = moved }

        case .historyEntriesRemoved(let removed, let label):
            RemovingEntries.finished(removed, label: label, state: &state)

        case .historyEntriesRestored(let restored, let asked, let history, let notes):
            RemovingEntries.restored(restored, asked: asked, into: history, state: &state)
            // What the other history's store did stands beside it (a status line cuts the end).
            if !notes.isEmpty, let said = state.status?.text { state.status = .warning(said + " " + summary(of: notes)) }

        case .historyRestoreFailed(let removal, let message):
            state.history.removals.append(removal)
            state.status = .error(message)

        case .historyRemovalFailed(let message):
            state.status = .error(message)

        case .refreshFinished(let artifactId, let entry):
            state.details.refreshing.remove(artifactId)
            state.details.refreshErrors[artifactId] = nil
            state.history.upsert(entry, height: layout.visibleRows(of: .history))
            for index in state.uploads.jobs.indices where state.uploads.jobs[index].entry?.entryId == entry.entryId {
                state.uploads.jobs[index].status = .finished(entry)
            }
            // Marketplace storing other bytes than were sent is an error, as `artifact ID` says it.
            if entry.verified == false, let failure = entry.failure {
                state.status = .error("\(SafeText.oneLine(entry.name)): \(failure) Upload it again.")
            } else {
                state.status = .success("Refreshed \(artifactId)")
            }
            return [.loadHistory]

        case .refreshFailed(let artifactId, let message):
            state.details.refreshing.remove(artifactId)
            state.details.refreshErrors[artifactId] = message
            // Without the ID (the Details pane shows the error beside it): at 80 columns its 36
            // characters left the message ~20.
            state.status = .error("Refresh failed: \(message)")
            return [.loadHistory]  // the entry's failure is recorded, or the entry is gone

        case .copyFinished(let label, let report):
            state.status = report.status(copying: label)

        case .signInFinished(let outcome):
            return SigningIn.finished(outcome, state: &state)

        case .today(let now):
            state.today = now

        case .tick(let now):
            for index in state.uploads.jobs.indices where state.uploads.jobs[index].status == .running {
                state.uploads.jobs[index].rate.tick(at: now)
            }

        case .key, .resize, .interrupted:
            break
        }
        return []
    }

    /// The history's warnings in one line: the first, and how many more (the CLI prints them
    /// all on stderr).
    private static func summary(of warnings: [String]) -> String {
        (warnings.first ?? "") + (warnings.count > 1 ? " (and \(warnings.count - 1) more)" : "")
    }

    /// Takes off the status line the message about a folder that could not be listed, once it lists fine.
    private static func clearListingFailure(_ state: inout AppState) {
        if let failure = state.files.listingFailure, state.status == .error(failure) { state.status = nil }
        state.files.listingFailure = nil
    }

    /// A complete listing: sorted as the pane wants now (the sort may have changed meanwhile).
    private static func finishListing(_ entries: [DirectoryEntry], sortedBy sort: FileSort, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .files)
        if sort == state.files.sort {
            state.files.completeListing(entries, height: height)
            state.files.listing = .complete
            return []
        }
        if entries.count <= FilesKeys.inlineSortLimit {
            state.files.completeListing(state.files.sort.sorted(entries), height: height)
            state.files.listing = .complete
            return []
        }
        state.files.completeListing(entries, height: height)
        state.files.listing = .sorting
        return [.sortEntries(generation: state.files.generation, sort: state.files.sort, entries: entries)]
    }

    /// What the status line says of an image rewritten after it was read, between its name and sizes.
    static let changedAfterRead = " changed after it was read "

    /// The status line's "waiting for the history", once that wait is over.
    /// The message the wait replaced comes back, unless another took the wait's place meanwhile.
    private static func endLockWait(_ state: inout AppState) {
        if let wait = state.history.lockWait, state.status == wait.status { state.status = wait.replaced }
        state.history.lockWait = nil
    }
}
