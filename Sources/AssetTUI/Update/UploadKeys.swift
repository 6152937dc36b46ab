import AssetCore
import MarketplaceAPI

/// What the Upload pane's keys do (bound in `KeyTable`).
enum UploadKeys {
    /// Enter: shows the selected upload in Details.
    static func showDetails(state: inout AppState) -> [Effect] {
        if state.uploads.selectedJob != nil {
            Navigation.focus(.details, state: &state)
            Navigation.showInDetails(.upload, state: &state)
        }
        return []
    }

    /// `x`: a queued job is dropped at once; a running one is asked to stop.
    static func cancelSelected(state: inout AppState) -> [Effect] {
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

    /// `r`: a failed or cancelled job goes back in the queue. One that may be on the server
    /// already asks for a second `r`, as `u` asks: a jar whose key and version this server has
    /// meanwhile (uploaded again by `u`, say), or an attempt Marketplace may have made (no answer
    /// after its whole file was sent).
    static func retrySelected(state: inout AppState) -> [Effect] {
        let index = state.uploads.cursor.selection
        guard state.uploads.jobs.indices.contains(index) else {
            state.status = .info("No upload selected")
            return []
        }
        if state.uploads.jobs[index].status.isRetryable {
            let job = state.uploads.jobs[index]
            let mayExist = if case .failed(let message) = job.status, TransportErrorClassifier.saysUploadMayExist(message) {
                "\(job.request.displayName): \(TransportErrorClassifier.uploadMayExist)"
            } else {
                nil as String?
            }
            let onTheServer = if case .artifact = job.request {
                state.earlierUpload(of: UploadQueue.plugin(of: job.request, state: state) ?? job.plugin)?.warning
            } else {
                nil as String?
            }
            if state.pendingJarUpload != .retryAskedAgain(jobId: job.id), let warning = onTheServer ?? mayExist {
                state.pendingJarUpload = .retryAskedAgain(jobId: job.id)
                state.status = .warning(askAgain + warning)
                return []
            }
            state.pendingJarUpload = nil
            state.uploads.jobs[index].status = .queued
            state.uploads.jobs[index].attempt += 1
            state.uploads.jobs[index].plugin = UploadQueue.plugin(of: state.uploads.jobs[index].request, state: state)
            // The imageType the first read chose goes again: a rewrite since is warned of as one.
            state.uploads.jobs[index].readSize = state.uploads.jobs[index].readSize ?? UploadQueue.readSize(of: state.uploads.jobs[index].request, state: state)
            state.uploads.jobs[index].progress = nil
            state.uploads.jobs[index].rate = TransferRate()
            state.status = .info("Retrying \(state.uploads.jobs[index].request.displayName)")
        } else {
            state.status = .info("Only a failed or cancelled upload can be retried")
        }
        return []
    }

    /// `y` and `Y`: `copy` with the selected upload's entry, once Marketplace answered it; one
    /// still running, failed or cancelled has none here, and the status line says where a
    /// recorded attempt is (History, where `Y` copies it as JSON: an attempt has no ID).
    static func withAnswer(state: inout AppState, _ copy: (HistoryEntry?, inout AppState) -> [Effect]) -> [Effect] {
        guard let job = state.uploads.selectedJob, job.entry == nil else { return copy(state.uploads.selectedJob?.entry, &state) }
        let name = TextLayout.truncateMiddle(job.request.displayName, toWidth: 24)
        let history = Pane.history
        let text = switch job.status {
        case .failed: "\(name): no ID to copy (no answer from Marketplace); \(history.title) (press \(history.rawValue)) has the attempt: Y copies it as JSON"
        case .cancelled: "\(name): no ID to copy (cancelled before Marketplace answered)"
        default: "\(name): no ID to copy yet (Marketplace has not answered)"
        }
        state.status = .info(text)
        return []
    }

    /// How the question of a second `r` starts (see `UploadStarting.askAgain`).
    static let askAgain = "r again retries it anyway: "

    /// `r` in Details: retries the upload Details shows, when it shows one of the queue's.
    static func retryShownInDetails(state: inout AppState) -> [Effect] {
        guard state.details.subject == .upload, state.uploads.selectedJob != nil else {
            state.status = .info("r retries a failed or cancelled upload: select one in Upload (2)")
            return []
        }
        return retrySelected(state: &state)
    }

    /// `c`: removes finished, failed and cancelled jobs. The selection stays on its upload
    /// when that one stays (the next `x` must cancel what was selected), else on the next
    /// one that stays.
    static func clearDone(state: inout AppState) -> [Effect] {
        let jobs = state.uploads.jobs
        let selected = jobs.indices.contains(state.uploads.cursor.selection) ? state.uploads.cursor.selection : 0
        state.uploads.jobs.removeAll { !$0.status.isActive }
        let removed = jobs.count - state.uploads.jobs.count
        // The jobs that stay before the selected one: its new place, or the next one's.
        let kept = jobs[..<min(selected, jobs.count)].count { $0.status.isActive }
        state.uploads.cursor.select(kept, count: state.uploads.jobs.count, height: state.layout.visibleRows(of: .upload))
        state.status = .info(removed == 0 ? "Nothing to clear" : "Cleared \(removed) upload\(removed == 1 ? "" : "s")")
        return []
    }
}
