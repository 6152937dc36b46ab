import Foundation

/// The OSC 52 escape sequence that asks the terminal to set its clipboard, which works over
/// SSH because it travels with the screen output.
///
/// Inside tmux the sequence is also sent wrapped in tmux's DCS passthrough
/// (`ESC P tmux; … ESC \`, every ESC inside doubled), which reaches the outer terminal when
/// tmux's `allow-passthrough` is on; the plain one is read by tmux itself when its
/// `set-clipboard` option is on. Sending both covers either setting.
enum OSC52 {
    /// Texts above this size (bytes) are not sent: terminals drop or choke on huge sequences.
    static let maxTextBytes = 512 * 1024

    /// `ESC ] 52 ; c ; <base64> BEL`.
    static func sequence(for text: String) -> [UInt8] {
        let encoded = Data(text.utf8).base64EncodedString()
        return Array("\u{1B}]52;c;\(encoded)\u{07}".utf8)
    }

    /// `sequence` wrapped for tmux's DCS passthrough.
    static func tmuxWrapped(_ sequence: [UInt8]) -> [UInt8] {
        var wrapped = Array("\u{1B}Ptmux;".utf8)
        for byte in sequence {
            if byte == 0x1B { wrapped.append(0x1B) }
            wrapped.append(byte)
        }
        wrapped.append(contentsOf: [0x1B, 0x5C])
        return wrapped
    }

    /// What to write to the terminal to copy `text`: the plain sequence, and inside tmux the
    /// wrapped one after it. Empty when the text is too large to send.
    static func bytesToWrite(for text: String, insideTmux: Bool) -> [UInt8] {
        guard text.utf8.count <= maxTextBytes else { return [] }
        let plain = sequence(for: text)
        return insideTmux ? plain + tmuxWrapped(plain) : plain
    }
}
