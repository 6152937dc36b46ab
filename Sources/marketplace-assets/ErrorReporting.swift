import ArgumentParser
import AssetCore
import AssetInspection
import AssetTUI
import Foundation
import MarketplaceAPI

/// Runs a subcommand's body; any error becomes one safe line `error: …` on stderr and exit status 1.
@discardableResult
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as CLIError where error.exitCode != 1 {
        Console.error("error: " + userMessage(for: error))
        throw ExitCode(error.exitCode)
    } catch let error as TUIError {
        // After a signal the terminal is already restored; exit as a shell expects (128 + signal).
        Console.error("error: " + SafeText.oneLine(error.message, maxLength: 1000))
        throw ExitCode(error.exitCode)
    } catch {
        // A signal cancelled the command in a step that does not know of it (a keyring read):
        // the interruption is what happened, not what that step then said (unless it says so:
        // a wait for the history's lock).
        let interrupted = Task.isCancelled && !AssetService.isCancellation(error) && !(error is CLIError)
            && (error as? AssetError)?.kind != .interrupted
        (error as? AssetError)?.warnings.forEach { Console.error("warning: " + SafeText.oneLine($0)) }
        Console.error("error: " + (interrupted ? "interrupted" : userMessage(for: error)))
        throw ExitCode.failure
    }
}

/// The one-line message for any error the layers below throw.
func userMessage(for error: any Error) -> String {
    if let interrupted = error as? InterruptedUpload {
        // The command that takes the attempt out of this command's history, on its server.
        let command = Console.historyCommand.withLock { $0 } + " --remove " + (interrupted.entryId?.uuidString ?? "ENTRY-ID")
        return SafeText.oneLine(interrupted.describe(removal: "`\(command)` takes it out"), maxLength: 1000)
    }
    if AssetService.isCancellation(error) {
        return "interrupted before Marketplace took the upload: nothing was recorded in the history"
    }
    let message = SafeText.errorLine(error, maxLength: 1000)
    // The variables come before what `login` stored: signing in again would not change what is sent.
    if (error as? AssetError)?.stopsBatch == .credentialsRefused, Settings.credentialsAreInEnvironment(ProcessInfo.processInfo.environment) {
        return message + " They come from \(Settings.emailVariable) and \(Settings.apiTokenVariable), which `login` does not replace: correct or unset them."
    }
    return message
}
