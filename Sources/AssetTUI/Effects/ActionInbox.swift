import AssetCore
import Foundation
import MarketplaceAPI

/// Where effects report back: a thread-safe queue of actions the key loop drains between keys.
///
/// The loop waits for a key with a short timeout and drains this inbox each time round, so
/// it never waits on an effect; the first action posted to an empty inbox also signals
/// `wakeUp`, which ends the key wait early so the result is drawn at once. Upload progress
/// is coalesced per job: a new report replaces the job's report still waiting, so a fast
/// upload cannot flood the loop with thousands of reports a second, and order is kept (a
/// job's progress never lands after its result). Progress wakes nothing: the loop's next turn
/// (`Terminal.keyTimeoutMilliseconds`) draws it, so a fast upload draws 20 frames a second at
/// most, not one a report (300 a second took a third of a core).
final class ActionInbox: Sendable {
    private struct Pending {
        var actions: [Action] = []
        /// For each job, the index in `actions` of its progress report not yet drained, as
        /// long as nothing else about that job came after it.
        var progressIndex: [Int: Int] = [:]
        /// Whether `wakeUp` was signalled since the last drain.
        var woken = false
    }

    private let pending = LockedValue(Pending())
    /// Signalled when an action arrives in an empty inbox.
    let wakeUp = WakeUpPipe()

    func post(_ action: Action) {
        let wakes = pending.withLock { pending in
            if let jobId = Self.jobId(of: action) { pending.progressIndex[jobId] = nil }
            pending.actions.append(action)
            defer { pending.woken = true }
            return !pending.woken
        }
        if wakes { wakeUp?.signal() }
    }

    /// Records an upload's progress, replacing the job's report still waiting, if any.
    func postProgress(jobId: Int, _ progress: UploadProgress, at time: Date) {
        let action = Action.uploadProgress(jobId: jobId, progress, at: time)
        pending.withLock { pending in
            if let index = pending.progressIndex[jobId] {
                pending.actions[index] = action
            } else {
                pending.progressIndex[jobId] = pending.actions.count
                pending.actions.append(action)
            }
        }
    }

    /// Takes every action posted so far, in order.
    func drain() -> [Action] {
        pending.withLock { pending in
            defer { pending = Pending() }
            return pending.actions
        }
    }

    private static func jobId(of action: Action) -> Int? {
        switch action {
        case .uploadStarted(let jobId, _), .uploadFinished(let jobId, _), .uploadFailed(let jobId, _, _, _),
             .uploadCancelled(let jobId), .uploadProgress(let jobId, _, _):
            jobId
        default:
            nil
        }
    }
}
