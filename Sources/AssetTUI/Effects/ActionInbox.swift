import Foundation

/// Where effects report back: a thread-safe queue of actions the key loop drains between keys.
///
/// The loop polls keys with a short timeout and drains this inbox each time round, so it
/// never waits on an effect. Upload progress is coalesced per job (only the latest report
/// is kept), so a fast upload cannot flood the loop with thousands of reports a second.
final class ActionInbox: Sendable {
    private struct Pending {
        var actions: [Action] = []
        var progress: [Int: (TransferProgress, Date)] = [:]
        var progressOrder: [Int] = []
    }

    private let pending = LockedValue(Pending())

    func post(_ action: Action) {
        pending.withLock { $0.actions.append(action) }
    }

    /// Records an upload's progress, replacing any report of the same job not yet drained.
    func postProgress(jobId: Int, _ progress: TransferProgress, at time: Date) {
        pending.withLock {
            if $0.progress.updateValue((progress, time), forKey: jobId) == nil { $0.progressOrder.append(jobId) }
        }
    }

    /// Takes every action posted so far: progress reports first, then the others in order,
    /// so that a job's last progress never lands after its result.
    func drain() -> [Action] {
        pending.withLock { pending in
            var drained: [Action] = pending.progressOrder.compactMap { jobId in
                pending.progress[jobId].map { Action.uploadProgress(jobId: jobId, $0.0, at: $0.1) }
            }
            drained.append(contentsOf: pending.actions)
            pending = Pending()
            return drained
        }
    }
}
