import AssetCore
import Dispatch
import Glibc

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into `interrupted` actions, so the key loop ends
/// the normal way and restores the terminal. (Ctrl-\ sends SIGQUIT: left to the Swift runtime,
/// it printed a crash report over the screen and waited for a key.)
///
/// Started before ncurses opens the screen: ncurses installs its own handlers only for
/// signals still at their default, so these stay ours.
final class SignalWatcher {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    private var sources: [any DispatchSourceSignal] = []

    init(inbox: ActionInbox) {
        for signalNumber in Self.signals {
            // (Not ignored where libdispatch handles it already: that would leave this source deaf.)
            SignalDisposition.ignoreUnlessHandled(signalNumber)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            // Signals that arrive close together are merged into one event; `data` counts them
            // (two quick Ctrl-Cs are two: the second quits).
            source.setEventHandler { [source] in  // (released by cancel, in stop)
                for _ in 0..<max(1, source.data) { inbox.post(.interrupted(signal: signalNumber)) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and gives the signals their default meaning back.
    func stop() {
        for source in sources { source.cancel() }
        sources = []
        for signalNumber in Self.signals { signal(signalNumber, SIG_DFL) }
    }
}
