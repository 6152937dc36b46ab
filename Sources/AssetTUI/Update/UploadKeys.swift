/// Keys of the Upload pane.
enum UploadKeys {
    static func handle(_ key: Key, state: inout AppState) -> [Effect] {
        let height = state.layout.visibleRows(of: .upload)
        if ListKeys.move(key, cursor: &state.uploads.cursor, count: state.uploads.jobs.count, height: height) {
            Navigation.selectionMoved(.upload, state: &state)
            return []
        }
        switch key {
        case .character("x"), .delete:
            return cancelSelected(state: &state)
        case .character("r"):
            retrySelected(state: &state)
        case .character("c"):
            clearDone(state: &state)
        case .character("y"):
            return Copying.copyID(of: state.uploads.selectedJob?.entry, state: &state)
        case .character("Y"):
            Copying.openMenu(for: state.uploads.selectedJob?.entry, state: &state)
        case .character("R"):
            return Refreshing.refresh(state.uploads.selectedJob?.entry, state: &state)
        case .enter:
            if state.uploads.selectedJob != nil {
                Navigation.focus(.details, state: &state)
                Navigation.showInDetails(.upload, state: &state)
            }
        case .right, .character("l"):
            Navigation.focus(Navigation.paneToTheRight(of: .upload)!, state: &state)
        default:
            break
        }
        return []
    }

    /// `x`: a queued job is dropped at once; a running one is asked to stop.
    private static func cancelSelected(state: inout AppState) -> [Effect] {
        let index = state.uploads.cursor.selection
        guard state.uploads.jobs.indices.contains(index) else {
            state.status = .info("No upload selected")
            return []
        }
        let job = state.uploads.jobs[index]
        switch job.status {
        case .queued:
            state.uploads.jobs[index].status = .cancelled
            state.status = .info("Cancelled \(job.request.displayName)")
            return []
        case .running:
            state.uploads.jobs[index].status = .cancelling
            state.status = .info("Cancelling \(job.request.displayName)…")
            return [.cancelUpload(jobId: job.id)]
        case .cancelling:
            return []
        case .finished, .failed, .cancelled:
            state.status = .info("\(job.request.displayName) is not running")
            return []
        }
    }

    /// `r`: a failed or cancelled job goes back in the queue.
    private static func retrySelected(state: inout AppState) {
        let index = state.uploads.cursor.selection
        guard state.uploads.jobs.indices.contains(index) else {
            state.status = .info("No upload selected")
            return
        }
        switch state.uploads.jobs[index].status {
        case .failed, .cancelled:
            state.uploads.jobs[index].status = .queued
            state.uploads.jobs[index].attempt += 1
            state.uploads.jobs[index].progress = nil
            state.uploads.jobs[index].rate = TransferRate()
            state.status = .info("Retrying \(state.uploads.jobs[index].request.displayName)")
        default:
            state.status = .info("Only a failed or cancelled upload can be retried")
        }
    }

    /// `c`: removes finished, failed and cancelled jobs.
    private static func clearDone(state: inout AppState) {
        let before = state.uploads.jobs.count
        state.uploads.jobs.removeAll { !$0.status.isActive }
        let removed = before - state.uploads.jobs.count
        state.uploads.cursor.clamp(count: state.uploads.jobs.count, height: state.layout.visibleRows(of: .upload))
        state.status = .info(removed == 0 ? "Nothing to clear" : "Cleared \(removed) upload\(removed == 1 ? "" : "s")")
    }
}
