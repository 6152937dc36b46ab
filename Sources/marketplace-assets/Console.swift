import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// Writes to stdout and stderr without buffering surprises, and knows whether they are terminals.
///
/// A write that fails never stops the program (Foundation's `FileHandle.write` traps on
/// one): output that cannot be written is not worth an upload cut short. The first failure
/// on stdout is kept, later output to it is dropped, and `reportOutputFailure` turns it into
/// the exit status when the command otherwise succeeded. A reader that closed the pipe early
/// (`| head -1`, `EPIPE`) is no error: it read what it wanted, as `grep` and `rg` treat it.
enum Console {
    /// Puts a placeholder on stdin, stdout or stderr when one is closed (`1>&-`), before
    /// anything is opened: the history or its lock file would take the free number and
    /// receive the output. The placeholder is /dev/null opened the wrong way round, so that
    /// writing to it fails (EBADF) and says so, as gnulib's `stdopen` does.
    static func fillClosedStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if placeholder >= 0, placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
        }
    }

    /// The `errno` of the first write to stdout that failed.
    private static let outputFailure = LockedValue<Int32?>(nil)

    /// What the command did all the same, for output that could not be written to say (a
    /// command that uploads sets where the IDs it would have printed are; a removal, that it was made).
    static let doneAllTheSame = LockedValue<String?>(nil)

    /// The command that lists the history this command writes (`GlobalOptions.historyCommand`):
    /// what the messages that name an entry to take out say to run.
    static let historyCommand = LockedValue("marketplace-assets history")

    /// Said by a command that uploads before it starts: its uploads are recorded in the history
    /// `historyCommand` lists, which the messages about them name.
    static func recordsUploads(listedBy historyCommand: String) {
        doneAllTheSame.withLock { $0 = "anything uploaded is recorded: `\(historyCommand)` lists it" }
        Self.historyCommand.withLock { $0 = historyCommand }
    }

    static func out(_ line: String) {
        guard outputFailure.withLock({ $0 == nil }) else { return }
        if let code = write(line + "\n", to: STDOUT_FILENO) {
            outputFailure.withLock { $0 = $0 ?? code }
        }
    }

    /// Nowhere is left to say that stderr failed, so that is not reported.
    static func error(_ line: String) {
        _ = write(line + "\n", to: STDERR_FILENO)
    }

    static func errorRaw(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// Once the command is done: when stdout could not take the output (a full disk, a closed
    /// descriptor), says so in one line on stderr and returns `true`; the caller then exits
    /// with status 1 unless the command's own status already says it failed.
    static func reportOutputFailure() -> Bool {
        guard let code = outputFailure.withLock({ $0 }), code != EPIPE else { return false }
        // The command's work is done all the same: an upload's ID, not printed, is in the history.
        let done = doneAllTheSame.withLock { $0 }.map { "; " + $0 } ?? ""
        error("error: the output could not be written: \(String(cString: strerror(code)))\(done).")
        return true
    }

    /// Writes all of `text`; returns the `errno` of a failure.
    private static func write(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { AllBytes.write(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Whether a progress line is drawn on stderr: it is a terminal, and no CI runner's (`CI` set,
    /// as GitHub Actions, GitLab, Buildkite and Jenkins set it), whose pseudo-terminal (`docker
    /// run -t`) keeps every frame of a redraw in its log: ten a second.
    static var drawsProgress: Bool {
        isatty(STDERR_FILENO) == 1 && [nil, "", "0", "false"].contains(ProcessInfo.processInfo.environment["CI"]?.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Back to the start of stderr's line, cleared of `columns` columns (a progress bar's):
    /// `ESC [2K`, or where TERM=dumb says escapes show as text (Emacs' compilation buffer), or no
    /// TERM says nothing of them (a CI runner's pseudo-terminal), spaces.
    static func clearLine(columns: Int) -> String {
        isDumbTerminal ? "\r" + String(repeating: " ", count: columns) + "\r" : "\r\u{1B}[2K"
    }

    private static let isDumbTerminal = [nil, "", "dumb"].contains(ProcessInfo.processInfo.environment["TERM"])

    /// The columns of the terminal stderr is, read anew at each call (it may be resized); `nil`
    /// when stderr is no terminal.
    static var stderrWidth: Int? { columns(of: STDERR_FILENO) }

    /// The columns of the terminal `descriptor` is; `nil` when it is no terminal.
    private static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The width tables fit to: `COLUMNS` when set, else the terminal's when stdout is one;
    /// `nil` into a pipe (nothing is cut).
    static var width: Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return isatty(STDOUT_FILENO) == 1 ? columns(of: STDOUT_FILENO) : nil
    }
}
