/// A terminal colour: the terminal's own default, one of the eight basic colours, or (for
/// thumbnails only) a palette entry or a 24-bit colour.
///
/// The text of the screen uses the eight colours and bold alone, so it reads the same on a
/// 16-color terminal, on a 256-color one, and (colors dropped) with `NO_COLOR`. Thumbnails
/// are drawn in as many colours as the terminal has (see `ThumbnailsState.support`).
enum TerminalColor: Sendable, Equatable, Hashable {
    /// The terminal's default foreground or background (ncurses color -1).
    case terminalDefault
    case black, red, green, yellow, blue, magenta, cyan, white
    /// Entry 0–255 of the terminal's palette.
    case palette(UInt8)
    /// A 24-bit colour (drawn as such on direct-colour terminals, else as the nearest of 256).
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The eight basic colours, in ANSI order (their ncurses numbers are 0–7).
    static let basic: [TerminalColor] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
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
