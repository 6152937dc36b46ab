import Foundation
import Glibc

/// Questions on the terminal for `login`: the prompt on stderr, the answer from stdin, and
/// for a secret with the terminal's echo off, so the token never reaches the screen or the
/// scrollback. Ctrl-C while the echo is off turns it back on before the program ends; after
/// Ctrl-Z and `fg` (the shell restores its own settings meanwhile) it is off again.
enum TerminalPrompt {
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks `question` and returns the answer without its line end; `nil` at the end of input.
    static func ask(_ question: String) -> String? {
        Console.errorRaw(question)
        return readLine(strippingNewline: true)
    }

    /// Asks `question` with the echo off; `nil` at the end of input. The echo goes off before
    /// the question shows, so a token typed as soon as it shows is never echoed.
    static func askHidden(_ question: String) -> String? {
        guard tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else {
            Console.errorRaw(question)
            return readLine(strippingNewline: true)
        }
        var quiet = savedTerminal
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(signalNumber) { received in
                tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
                _ = write(STDERR_FILENO, "\n", 1)
                _exit(128 + received)
            }
        }
        quietTerminal = quiet
        signal(SIGCONT) { _ in tcsetattr(STDIN_FILENO, TCSANOW, &quietTerminal) }
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        Console.errorRaw(question)
        let answer = readLine(strippingNewline: true)
        signal(SIGCONT, SIG_DFL)
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(signalNumber, SIG_DFL) }
        Console.errorRaw("\n")
        return answer
    }
}

/// The terminal's settings before the echo went off; a signal handler restores them, so
/// it must be a global (a C signal handler captures nothing).
nonisolated(unsafe) private var savedTerminal = termios()
/// The settings with the echo off, which a `SIGCONT` handler applies again.
nonisolated(unsafe) private var quietTerminal = termios()
