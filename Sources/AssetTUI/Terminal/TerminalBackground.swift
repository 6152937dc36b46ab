import Glibc

/// Whether the terminal's background is dark or light, so that text colours read on it.
///
/// The theme's yellow, green and cyan are made for dark backgrounds: on white, bold yellow
/// (warnings, dialog frames) is about 1.1:1. Told, as Vim and lipgloss tell it, by
/// `COLORFGBG` when it names a background (rxvt, Konsole and iTerm2 set it; `0;15` is black
/// on white, and a person may set it), else by the terminal's answer to OSC 11 (its
/// background colour, which xterm, VTE, iTerm2, kitty and others give); dark when neither says.
enum TerminalBackground: Sendable, Equatable {
    case dark, light

    /// How long the terminal is given to answer: it answers DA1 at once, after OSC 11 (whose
    /// answer, when it gives one, comes first), so this is waited for only by one that answers
    /// neither.
    static let answerTimeout: Duration = .milliseconds(500)

    /// The background of the terminal on `input` and `output` (before ncurses takes them), and
    /// what was typed while it answered (for ncurses to read as keys: `ungetch`).
    static func detect(environment: [String: String], input: Int32, output: Int32) -> (TerminalBackground, typed: [UInt8]) {
        if let value = environment["COLORFGBG"], let background = fromCOLORFGBG(value) { return (background, []) }
        guard let answer = query(input: input, output: output) else { return (.dark, []) }
        return (fromOSC11Answer(answer) ?? .dark, typed(in: answer))
    }

    /// `answer` without the terminal's answers to OSC 11 (up to BEL or `ESC \`) and DA1: keys typed meanwhile.
    static func typed(in answer: [UInt8]) -> [UInt8] {
        var typed: [UInt8] = [], index = 0
        while index < answer.count {
            let rest = answer[index...]
            if rest.starts(with: Array("\u{1B}]11;".utf8)) {
                var end = index + 5
                while end < answer.count, answer[end] != 0x07, !(answer[end] == 0x1B && end + 1 < answer.count && answer[end + 1] == UInt8(ascii: "\\")) { end += 1 }
                index = min(answer.count, end + (end < answer.count && answer[end] == 0x07 ? 1 : 2))
            } else if rest.starts(with: Array("\u{1B}[?".utf8)), let end = rest.dropFirst(3).firstIndex(where: { !((0x30...0x39).contains($0) || $0 == UInt8(ascii: ";")) }),
                      answer[end] == UInt8(ascii: "c") {
                index = end + 1
            } else {
                typed.append(answer[index])
                index += 1
            }
        }
        return typed
    }

    /// `fg;bg` (or `fg;default;bg`): a background of 0–6 or 8 is dark, 7 and 9–15 light, as Vim reads it.
    static func fromCOLORFGBG(_ value: String) -> TerminalBackground? {
        guard let last = value.split(separator: ";").last, let index = Int(last), (0...15).contains(index) else { return nil }
        return index <= 6 || index == 8 ? .dark : .light
    }

    /// `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` (1 to 4 hex digits a channel): light when its luminance
    /// is past the middle.
    static func fromOSC11Answer(_ answer: [UInt8]) -> TerminalBackground? {
        let text = String(decoding: answer, as: UTF8.self)
        guard let match = text.firstMatch(of: /\]11;rgba?:([0-9a-fA-F]{1,4})\/([0-9a-fA-F]{1,4})\/([0-9a-fA-F]{1,4})/) else { return nil }
        func fraction(_ hex: Substring) -> Double { Double(Int(hex, radix: 16) ?? 0) / Double((1 << (4 * hex.count)) - 1) }
        let luminance = 0.2126 * fraction(match.output.1) + 0.7152 * fraction(match.output.2) + 0.0722 * fraction(match.output.3)
        return luminance > 0.5 ? .light : .dark
    }

    /// Whether `bytes` end with the answer to DA1 (`ESC [ ? … c`), which follows OSC 11's.
    static func endsWithDA1Answer(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "c"), let start = bytes.lastIndex(of: 0x1B) else { return false }
        let body = bytes[(start + 1)...].dropLast()
        return body.starts(with: Array("[?".utf8)) && body.dropFirst(2).allSatisfy { $0 == UInt8(ascii: ";") || (0x30...0x39).contains($0) }
    }

    /// `style` as it reads on this background. On a light one, yellow, green and cyan text take
    /// darker shades where the terminal has 256 colours (130, 28 and 30: about 4.5:1 on white,
    /// and bold does not brighten them), and lose bold where it has fewer (bold brightens them).
    func readable(_ style: CellStyle, colorCount: Int32) -> CellStyle {
        guard self == .light, let darker = Self.darkerShades[style.foreground] else { return style }
        var readable = style
        if colorCount >= 256 { readable.foreground = .palette(darker) } else { readable.bold = false }
        return readable
    }

    private static let darkerShades: [TerminalColor: UInt8] = [.yellow: 130, .green: 28, .cyan: 30]

    /// Asks for the background (OSC 11), then for the device attributes (DA1), and reads up to
    /// the DA1 answer: nothing is left behind for ncurses to read as keys.
    private static func query(input: Int32, output: Int32) -> [UInt8]? {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(input, TCSANOW, &original) }
        let question = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard write(output, question, question.count) == question.count else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now + answerTimeout
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 256)
        while !endsWithDA1Answer(answer), answer.count < 4096 {
            let left = (deadline - clock.now).components
            let milliseconds = Int32(left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000)
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            guard milliseconds > 0, poll(&descriptor, 1, milliseconds) > 0 else { break }
            let count = read(input, &buffer, buffer.count)
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return answer
    }
}
