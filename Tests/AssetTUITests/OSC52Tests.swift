import Testing
@testable import AssetTUI

@Suite struct OSC52Tests {
    @Test func plainSequence() {
        #expect(OSC52.sequence(for: "hello") == Array("\u{1B}]52;c;aGVsbG8=\u{07}".utf8))
        // UTF-8 text is base64 of its UTF-8 bytes.
        #expect(OSC52.sequence(for: "日本") == Array("\u{1B}]52;c;5pel5pys\u{07}".utf8))
    }

    @Test func tmuxPassthroughDoublesEveryEscape() {
        let wrapped = OSC52.tmuxWrapped(OSC52.sequence(for: "hi"))
        #expect(wrapped == Array("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\".utf8))
    }

    @Test func insideTmuxBothAreWritten() {
        let plain = OSC52.sequence(for: "id-1")
        #expect(OSC52.bytesToWrite(for: "id-1", insideTmux: false) == plain)
        #expect(OSC52.bytesToWrite(for: "id-1", insideTmux: true) == plain + OSC52.tmuxWrapped(plain))
    }

    @Test func hugeTextIsNotSent() {
        let huge = String(repeating: "x", count: OSC52.maxTextBytes + 1)
        #expect(OSC52.bytesToWrite(for: huge, insideTmux: false).isEmpty)
    }
}
