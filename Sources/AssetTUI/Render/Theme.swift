/// The styles of the screen, by role. Eight colors and bold only (see `TerminalColor`);
/// everything that matters is also told by text or attributes, so `NO_COLOR` loses nothing.
enum Theme {
    static let plain = CellStyle.plain
    static let header = CellStyle(reverse: true)
    static let headerTitle = CellStyle(bold: true, reverse: true)
    /// Not bold: a terminal that brightens bold text turns its black to grey (2.4:1 on yellow).
    static let demoBadge = CellStyle(foreground: .black, background: .yellow)
    static let border = CellStyle.plain
    static let focusedBorder = CellStyle(foreground: .cyan, bold: true)
    static let title = CellStyle(bold: true)
    static let focusedTitle = CellStyle(foreground: .cyan, bold: true, reverse: true)
    static let selectedRow = CellStyle(reverse: true)
    static let selectedRowUnfocused = CellStyle(bold: true, underline: true)
    static let folder = CellStyle(foreground: .blue, bold: true)
    static let uploadable = CellStyle(foreground: .green, bold: true)
    /// A marked row's `+` (Space in Files and History).
    static let marked = CellStyle(foreground: .yellow, bold: true)
    static let muted = CellStyle(dim: true)
    static let label = CellStyle(foreground: .cyan)
    static let heading = CellStyle(bold: true)
    static let good = CellStyle(foreground: .green)
    static let warning = CellStyle(foreground: .yellow, bold: true)
    static let error = CellStyle(foreground: .red, bold: true)
    static let progressDone = CellStyle(foreground: .green)
    static let progressLeft = CellStyle(dim: true)
    static let footerKey = CellStyle(bold: true, reverse: true)
    static let footerAction = CellStyle.plain
    static let overlayBorder = CellStyle(foreground: .yellow, bold: true)
    static let highlighted = CellStyle(reverse: true)

    static func tone(_ tone: DetailLine.Tone) -> CellStyle {
        switch tone {
        case .heading: heading
        case .plain: plain
        case .muted: muted
        case .good: good
        case .warning: warning
        case .error: error
        }
    }

    static func status(_ kind: StatusMessage.Kind) -> CellStyle {
        switch kind {
        case .info: plain
        case .success: good
        case .warning: warning
        case .error: error
        }
    }
}
