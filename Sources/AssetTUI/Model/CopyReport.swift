/// What copying did, as far as the program can know: which clipboard tool took the text,
/// which ones failed, and whether only the terminal was asked (OSC 52, which never answers).
struct CopyReport: Sendable, Equatable {
    /// The tool that took the text and exited 0, if one did.
    var copiedBy: String?
    /// Tools that were tried and failed (exit status, a hang), in order.
    var failed: [String] = []
    /// Whether the OSC 52 sequence was written to the terminal.
    var sentToTerminal = true
    /// Whether the program runs inside tmux (where OSC 52 needs tmux's settings to get out).
    var insideTmux = false

    /// The status line after copying `label`: a success only when a tool said so.
    func status(copying label: String) -> StatusMessage {
        let failures = failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")) failed)"
        if let copiedBy {
            // Where first: at 80 columns an ID after it is cut, not the way to paste it.
            let via = copiedBy == "tmux" ? "tmux's paste buffer (prefix ] pastes it)" : "the clipboard (\(copiedBy))"
            return .success("Copied to \(via)\(failures): \(label)")
        }
        guard sentToTerminal else {
            return .error("Could not copy \(label)\(failures): it is too long for the terminal")
        }
        if insideTmux {
            // The setting first, whole: a narrow status line cuts the end, and the label (an ID) is long.
            return .info("tmux passes OSC 52 on with `set -g set-clipboard on` (or `allow-passthrough on`)\(failures): sent \(label)")
        }
        // The caveat first, short, then the label (its ID), then the tools that failed: a narrow
        // status line cuts the end, and at 80 columns the ID was cut after a long failure.
        return .info("Sent by OSC 52 (unconfirmed): \(label)\(failures)")
    }
}
