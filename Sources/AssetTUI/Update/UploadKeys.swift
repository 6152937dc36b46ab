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
        case .queued, .running:
            let stop = cancel(index, state: &state)
            state.status = .info(stop == nil ? "Cancelled \(job.request.displayName)" : "Cancelling \(job.request.displayName)…")
            return stop.map { [$0] } ?? []
        case .cancelling:
            return []
        case .finished, .failed, .cancelled:
            state.status = .info("\(job.request.displayName) is not running")
            return []
        }
    }

    /// Cancels the job at `index`: a queued one at once; a running one is asked to stop, by the
    /// effect returned. Others are left as they are.
    private static func cancel(_ index: Int, state: inout AppState) -> Effect? {
        switch state.uploads.jobs[index].status {
        case .queued:
            state.uploads.jobs[index].status = .cancelled
            return nil
        case .running:
            state.uploads.jobs[index].status = .cancelling
            return .cancelUpload(jobId: state.uploads.jobs[index].id)
        case .cancelling, .finished, .failed, .cancelled:
            return nil
        }
    }

    /// `r`: a failed or cancelled job goes back in the queue. One that may be on the server
    /// already (`retryWarning`) asks for a second `r`, as `u` asks.
    static func retrySelected(state: inout AppState) -> [Effect] {
        let index = state.uploads.cursor.selection
        guard state.uploads.jobs.indices.contains(index) else {
            state.status = .info("No upload selected")
            return []
        }
        if state.uploads.jobs[index].status.isRetryable {
            let job = state.uploads.jobs[index]
            if state.pendingJarUpload != .retryAskedAgain(jobId: job.id), let warning = retryWarning(job, state: state) {
                state.pendingJarUpload = .retryAskedAgain(jobId: job.id)
                state.status = .warning(askAgain + warning)
                return []
            }
            state.pendingJarUpload = nil
            requeue(index, state: &state)
            state.status = .info("Retrying \(job.request.displayName)")
        } else {
            state.status = .info("Only a failed or cancelled upload can be retried")
        }
        return []
    }

    /// `a`: every failed or cancelled job goes back in the queue, but those a retry asks about
    /// first (Marketplace may have them already), which `r` retries one by one after its question.
    static func retryAll(state: inout AppState) -> [Effect] {
        let retryable = state.uploads.jobs.indices.filter { state.uploads.jobs[$0].status.isRetryable }
        guard !retryable.isEmpty else {
            state.status = .info("Nothing to retry: no upload failed or was cancelled")
            return []
        }
        if state.uploads.credentialsRefused {
            state.status = .warning("Nothing retried: \(refusedCredentials); L signs in again, then a retries them (r retries one anyway)")
            return []
        }
        // One by one: a jar's second failed attempt is asked about once its first is queued again.
        var asking: [(index: Int, warning: String)] = []
        for index in retryable {
            if let warning = retryWarning(state.uploads.jobs[index], state: state) { asking.append((index, warning)) } else { requeue(index, state: &state) }
        }
        let retried = retryable.count - asking.count
        let count = retried == 1 ? "1 upload" : "\(retried) uploads"
        guard let first = asking.first else {
            state.status = .info("Retrying \(count)")
            return []
        }
        // The first of those left is selected, so that its `r` asks at once.
        state.uploads.cursor.select(first.index, count: state.uploads.jobs.count, height: state.layout.visibleRows(of: .upload))
        let left = asking.count == 1 ? "1 left for r, which asks first" : "\(asking.count) left for r, which asks first (the first selected)"
        state.status = .warning((retried == 0 ? "Nothing retried: " : "Retrying \(count); ") + "\(left): \(first.warning)")
        return []
    }

    /// `X`: every queued job is dropped and every running one asked to stop (`a` retries those
    /// that end cancelled; one that ends as an attempt Marketplace may have made is left to `r`).
    static func cancelAll(state: inout AppState) -> [Effect] {
        let dropped = state.uploads.jobs.count { $0.status == .queued }
        let stopping = state.uploads.jobs.indices.compactMap { cancel($0, state: &state) }
        let parts = [dropped > 0 ? "\(dropped) queued cancelled" : nil, stopping.isEmpty ? nil : "\(stopping.count) running asked to stop"]
        let said = parts.compactMap { $0 }.joined(separator: ", ")
        state.status = .info(said.isEmpty ? "Nothing to cancel: no upload is queued or running" : cancelAllStart + said)
        return stopping
    }

    /// How `X`'s summary starts: the uploads it stopped, ending one by one, leave it standing
    /// (one that ends as an attempt Marketplace may have made says so instead).
    static let cancelAllStart = "Cancel all: "

    /// Whether `a` would queue more than one upload again: the footer offers it then (not while
    /// the credentials stand refused: `a` waits for `L`). Only the
    /// failure's own word counts here (an attempt Marketplace may have made), not the history's
    /// jars, which each frame would look through.
    static func offersRetryAll(_ state: AppState) -> Bool {
        !state.uploads.credentialsRefused && state.uploads.jobs.count { job in
            switch job.status {
            case .cancelled: true
            case .failed(let message): !TransportErrorClassifier.saysUploadMayExist(message)
            default: false
            }
        } > 1
    }

    /// Why retrying `job` asks first, or `nil`: credentials Marketplace refused, a jar whose
    /// key and version this server has meanwhile (uploaded again by `u`, say), or an attempt
    /// Marketplace may have made (no answer after its whole file, or a fetch's request, was sent).
    private static func retryWarning(_ job: UploadJob, state: AppState) -> String? {
        if state.uploads.credentialsRefused { return "\(refusedCredentials); L signs in again" }
        if case .artifact = job.request, let warning = state.earlierUpload(of: UploadQueue.plugin(of: job.request, state: state) ?? job.plugin)?.warning {
            return warning
        }
        guard case .failed(let message) = job.status, TransportErrorClassifier.saysUploadMayExist(message) else { return nil }
        return "\(job.request.displayName): \(TransportErrorClassifier.uploadMayExist)"
    }

    /// Puts the failed or cancelled job at `index` back in the queue, as a new attempt.
    private static func requeue(_ index: Int, state: inout AppState) {
        state.uploads.jobs[index].status = .queued
        state.uploads.jobs[index].attempt += 1
        state.uploads.jobs[index].plugin = UploadQueue.plugin(of: state.uploads.jobs[index].request, state: state)
        // The imageType the first read chose goes again: a rewrite since is warned of as one.
        state.uploads.jobs[index].readSize = state.uploads.jobs[index].readSize ?? UploadQueue.readSize(of: state.uploads.jobs[index].request, state: state)
        state.uploads.jobs[index].progress = nil
        state.uploads.jobs[index].rate = TransferRate()
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

    /// Why a retry waits for `L` while `UploadsState.credentialsRefused`.
    private static let refusedCredentials = "Marketplace refused these credentials, and would refuse the retry too (one more failed attempt in the history)"

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
        state.uploads.hasCleared = state.uploads.hasCleared || removed > 0
        // The jobs that stay before the selected one: its new place, or the next one's.
        let kept = jobs[..<min(selected, jobs.count)].count { $0.status.isActive }
        state.uploads.cursor.select(kept, count: state.uploads.jobs.count, height: state.layout.visibleRows(of: .upload))
        state.status = .info(removed == 0 ? "Nothing to clear" : "Cleared \(removed) upload\(removed == 1 ? "" : "s")")
        return []
    }
}
