import AssetCore
import Foundation

/// A system clipboard command that reads the text on its standard input.
struct ClipboardTool: Sendable, Equatable {
    /// The command's name, as shown in the status line (`xclip`).
    var name: String
    /// The executable found on `PATH`.
    var executable: String
    var arguments: [String]

    /// The tools worth trying in this environment, in order: inside tmux, `tmux load-buffer -w -`
    /// (tmux's paste buffer, and the outer terminal's clipboard where tmux may set it); then
    /// `wl-copy` under Wayland, `xclip` and `xsel` under X11; each only
    /// when found on `PATH` (`HelperProcess.find`: absolute folders only, never `.`).
    static func available(environment: [String: String]) -> [ClipboardTool] {
        let wayland = !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        let x11 = !(environment["DISPLAY"] ?? "").isEmpty
        var candidates: [(String, [String])] = []
        if !(environment["TMUX"] ?? "").isEmpty { candidates.append(("tmux", ["load-buffer", "-w", "-"])) }
        if wayland { candidates.append(("wl-copy", [])) }
        if x11 {
            candidates.append(("xclip", ["-selection", "clipboard", "-in"]))
            candidates.append(("xsel", ["--clipboard", "--input"]))
        }
        return candidates.compactMap { name, arguments in
            HelperProcess.find(name, environment: environment).map { ClipboardTool(name: name, executable: $0, arguments: arguments) }
        }
    }
}
