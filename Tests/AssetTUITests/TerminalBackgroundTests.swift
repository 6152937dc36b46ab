import Testing
@testable import AssetTUI

/// A light background, told by COLORFGBG or the terminal's OSC 11 answer, and the text colors
/// made readable on it.
@Suite struct TerminalBackgroundTests {
    @Test("COLORFGBG's last number is the background: 0–6 and 8 dark, 7 and 9–15 light, anything else says nothing")
    func colorFgBg() {
        #expect(TerminalBackground.fromCOLORFGBG("0;15") == .light)
        #expect(TerminalBackground.fromCOLORFGBG("15;0") == .dark)
        #expect(TerminalBackground.fromCOLORFGBG("0;default;7") == .light)
        #expect(TerminalBackground.fromCOLORFGBG("7;8") == .dark)
        for nothing in ["", "15;default", "0;16", "light"] { #expect(TerminalBackground.fromCOLORFGBG(nothing) == nil, "\(nothing)") }
    }

    @Test("OSC 11's answer: its luminance decides, whatever the digits a channel (and its terminator)")
    func osc11Answer() {
        func answer(_ text: String) -> TerminalBackground? { TerminalBackground.fromOSC11Answer(Array(text.utf8)) }
        #expect(answer("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;c") == .light)
        #expect(answer("\u{1B}]11;rgb:1e1e/1e1e/1e1e\u{07}") == .dark)
        #expect(answer("\u{1B}]11;rgb:fd/f6/e3\u{1B}\\") == .light, "Solarized Light, 2 digits a channel")
        #expect(answer("\u{1B}]11;rgba:0000/2b2b/3636/ffff\u{1B}\\") == .dark)
        #expect(answer("\u{1B}[?1;2c") == nil, "DA1 alone: the terminal did not say")
    }

    @Test("DA1's answer ends the read; OSC 11's alone does not")
    func da1EndsTheAnswer() {
        #expect(TerminalBackground.endsWithDA1Answer(Array("\u{1B}]11;rgb:0/0/0\u{1B}\\\u{1B}[?62;22c".utf8)))
        #expect(TerminalBackground.endsWithDA1Answer(Array("\u{1B}[?6c".utf8)))
        #expect(!TerminalBackground.endsWithDA1Answer(Array("\u{1B}]11;rgb:0/0/0\u{1B}\\".utf8)))
        #expect(!TerminalBackground.endsWithDA1Answer(Array("abc".utf8)))
    }

    @Test("keys typed while the terminal answered are kept, its answers are not")
    func keysTypedMeanwhileAreKept() {
        let answer = Array("q\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\j\u{1B}]11;rgb:0/0/0\u{07}\u{1B}[?62;22cé".utf8)
        #expect(TerminalBackground.typed(in: answer) == Array("qjé".utf8))
        #expect(TerminalBackground.typed(in: Array("\u{1B}[?1;2c".utf8)).isEmpty)
    }

    @Test("on a light background, yellow, green and cyan text take darker shades (256 colors) or lose bold (fewer); nothing else changes")
    func readableStyles() {
        let warning = Theme.warning
        #expect(TerminalBackground.light.readable(warning, colorCount: 256) == CellStyle(foreground: .palette(130), bold: true))
        #expect(TerminalBackground.light.readable(Theme.good, colorCount: 16_777_216).foreground == .palette(28))
        #expect(TerminalBackground.light.readable(Theme.focusedTitle, colorCount: 256) == CellStyle(foreground: .palette(30), bold: true, reverse: true))
        #expect(TerminalBackground.light.readable(warning, colorCount: 8) == CellStyle(foreground: .yellow))
        for style in [Theme.error, Theme.folder, Theme.demoBadge, Theme.plain, CellStyle(foreground: .palette(226), background: .rgb(red: 1, green: 2, blue: 3))] {
            #expect(TerminalBackground.light.readable(style, colorCount: 256) == style, "red, blue, a thumbnail's cells stay")
        }
        #expect(TerminalBackground.dark.readable(warning, colorCount: 256) == warning)
    }
}
