/// One of the eight basic terminal colors, or the terminal's own default.
///
/// Eight colors and bold are all the screen uses, so it reads the same on a 16-color
/// terminal, on a 256-color one, and (colors dropped) with `NO_COLOR`.
enum TerminalColor: Int, Sendable, Equatable, Hashable, CaseIterable {
    /// The terminal's default foreground or background (ncurses color -1).
    case terminalDefault = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colors and attributes.
struct CellStyle: Sendable, Equatable, Hashable {
    var foreground: TerminalColor = .terminalDefault
    var background: TerminalColor = .terminalDefault
    var bold = false
    var reverse = false
    var underline = false
    var dim = false

    init(
        foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    /// The terminal's default colors, no attributes.
    static let plain = CellStyle()

    func with(bold: Bool? = nil, reverse: Bool? = nil, underline: Bool? = nil, foreground: TerminalColor? = nil) -> CellStyle {
        var copy = self
        if let bold { copy.bold = bold }
        if let reverse { copy.reverse = reverse }
        if let underline { copy.underline = underline }
        if let foreground { copy.foreground = foreground }
        return copy
    }
}
