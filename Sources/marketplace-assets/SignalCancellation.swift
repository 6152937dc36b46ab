import ArgumentParser
import AssetCore
import Foundation
import MarketplaceAPI

/// A command that talks to Marketplace and records what it did (an upload, a fetch, a
/// refresh), or waits for the system keyring (`logout`, `auth status`): Ctrl-C, SIGTERM or
/// SIGHUP cancels it cleanly instead of killing the process, and kills the helper it waits
/// for (a keyring helper runs in a process group of its own, which Ctrl-C does not reach).
protocol CancelledBySignals: AsyncParsableCommand {
    /// Whether a command that finished though a signal came says so (the signal cut nothing
    /// short); not a server, which the signal is what ends.
    static var saysDoneAllTheSame: Bool { get }
}

extension CancelledBySignals {
    static var saysDoneAllTheSame: Bool { true }
}

/// Runs a `CancelledBySignals` command so that the first SIGINT or SIGTERM cancels its task:
/// the upload under way stops and says so, the files after it are not started, what
/// finished is already in the history and is reported (`--json` too), and the process then
/// dies of the signal, as a shell expects (its `$?` is 130 or 143). A request sent whole gets a
/// moment for its answer first (`CancellationGrace`), which a second signal cuts short (the
/// attempt is then recorded). A second signal otherwise ends the process at once, naming first
/// any upload Marketplace has made whose history entry was still being written
/// (`UploadsBeingRecorded`): its ID is not lost unsaid. A signal within
/// `sameRequest` of the first is no second one: GNU `timeout` sends its signal to the process
/// and then to its whole group, and that must not cut the report of what finished.
enum SignalCancellation {
    /// SIGHUP too: a terminal closed under an upload (an ssh session dropped) ends it as Ctrl-C does.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// A person's second Ctrl-C takes longer; `timeout`'s two sends take microseconds.
    static let sameRequest: Duration = .milliseconds(100)

    /// Whether a signal received `now`, after the first one at `first`, asks to end at once: any
    /// within `sameRequest` is the same request (systemd sends SIGHUP right after SIGTERM).
    static func endsAtOnce(after first: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Bool {
        now - first >= sameRequest
    }

    static func run(_ command: any CancelledBySignals) async throws {
        let box = CommandBox(command: command)
        try await run(saysDoneAllTheSame: type(of: command).saysDoneAllTheSame) {
            var command = box.command
            try await command.run()
        }
    }

    /// Runs `operation` as a `CancelledBySignals` command runs: the part of a command that
    /// waits for others (`login`'s keyring calls, after its prompts, which a signal ends at once;
    /// the TUI's settings, before its screen, which may wait for the keyring), and returns what it
    /// returns. `operation` reports its own errors: after a signal, the process dies once it
    /// returns, saying first, when `saysDoneAllTheSame`, that it finished all the same.
    static func run<T: Sendable>(saysDoneAllTheSame: Bool = false, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let received = LockedValue<(number: Int32, at: ContinuousClock.Instant)?>(nil)
        let task = LockedValue<Task<T, any Error>?>(nil)
        // A signal the process was started with ignored (a background job of a script) stays so.
        let handled = signals.filter(SignalDisposition.ignoreUnlessHandled)
        // The sources first, then the task: a signal between the two would be lost.
        let sources = handled.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let now = ContinuousClock.now
                let (isFirst, second) = received.withLock { first in
                    guard let first else {
                        first = (number, now)
                        return (true, false)
                    }
                    return (false, endsAtOnce(after: first.at, now: now))
                }
                task.withLock { $0 }?.cancel()
                // (The cancel has counted them: its handlers run as it is made.)
                let answersAwaited = CancellationGrace.waiting
                if isFirst, answersAwaited > 0 {
                    ProgressBar.printAbove("interrupted: the request under way was sent whole, and Marketplace may act on it all the same: waiting up to "
                        + "\(CancellationGrace.duration.components.seconds) s for its answer, for the history to record it (another signal stops waiting)")
                }
                // A write may wait up to 30 s for another process's lock: said, or the signal looks unheard.
                for entry in isFirst ? UploadsBeingRecorded.writing : [] {
                    ProgressBar.printAbove("interrupted: \(UploadsBeingRecorded.describe(entry)), which the history is recording first "
                        + "(another signal ends at once, and the history may then lack it)")
                }
                guard second else { return }
                // Another signal while an answer is awaited stops the wait, not the process: the request
                // then ends as one cut off after sending, which the history keeps as an attempt (a
                // third signal ends at once).
                if CancellationGrace.endWaits() {
                    ProgressBar.printAbove("interrupted again: no longer waiting for Marketplace's answer; the history keeps the attempt (another signal ends at once)")
                    return
                }
                for entry in UploadsBeingRecorded.writing {
                    ProgressBar.printAbove("error: interrupted again while the history recorded it: \(UploadsBeingRecorded.describe(entry)), which the history may lack")
                }
                die(of: number, fallback: _exit)
            }
            source.resume()
            return source
        }
        let running = Task { try await operation() }
        task.withLock { $0 = running }
        if received.withLock({ $0 }) != nil { running.cancel() }
        let result = await running.result
        sources.forEach { $0.cancel() }
        if let number = received.withLock({ $0?.number }) {
            _ = Console.reportOutputFailure()
            // Finished all the same (the signal came after the last request, or cut nothing short): said,
            // for a script would take the signal's status for work undone, and do it again.
            if saysDoneAllTheSame, case .success = result {
                Console.error("note: the command was done all the same, as reported: the signal cut nothing short")
            }
            // Dying of the signal, not exiting with 128 + it, tells a shell loop, make or
            // xargs that the user stopped it, so that they stop too ($? is 130 or 143 all the same).
            die(of: number, fallback: exit)
        }
        return try result.get()
    }

    /// Ends the process by `number`, its default action restored. The thread may block the
    /// signal (libdispatch's and Swift's worker threads block them all), and then `raise` only
    /// leaves it pending: it is unblocked here first. `fallback(128 + number)` should the
    /// process live on all the same.
    private static func die(of number: Int32, fallback: (Int32) -> Never) -> Never {
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        fallback(128 + number)
    }

    /// The command, handed to the task that runs it. Only that task touches it.
    private struct CommandBox: @unchecked Sendable {
        var command: any CancelledBySignals
    }
}
