import AssetCore
import Foundation

/// The status line (messages and errors) and the footer (the focused pane's main keys).
enum BottomBarsView {
    /// Both bars. An error too long for its line takes the footer's row as well, until `Esc`
    /// or the next message: what went wrong and what to do matter more than the key hints.
    /// Not while a dialog is open: its keys stay in view, and `Esc` closes it as they say.
    static func draw(_ state: AppState, status: Rect, footer: Rect, into canvas: inout Canvas) {
        if state.overlay == nil, let message = state.status, message.isAlert,
           case let text = shown(message, rows: 2, width: status.width),
           DisplayWidth.of(text) > status.width, footer.y == status.y + 1 {
            canvas.fill(status)
            canvas.fill(footer)
            // The last sentence (the advice, a retry time) ends the second row, whole: the first
            // row takes what fits of the rest, the second what is left of it, then the advice.
            let cut = text.range(of: ". ", options: .backwards)
            let head = cut.map { String(text[..<$0.lowerBound]) + "." } ?? text
            let headLines = TextLayout.wrap(head, toWidth: status.width)
            let rest = headLines.dropFirst().joined(separator: " ") + (cut.map { " " + text[$0.upperBound...] } ?? "")
            // Under the first row's text, past its one-column margin.
            let second = " " + TextLayout.truncateKeepingLastSentence(
                rest.trimmingCharacters(in: .whitespaces), toWidth: status.width - 1, anyLastSentence: true)
            for (offset, line) in [headLines.first ?? "", second].enumerated() {
                canvas.put(line, x: status.x, y: status.y + offset, style: Theme.status(message.kind), maxWidth: status.width)
            }
            return
        }
        drawStatus(state, in: status, into: &canvas)
        drawFooter(state, in: footer, into: &canvas)
    }

    private static func drawStatus(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect)
        guard let status = state.status else { return }
        // A long message keeps its last sentence, the advice (when to retry, what to do).
        let text = withoutStub(TextLayout.truncateKeepingLastSentence(shown(status, rows: 1, width: rect.width), toWidth: rect.width))
        canvas.put(text, x: rect.x, y: rect.y, style: Theme.status(status.kind), maxWidth: rect.width)
    }

    /// A message cut a few columns into its last `·` part (`… · ? shows every key · h…`) ends
    /// before that part instead: a stub says nothing.
    static func withoutStub(_ cut: String) -> String {
        guard cut.hasSuffix("…"), let separator = cut.range(of: " ·", options: .backwards),
              DisplayWidth.of(cut[separator.upperBound...].drop { $0 == " " }) < 12 else { return cut }
        return String(cut[..<separator.lowerBound])
    }

    /// The message with its icon; too long for `rows` rows, with its long words (a path, a URL, a
    /// file's name) cut in the middle, so that the reason or the ID after them stays in view; on
    /// one row (a narrow screen's success) any file's name before the ID too. (Two rows keep the
    /// last sentence whole in their own way, `draw`.)
    private static func shown(_ message: StatusMessage, rows: Int, width: Int) -> String {
        // (The second row starts one column in; a wrap at a space may leave a column unused.)
        TextLayout.shorteningLongWords(" " + icon(message.kind) + message.text, toWidth: width * rows - 2 * rows, wordWidth: width / 2, namesToo: rows == 1)
    }

    private static func icon(_ kind: StatusMessage.Kind) -> String {
        switch kind {
        case .info: ""
        case .success: "✓ "
        case .warning: "! "
        case .error: "✗ "
        }
    }

    private static func drawFooter(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect)
        let (hints, fixed) = KeyHelp.footer(in: state)
        var shown = hints
        // The last hint's two spaces after it need no room.
        while !shown.isEmpty && width(of: shown + fixed) - 2 > rect.width - 1 { shown.removeLast() }
        var column = rect.x + 1
        for binding in shown + fixed {
            guard column + width(of: [binding]) - 2 <= rect.maxX else { break }
            column += canvas.put(binding.keys, x: column, y: rect.y, style: Theme.footerKey)
            column += canvas.put(" \(binding.action)", x: column, y: rect.y, style: Theme.footerAction) + 2
        }
    }

    /// The columns a run of footer bindings takes: `keys action␣␣` each.
    private static func width(of bindings: [KeyHelp.Binding]) -> Int {
        bindings.reduce(0) { $0 + DisplayWidth.of($1.keys) + DisplayWidth.of($1.action) + 3 }
    }
}
