@testable import AssetTUI

/// A rectangle of a canvas as text and as styles, for goldens that must catch a colour as
/// surely as a character (as ratatui's tests compare buffers with their styles).
///
/// The text comes first, then the same rectangle with one letter per distinct style (`.` for
/// the plain style), then what each letter stands for.
enum StyleMap {
    static func describe(_ canvas: Canvas, in rect: Rect) -> String {
        var styles: [CellStyle] = []
        var text = ""
        var map = ""
        for y in rect.y..<rect.maxY {
            var textLine = ""
            for x in rect.x..<rect.maxX {
                let cell = canvas[x, y]
                if !cell.isContinuation { textLine += cell.text }
                if cell.style == .plain {
                    map += "."
                    continue
                }
                let index = styles.firstIndex(of: cell.style) ?? {
                    styles.append(cell.style)
                    return styles.count - 1
                }()
                map += String(letter(index))
            }
            text += textLine + "\n"
            map += "\n"
        }
        let legend = styles.enumerated().map { "\(letter($0.offset)) = \(describe($0.element))" }
        return text + "\n" + map + "\n" + legend.joined(separator: "\n") + "\n"
    }

    private static func letter(_ index: Int) -> Character {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return index < letters.count ? letters[index] : "?"
    }

    private static func describe(_ style: CellStyle) -> String {
        var parts = ["fg \(describe(style.foreground))", "bg \(describe(style.background))"]
        if style.bold { parts.append("bold") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        if style.dim { parts.append("dim") }
        return parts.joined(separator: ", ")
    }

    private static func describe(_ color: TerminalColor) -> String {
        switch color {
        case .terminalDefault: "default"
        case .palette(let index): "palette \(index)"
        case .rgb(let red, let green, let blue): "rgb \(red) \(green) \(blue)"
        default: "\(color)"
        }
    }
}
