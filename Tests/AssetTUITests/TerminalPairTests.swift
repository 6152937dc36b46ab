import Testing
@testable import AssetTUI

@Suite("Colour pairs when a terminal has too few")
struct TerminalPairTests {
    typealias Key = Terminal.PairKey

    @Test("a cell whose pair cannot be made takes one of its background, else of its foreground, else the terminal's colours")
    func nearestPair() {
        let made: [Key: Int32] = [Key(foreground: .red, background: .blue): 3, Key(foreground: .green, background: .black): 5]
        #expect(Terminal.nearest(Key(foreground: .white, background: .blue), among: made) == 3)
        #expect(Terminal.nearest(Key(foreground: .green, background: .yellow), among: made) == 5)
        #expect(Terminal.nearest(Key(foreground: .cyan, background: .magenta), among: made) == 0)
        #expect(Terminal.nearest(Key(foreground: .red, background: .blue), among: [:]) == 0)
        // The first made of several, and not one of a single colour for a cell of two.
        let more: [Key: Int32] = [Key(foreground: .blue, background: .blue): 2, Key(foreground: .yellow, background: .blue): 9,
                                  Key(foreground: .green, background: .blue): 7]
        #expect(Terminal.nearest(Key(foreground: .white, background: .blue), among: more) == 7)
        #expect(Terminal.nearest(Key(foreground: .blue, background: .blue), among: more) == 2)
    }
}
