/// Whether the terminal's background is dark or light, so that text colours read on it.
///
/// The theme's yellow, green and cyan are made for dark backgrounds: on white, bold yellow
/// (warnings, dialog frames) is about 1.1:1. Told, as Vim and Neovim tell it, by `COLORFGBG`
/// when it names a background (rxvt, Konsole and iTerm2 set it; `0;15` is black on white, and
/// a person may set it), else by the terminal's answer to OSC 11 (its background colour, which
/// xterm, VTE, iTerm2, kitty and others give). The question is asked as the screen opens and
/// the answer read with the keys, whenever it comes (`Terminal.readAfterEscape`): nothing
/// waits for it, and no key typed meanwhile is taken. Dark until it says otherwise.
enum TerminalBackground: Sendable, Equatable {
    case dark, light

    /// OSC 11 with `?`: the terminal answers `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` and `ESC \` or BEL.
    static let question = "\u{1B}]11;?\u{1B}\\"

    /// How long after the question its answer is looked out for (a terminal that does not know
    /// OSC 11 never answers): a slow link's answer comes well within it.
    static let answerWindow: Duration = .seconds(3)

    /// `fg;bg` (or `fg;default;bg`): a background of 0–6 or 8 is dark, 7 and 9–15 light, as Vim reads it.
    static func fromCOLORFGBG(_ value: String) -> TerminalBackground? {
        guard let last = value.split(separator: ";").last, let index = Int(last), (0...15).contains(index) else { return nil }
        return index <= 6 || index == 8 ? .dark : .light
    }

    /// The text of an OSC 11 answer after `ESC ]` (`11;rgb:RRRR/GGGG/BBBB`, 1 to 4 hex digits a
    /// channel): light when its luminance is past the middle; `nil` for any other string.
    static func fromOSC11Answer(_ text: String) -> TerminalBackground? {
        guard let match = text.wholeMatch(of: /11;rgba?:([0-9a-fA-F]{1,4})\/([0-9a-fA-F]{1,4})\/([0-9a-fA-F]{1,4})(\/[0-9a-fA-F]{1,4})?/) else {
            return nil
        }
        func fraction(_ hex: Substring) -> Double { Double(Int(hex, radix: 16) ?? 0) / Double((1 << (4 * hex.count)) - 1) }
        let luminance = 0.2126 * fraction(match.output.1) + 0.7152 * fraction(match.output.2) + 0.0722 * fraction(match.output.3)
        return luminance > 0.5 ? .light : .dark
    }

    /// `style` as it reads on this background. On a light one, yellow, green and cyan text take
    /// darker shades where the terminal has 256 colours (130, 28 and 30: about 4.4–4.9:1 on
    /// white, and bold does not brighten them); with fewer, the terminal's own text colour (in
    /// xterm's palette the three are 1.7–2.2:1 on white; what they tell is also told by a mark,
    /// ⚠, ✓ or `+`, and bold stays).
    func readable(_ style: CellStyle, colorCount: Int32) -> CellStyle {
        guard self == .light, let darker = Self.darkerShades[style.foreground] else { return style }
        var readable = style
        readable.foreground = colorCount >= 256 ? .palette(darker) : .terminalDefault
        return readable
    }

    private static let darkerShades: [TerminalColor: UInt8] = [.yellow: 130, .green: 28, .cyan: 30]
}
