import ArgumentParser
import AssetCore
import Foundation

/// A command that talks to Marketplace and records what it did (an upload, a fetch, a
/// refresh): Ctrl-C or SIGTERM cancels it cleanly instead of killing the process.
protocol CancelledBySignals: AsyncParsableCommand {}

/// Runs a `CancelledBySignals` command so that the first SIGINT or SIGTERM cancels its task:
/// the upload under way stops and says so, the files after it are not started, what
/// finished is already in the history and is reported (`--json` too), and the process then
/// dies of the signal, as a shell expects (its `$?` is 130 or 143). A second signal ends the
/// process at once, naming first any upload Marketplace has made whose history entry was
/// still being written (`UploadsBeingRecorded`): its ID is not lost unsaid.
enum SignalCancellation {
    static let signals: [Int32] = [SIGINT, SIGTERM]

    static func run(_ command: any CancelledBySignals) async throws {
        let box = CommandBox(command: command)
        let received = LockedValue<Int32?>(nil)
        let task = LockedValue<Task<Void, any Error>?>(nil)
        // A signal the process was started with ignored (a background job of a script) stays so.
        let handled = signals.filter { number in
            let previous = signal(number, SIG_IGN)
            return unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self)
        }
        // The sources first, then the task: a signal between the two would be lost.
        let sources = handled.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // Signals that came together arrive as one event with a count.
                let second = received.withLock { first in defer { first = first ?? number }; return first != nil } || source.data > 1
                task.withLock { $0 }?.cancel()
                guard second else { return }
                for entry in UploadsBeingRecorded.writing {
                    Console.error("error: interrupted again while the history recorded it: Marketplace has made \(UploadsBeingRecorded.describe(entry)), which the history may lack")
                }
                signal(number, SIG_DFL)
                raise(number)
            }
            source.resume()
            return source
        }
        let running = Task {
            var command = box.command
            try await command.run()
        }
        task.withLock { $0 = running }
        if received.withLock({ $0 }) != nil { running.cancel() }
        let result = await running.result
        sources.forEach { $0.cancel() }
        if let number = received.withLock({ $0 }) {
            _ = Console.reportOutputFailure()
            // Dying of the signal, not exiting with 128 + it, tells a shell loop, make or
            // xargs that the user stopped it, so that they stop too ($? is 130 or 143 all the same).
            signal(number, SIG_DFL)
            raise(number)
            exit(128 + number)
        }
        try result.get()
    }

    /// The command, handed to the task that runs it. Only that task touches it.
    private struct CommandBox: @unchecked Sendable {
        var command: any CancelledBySignals
    }
}
