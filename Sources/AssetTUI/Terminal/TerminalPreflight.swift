import Foundation
import AssetInspection

/// The checks before ncurses is touched: both ends are terminals and `TERM` is set.
/// (Whether `TERM` names a known terminal only `newterm` can tell.)
enum TerminalPreflight {
    static func check(environment: [String: String], inputIsTerminal: Bool, outputIsTerminal: Bool) throws(TUIError) -> String {
        guard inputIsTerminal else {
            throw TUIError(message: "Standard input is not a terminal: run the TUI in a terminal, or use a subcommand (see --help) in scripts")
        }
        guard outputIsTerminal else {
            throw TUIError(message: "Standard output is not a terminal: run the TUI in a terminal, or use a subcommand (see --help) in scripts")
        }
        guard let term = environment["TERM"], !term.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TUIError(message: "TERM is not set: set it to your terminal's type (for example TERM=xterm-256color)")
        }
        return term
    }

    /// The message for a `TERM` that ncurses does not know.
    static func unknownTerminal(_ term: String) -> TUIError {
        TUIError(message: "Unknown terminal type TERM=\(SafeText.oneLine(term, maxLength: 60)): no terminfo entry for it (try TERM=xterm-256color)")
    }

    /// The message for a terminal type that cannot place the cursor (`dumb`).
    static func notFullScreen(_ term: String) -> TUIError {
        TUIError(message: "TERM=\(SafeText.oneLine(term, maxLength: 60)) cannot move the cursor, so it cannot show the TUI: use a full-screen terminal type (for example TERM=xterm-256color)")
    }
}
