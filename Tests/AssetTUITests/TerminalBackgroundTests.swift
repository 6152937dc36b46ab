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

    @Test("OSC 11's answer (its text after ESC ]): its luminance decides, whatever the digits a channel; other strings say nothing")
    func osc11Answer() {
        #expect(TerminalBackground.fromOSC11Answer("11;rgb:ffff/ffff/ffff") == .light)
        #expect(TerminalBackground.fromOSC11Answer("11;rgb:1e1e/1e1e/1e1e") == .dark)
        #expect(TerminalBackground.fromOSC11Answer("11;rgb:fd/f6/e3") == .light, "Solarized Light, 2 digits a channel")
        #expect(TerminalBackground.fromOSC11Answer("11;rgba:0000/2b2b/3636/ffff") == .dark)
        for other in ["10;rgb:ffff/ffff/ffff", "11;?", "11;rgb:ffff/ffff", "0;a title", "11;rgb:ffff/ffff/ffffjk"] {
            #expect(TerminalBackground.fromOSC11Answer(other) == nil, "\(other)")
        }
    }

    @Test("on a light background, yellow, green and cyan text take darker shades (256 colors) or the terminal's own (fewer); nothing else changes")
    func readableStyles() {
        let warning = Theme.warning
        #expect(TerminalBackground.light.readable(warning, colorCount: 256) == CellStyle(foreground: .palette(130), bold: true))
        #expect(TerminalBackground.light.readable(Theme.good, colorCount: 16_777_216).foreground == .palette(28))
        #expect(TerminalBackground.light.readable(Theme.focusedTitle, colorCount: 256) == CellStyle(foreground: .palette(30), bold: true, reverse: true))
        #expect(TerminalBackground.light.readable(warning, colorCount: 8) == CellStyle(bold: true))
        for style in [Theme.error, Theme.folder, Theme.demoBadge, Theme.plain, CellStyle(foreground: .palette(226), background: .rgb(red: 1, green: 2, blue: 3))] {
            #expect(TerminalBackground.light.readable(style, colorCount: 256) == style, "red, blue, a thumbnail's cells stay")
        }
        #expect(TerminalBackground.dark.readable(warning, colorCount: 256) == warning)
    }
}
