import Foundation

/// What a signal does before a `DispatchSource` watches it. libdispatch installs its own handler
/// for a signal once in a process, when the first source for it is made (swift-corelibs-libdispatch,
/// `signals_with_unotes`); ignoring the signal after that (`SIG_IGN`, as the usual pattern does before
/// each source) leaves every later source for it deaf. The command line watches signals while the
/// TUI reads its settings, and the TUI again once its screen is up: Ctrl-C and SIGTERM then did nothing.
public enum SignalDisposition {
    /// Ignores `signal` until a source takes it, when it is at its default; leaves a handler there
    /// (libdispatch's) as it is. Returns `false`, changing nothing, when the process was started
    /// with the signal ignored (a background job of a script), which should stay so.
    @discardableResult
    public static func ignoreUnlessHandled(_ signal: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return true }
        let handler = current.__sigaction_handler.sa_handler
        if handler == nil {  // SIG_DFL
            Foundation.signal(signal, SIG_IGN)
            return true
        }
        return unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
