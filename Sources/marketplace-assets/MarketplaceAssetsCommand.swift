import ArgumentParser
import AssetCore
import AssetInspection
import CMalloc
import Foundation
import MarketplaceAPI

/// `marketplace-assets`: upload listing images and app artifacts to the Atlassian Marketplace.
///
/// With no subcommand it opens the terminal UI (`tui`). Every action is also a subcommand
/// with `--json`, for scripts and CI.
@main
struct MarketplaceAssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketplace-assets",
        abstract: "Upload listing images and app artifacts to the Atlassian Marketplace.",
        discussion: """
            `marketplace-assets login` signs in and keeps the API token in the system keyring. \
            Credentials come from MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN, else \
            $XDG_CONFIG_HOME/marketplace-assets/config.json (chmod 600 when it holds the token), else the keyring. \
            --demo runs everything against a built-in emulator of the Marketplace API.

            Exit status: 0 done; 1 failed, with one line `error: …` on stderr (in a batch, after \
            the last file: some did not upload, or one uploaded but could not be recorded in the \
            history, which the lines name; `auth status` when no one is signed in, as `gh auth status`, \
            its report on stdout saying why); 64 a usage error (a bad option or argument); 130 \
            interrupted by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP (uploads that finished are recorded).
            """,
        version: MarketplaceAPIVersion.tool,
        subcommands: [
            TUICommand.self,
            UploadImageCommand.self,
            UploadArtifactCommand.self,
            FetchArtifactCommand.self,
            ArtifactCommand.self,
            HistoryCommand.self,
            InspectCommand.self,
            EmulatorCommand.self,
            LoginCommand.self,
            LogoutCommand.self,
            AuthCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// The global options as given before the subcommand's name. ArgumentParser hands them
    /// to the subcommand's own `@OptionGroup` at the same place (`global`, see `GlobalOptions`),
    /// so `--demo history` and `history --demo` mean the same.
    @OptionGroup var global: GlobalOptions

    /// ArgumentParser's own parse-and-run, after one check of ours: a mistyped subcommand is
    /// a usage error (exit 64), not a folder for the TUI.
    static func main() async {
        // Two malloc arenas, not glibc's eight a core: the history's reads run on libdispatch's
        // threads, and each arena kept what its read had freed. A TUI batch of 60 uploads into a
        // 10,000-entry history peaked at 370 MB and kept 370; with two, 181 MB and 165, as fast.
        // (MALLOC_ARENA_MAX in the environment still decides, as glibc reads it first.)
        if ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil { mallopt(M_ARENA_MAX, 2) }
        // A reader that closes the pipe must not kill a batch between two uploads: output
        // then fails with EPIPE, which `Console` handles.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-\ quits and dumps core, as the README says, rather than reach Swift's crash
        // reporter, which took it for a crash, printed a backtrace, froze for seconds (30 at a
        // terminal, asking for a key) and then let the upload go on. (The TUI takes it itself.)
        // Ignored when started so (a background job of a script), it stays ignored.
        if unsafeBitCast(signal(SIGQUIT, SIG_DFL), to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(SIGQUIT, SIG_IGN) }
        TimeZoneVariable.normalizeEnvironment()
        Console.fillClosedStandardDescriptors()
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        var nested: [String: [String]] = [:]
        for command in configuration.subcommands {
            guard let name = command.configuration.commandName else { continue }
            nested[name] = command.configuration.subcommands.compactMap { $0.configuration.commandName }
        }
        let arguments = HelpBeforeSubcommand.reordered(
            DashNamedFiles.protect(Array(CommandLine.arguments.dropFirst())) { FileManager.default.fileExists(atPath: $0) },
            subcommands: names, nested: nested)
        if let typo = SubcommandTypo.problem(in: arguments, subcommands: names, nested: nested, fileExists: { FileManager.default.fileExists(atPath: $0) }) {
            Console.error("error: " + typo)
            exit(withError: ExitCode.validationFailure)
        }
        if let problem = TimeoutOption.problem(in: arguments) ?? ServerOptions.baseURLProblem(in: arguments)
            ?? LoginCommand.tokenOption(in: arguments) ?? RepeatedOption.problem(in: arguments) {
            Console.error("error: " + problem)
            exit(withError: ExitCode.validationFailure)
        }
        let parsed: ParsableCommand
        do {
            parsed = try parseAsRoot(arguments)
        } catch {
            // A mistyped option, when ArgumentParser names another error first (see OptionTypo).
            var subcommand = arguments.lazy.compactMap { name in configuration.subcommands.first { $0.configuration.commandName == name } }.first
            var names: [String] = []
            if let name = subcommand?.configuration.commandName { names.append(name) }
            // Of a group (`auth status`), the subcommand named after it: its options are the ones meant.
            if let group = subcommand, let leaf = arguments.lazy.compactMap({ name in
                group.configuration.subcommands.first { $0.configuration.commandName == name } }).first {
                subcommand = leaf
                if let name = leaf.configuration.commandName { names.append(name) }
            }
            if exitCode(for: error) == .validationFailure,
               let typo = OptionTypo.problem(in: arguments, help: helpMessage(for: subcommand ?? TUICommand.self))
                ?? subcommand.flatMap({ command in
                    OptionTypo.misplaced(in: arguments, subcommand: names, help: helpMessage(for: command), rootHelp: helpMessage(for: TUICommand.self))
                }) {
                Console.error("error: " + typo)
                exit(withError: ExitCode.validationFailure)
            }
            if exitCode(for: error) == .validationFailure, let command = subcommand,
               let missing = DashNamedFiles.missingFile(in: arguments, help: helpMessage(for: command, includeHidden: true)) {
                Console.error("error: " + missing)
                exit(withError: ExitCode.validationFailure)
            }
            exitAfter(error)
        }
        do {
            var command = parsed
            let notice: @Sendable (String) -> Void = { ProgressBar.printAbove($0) }
            // (The TUI shows them on its status line once its screen is up: stderr is the screen.)
            // Once: a logout makes up to four keyring calls, each of which may wait.
            let saidKeyringWait = LockedValue(false)
            SecretServiceKeyring.whenWaiting { line in
                if !saidKeyringWait.withLock({ said in defer { said = true }; return said }) { notice(line) }
            }
            if !(command is TUICommand) { HistoryStore.whenWaitingForLock(notice) }
            if let interruptible = command as? any CancelledBySignals {
                try await SignalCancellation.run(interruptible)
            } else if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            _ = Console.reportOutputFailure()
            exitAfter(error)
        }
        if Console.reportOutputFailure() { exit(withError: ExitCode.failure) }
    }

    /// ArgumentParser's exit for `error`, its message written as any output is: help and
    /// `--version` into a full disk (`> /dev/full`) fail (exit 1), where ArgumentParser's print
    /// says nothing, and an error quoting an argument (`--kind $'\e[2J'`) shows its control
    /// characters as U+FFFD, as the tool's own errors do, never as escapes the terminal runs.
    private static func exitAfter(_ error: any Error) -> Never {
        let message = fullMessage(for: error)
        let code = exitCode(for: error)
        guard code == .success else {
            if !message.isEmpty { Console.error(message.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.sanitize($0) }.joined(separator: "\n")) }
            exit(withError: code)
        }
        if !message.isEmpty { Console.out(message) }
        exit(withError: Console.reportOutputFailure() ? ExitCode.failure : ExitCode.success)
    }
}
