import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

extension EffectRunner {
    /// How a cancelled upload ended that a quit says on stderr once the screen is gone.
    enum CancelledUploadEnd {
        /// Interrupted once its whole file (a fetch's request) had gone: the history keeps the attempt.
        case interrupted(InterruptedUpload)
        /// Answered within `CancellationGrace`: made, and recorded with its ID.
        case made(HistoryEntry)
    }

    /// Runs one upload or fetch and reports it: started, progress, then finished (with the
    /// warnings known only now, and an upload made but not recorded), failed or cancelled.
    /// Returns how one cancelled once its whole file (a fetch's request) had gone ended.
    @discardableResult
    static func upload(_ request: UploadRequest, jobId: Int, createdAt: Date, actions: any AssetActions, inbox: ActionInbox) async -> CancelledUploadEnd? {
        inbox.post(.uploadStarted(jobId: jobId, at: Date()))
        let progress: @Sendable (UploadProgress) -> Void = { inbox.postProgress(jobId: jobId, $0, at: Date()) }
        do {
            let outcome: UploadOutcome
            switch request {
            case .image(let path, _, let imageType):
                outcome = try await actions.uploadImage(path: path, imageType: imageType, createdAt: createdAt, progress: progress)
            case .artifact(let path, _, let uploadAgain):
                outcome = try await actions.uploadArtifact(path: path, createdAt: createdAt, uploadAgain: uploadAgain, progress: progress)
            case .fetch(let uri):
                outcome = try await actions.fetchArtifact(uri: uri, createdAt: createdAt)
            }
            inbox.post(.uploadFinished(jobId: jobId, outcome.entry))
            // A fetch's warnings are known only now (an earlier upload of the same build); an
            // upload's were in its preview.
            let fileNotes = if case .fetch = request { outcome.warnings } else { [String]() }
            let notes = fileNotes + outcome.historyWarnings
            if !notes.isEmpty { inbox.post(.historyWarnings(notes)) }
            // Made and not recorded is an error, as in the CLI: the next duplicate check cannot see it.
            if let reason = outcome.unrecordedReason { inbox.post(.uploadNotRecorded(jobId: jobId, reason: reason)) }
            if Task.isCancelled { return .made(outcome.entry) }
        } catch {
            // `x` once the whole file had gone: a failure to show (Marketplace may have made the
            // upload; the history keeps the attempt), not a plain cancel.
            if Task.isCancelled || error is CancellationError, !(error is InterruptedUpload) {
                inbox.post(.uploadCancelled(jobId: jobId))
                Self.postHistoryWarnings(actions, inbox)
            } else {
                // An interrupted attempt the history keeps is taken out by `d` here, not `history --remove`.
                let message = (error as? InterruptedUpload).map { SafeText.oneLine($0.describe(removal: "d in History takes it out"), maxLength: 300) }
                    ?? SafeText.errorLine(error, maxLength: 300)
                inbox.post(.uploadFailed(jobId: jobId, message: message, historyWarnings: actions.takeHistoryWarnings(),
                                         stopsBatch: (error as? AssetError)?.stopsBatch))
                return (error as? InterruptedUpload).map(CancelledUploadEnd.interrupted)
            }
        }
        return nil
    }

    /// The history store's own warnings, if it has any, for the status line.
    static func postHistoryWarnings(_ actions: any AssetActions, _ inbox: ActionInbox) {
        let warnings = actions.takeHistoryWarnings()
        if !warnings.isEmpty { inbox.post(.historyWarnings(warnings)) }
    }
}
