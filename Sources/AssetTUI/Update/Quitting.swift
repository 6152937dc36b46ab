import Foundation

/// Leaving: at once when nothing runs, after asking when uploads would be cancelled.
enum Quitting {
    static func ask(state: inout AppState) -> [Effect] {
        if state.uploads.activeCount > 0 {
            state.overlay = .confirmQuit(over: state.overlay)
            return []
        }
        state.shouldQuit = true
        return [.quit]
    }

    /// A signal. Ctrl-C (SIGINT) in a dialog or a filter being typed is its Esc, as in a shell's
    /// prompt: it cancels that, not the session with what was typed. Elsewhere it is `q`, as in
    /// lazygit and htop: it quits, or asks first while uploads run, and a second Ctrl-C then
    /// quits cancelling them. SIGTERM, SIGHUP and SIGQUIT (Ctrl-\) end the session at once, and
    /// the exit status says which (128 + the signal).
    static func interrupted(signal: Int32, state: inout AppState) -> [Effect] {
        guard signal == SIGINT else {
            state.endingSignal = signal
            return quitCancellingUploads(state: &state)
        }
        if state.overlay?.kind == .confirmQuit { return quitCancellingUploads(state: &state) }
        if !state.screen.isTooSmall, state.overlay != nil || state.isEditingFilter { return KeyRouter.handle(.escape, state: &state) }
        return ask(state: &state)
    }

    /// Closes the quit question, bringing back the dialog it was asked over.
    static func stay(state: inout AppState) -> [Effect] {
        guard case .confirmQuit(let under)? = state.overlay else { return [] }
        state.overlay = under
        return []
    }

    /// Quits, cancelling every upload that is queued or running.
    static func quitCancellingUploads(state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for index in state.uploads.jobs.indices where state.uploads.jobs[index].status.isActive {
            if state.uploads.jobs[index].status != .queued {
                effects.append(.cancelUpload(jobId: state.uploads.jobs[index].id))
            }
            state.uploads.jobs[index].status = .cancelled
        }
        state.overlay = nil
        state.shouldQuit = true
        return effects + [.quit]
    }

    /// The quit question is about running uploads and fetches: once none runs, it goes, and the
    /// status line says that `q` now quits at once.
    static func closeQuestionIfNothingRuns(_ state: inout AppState) {
        guard state.overlay?.kind == .confirmQuit, state.uploads.activeCount == 0 else { return }
        _ = stay(state: &state)
        state.status = .info("Nothing is left to cancel: every upload and fetch has ended. q quits.")
    }
}
