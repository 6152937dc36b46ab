import AssetCore
import AssetInspection
import AssetThumbnails
import Foundation
import MarketplaceAPI

/// The terminal UI's entry point.
public enum TUIApp {
    /// Throws what would stop the TUI before its first screen (standard input or output no
    /// terminal, no `TERM`): for a caller to check before it sets anything up (the demo).
    public static func checkTerminal(environment: [String: String]) throws(TUIError) {
        _ = try TerminalPreflight.check(
            environment: environment, inputIsTerminal: isatty(STDIN_FILENO) == 1, outputIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// Runs the TUI over any `AssetActions` (the real service, or a fake in tests); with
    /// `signIn`, `L` signs in (`signInDefaults` fills the form).
    static func run(
        actions: any AssetActions, signIn: (any SignInActions)? = nil, signInDefaults: SignInDefaults? = nil,
        options: TUIOptions, environment: [String: String]
    ) async throws {
        let inbox = ActionInbox()
        let clipboard = Clipboard(environment: environment)
        let runner = EffectRunner(actions: actions, signIn: signIn, inbox: inbox, clipboard: clipboard)
        // A read or an upload waiting for another process's lock says so, rather than "Reading…" or "starting…" for 30 s.
        HistoryStore.whenWaitingForLock { notice in inbox.post(.historyLockWait(notice: notice)) }
        SecretServiceKeyring.whenWaiting { notice in inbox.post(.keyringWait(notice: notice)) }
        let choices = actions.imageTypeChoices
        let outcome: Result<Void, TUIError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runKeyLoop(
                    inbox: inbox, runner: runner, clipboard: clipboard, choices: choices,
                    options: options, signInDefaults: signIn == nil ? nil : signInDefaults, environment: environment))
            }
            thread.name = "marketplace-assets key loop"
            thread.stackSize = 8 << 20
            thread.start()
        }
        let interruptedBefore = runner.interruptedAfterSending.withLock { $0.count }
        let madeBefore = runner.madeThoughCancelled.withLock { $0.count }
        runner.cancelAll()
        // An upload sent whole gets a moment for Marketplace's answer (`CancellationGrace`): said, and
        // not cut short by a terminal closed or a Ctrl-C meanwhile, which would lose its record.
        let waiting = CancellationGrace.waiting, quitSignals = [SIGINT, SIGHUP, SIGTERM]
        if waiting > 0 {
            for number in quitSignals { signal(number, SIG_IGN) }
            StandardError.write("marketplace-assets: waiting up to \(CancellationGrace.duration.components.seconds) s for Marketplace's answer to "
                + (waiting == 1 ? "the upload" : "\(waiting) uploads") + " sent whole, for the history to record it…\n")
        }
        defer { if waiting > 0 { for number in quitSignals { signal(number, SIG_DFL) } } }
        await runner.waitForAll(upTo: .seconds(3))
        let wereWriting = !UploadsBeingRecorded.writing.isEmpty
        let unrecorded = await waitForUploadsBeingRecorded()
        // An upload whose write outlasted the 3 s names itself just after that write ends: let it.
        if wereWriting { await runner.waitForAll(upTo: .seconds(1)) }
        for interrupted in runner.interruptedAfterSending.withLock({ $0.dropFirst(interruptedBefore) }) {
            StandardError.write(interrupted.line + "\n")
        }
        for made in runner.madeThoughCancelled.withLock({ $0.dropFirst(madeBefore) }) {
            StandardError.write("marketplace-assets: " + SafeText.oneLine(made.name, maxLength: 200) + ": made all the same (too late to cancel: Marketplace had it), ID "
                + SafeText.oneLine(made.id) + ", in the history\n")
        }
        let notRemoved = runner.removalsStoppedByQuit.withLock { $0 }
        if notRemoved > 0 {
            StandardError.write("marketplace-assets: not removed, still in the history: \(notRemoved == 1 ? "1 entry" : "\(notRemoved) entries")"
                + " (the removal was waiting for another process's lock when you quit)\n")
        }
        let notPutBack = NotPutBackReport.write(runner.notPutBack.withLock { $0 })
        try outcome.get()
        // As the command line ends: the status line that said it is gone with the screen.
        let lost = [
            notPutBack == 0 ? nil : notPutBack == 1 ? "1 entry is not put back in the history" : "\(notPutBack) entries are not put back in the history",
            unrecorded == 0 ? nil : unrecorded == 1 ? "1 upload is not recorded in the history" : "\(unrecorded) uploads are not recorded in the history",
        ].compactMap { $0 }
        if !lost.isEmpty { throw TUIError(message: lost.joined(separator: "; ") + " (named above)") }
    }

    /// Uploads Marketplace has made whose history entry is still being written (another
    /// process holds the history's lock): said on stderr, the terminal restored, and waited
    /// for, as long as such a write may take; any the history then lacks (or could not take
    /// earlier) are named, with their IDs, rather than lost with the process. Returns how many.
    private static func waitForUploadsBeingRecorded() async -> Int {
        let writing = UploadsBeingRecorded.writing
        if !writing.isEmpty {
            let names = writing.map(UploadsBeingRecorded.describe).joined(separator: ", ")
            StandardError.write("marketplace-assets: recording in the history: \(names)…\n")
            await UploadsBeingRecorded.waitForWrites()
        }
        let unrecorded = UploadsBeingRecorded.unrecorded
        for entry in unrecorded {
            StandardError.write("error: not recorded in the history: \(UploadsBeingRecorded.describe(entry))\n")
        }
        return unrecorded.count
    }

    /// The first status line: what mode this is, where the history is, and where help is.
    static func welcome(_ options: TUIOptions, canSignIn: Bool) -> String {
        switch options.mode {
        case .demo:
            "Demo: uploads go to a local emulator, nothing leaves this machine · "
                + (canSignIn ? "L signs in to your account" : "your account: quit, run `marketplace-assets login`")
                + " · ? shows every key · history \(options.historyPath)"
        case .account:
            "? shows every key · history \(options.historyPath)"
        }
    }

    /// The environment variable that picks how thumbnails are drawn: `chafa` (the default) or
    /// `halfblocks`; `off` draws none.
    static let thumbnailsVariable = "MARKETPLACE_ASSETS_THUMBNAILS"

    /// The thumbnail renderer `MARKETPLACE_ASSETS_THUMBNAILS` asks for (nil for `off`; the
    /// default when unset or empty, and for a value `thumbnailsVariableProblem` refuses). The
    /// default is chafa, but on the Linux console (`TERM=linux`), whose fonts have the half
    /// blocks and none of chafa's other glyphs (`▂`, `▞`, `▎`), half blocks.
    static func thumbnailRenderer(_ environment: [String: String]) -> CellRenderer? {
        let value = thumbnailsValue(environment)
        if value == "off" { return nil }
        return CellRenderer(rawValue: value) ?? (environment["TERM"] == "linux" ? .halfBlocks : .chafa)
    }

    /// The one-line error for a value of `MARKETPLACE_ASSETS_THUMBNAILS` that names no way of
    /// drawing (a typo would otherwise draw the default without a word); nil when it is fine.
    public static func thumbnailsVariableProblem(_ environment: [String: String]) -> String? {
        let value = thumbnailsValue(environment)
        let known = CellRenderer.allCases.map(\.rawValue) + ["off"]
        if value.isEmpty || known.contains(value) { return nil }
        return "\(thumbnailsVariable) is \"\(SafeText.oneLine(value, maxLength: 40))\": give \(known.joined(separator: ", ")), or leave it unset"
    }

    /// The variable's value as it is taken: white space around it (`"off "`, from a quoted line) ignored, in any case.
    private static func thumbnailsValue(_ environment: [String: String]) -> String {
        (environment[thumbnailsVariable] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Opens the terminal, runs the loop, closes the terminal, on the key loop's thread.
    private static func runKeyLoop(
        inbox: ActionInbox, runner: EffectRunner, clipboard: Clipboard, choices: [ImageTypeChoice],
        options: TUIOptions, signInDefaults: SignInDefaults?, environment: [String: String]
    ) -> Result<Void, TUIError> {
        let signals = SignalWatcher(inbox: inbox)
        defer { signals.stop() }
        let terminal: Terminal
        do {
            terminal = try Terminal.open(environment: environment)
        } catch {
            return .failure(error)
        }
        defer { terminal.close() }
        let directory = URL(fileURLWithPath: options.startDirectory).standardizedFileURL.path
        var state = AppState(mode: options.mode, directory: directory, screen: terminal.size, imageTypeChoices: choices)
        if let renderer = thumbnailRenderer(environment) {
            state.thumbnails = ThumbnailsState(support: terminal.thumbnailSupport, renderer: renderer)
        } else {
            state.thumbnails = ThumbnailsState(support: .off(reason: "\(thumbnailsVariable)=off"))
        }
        state.signInDefaults = signInDefaults
        state.status = .info(welcome(options, canSignIn: signInDefaults != nil))
        state.fetchExample = options.fetchExample
        state.uploads.maxConcurrent = options.maxUploads
        state.history.uploadsKeptSince = options.uploadsKeptSince
        let loop = KeyLoop(terminal: terminal, inbox: inbox, runner: runner, clipboard: clipboard, state: state)
        loop.run()
        if let signal = loop.interruption {
            return .failure(.interrupted(signal: signal))
        }
        return .success(())
    }
}
