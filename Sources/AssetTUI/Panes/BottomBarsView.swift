/// The status line (messages and errors) and the footer (the focused pane's main keys).
enum BottomBarsView {
    static func drawStatus(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect)
        guard let status = state.status else { return }
        let icon: String
        switch status.kind {
        case .info: icon = ""
        case .success: icon = "✓ "
        case .error: icon = "✗ "
        }
        // A long message keeps its last sentence, the advice (when to retry, what to do).
        let text = TextLayout.truncateKeepingLastSentence(" " + icon + status.text, toWidth: rect.width)
        canvas.put(text, x: rect.x, y: rect.y, style: Theme.status(status.kind), maxWidth: rect.width)
    }

    static func drawFooter(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect)
        let (hints, fixed) = KeyHelp.footer(in: state)
        var shown = hints
        while !shown.isEmpty && width(of: shown + fixed) > rect.width - 1 { shown.removeLast() }
        var column = rect.x + 1
        for binding in shown + fixed {
            guard column + width(of: [binding]) <= rect.maxX else { break }
            column += canvas.put(binding.keys, x: column, y: rect.y, style: Theme.footerKey)
            column += canvas.put(" \(binding.action)  ", x: column, y: rect.y, style: Theme.footerAction)
        }
    }

    /// The columns a run of footer bindings takes: `keys action␣␣` each.
    private static func width(of bindings: [KeyHelp.Binding]) -> Int {
        bindings.reduce(0) { $0 + DisplayWidth.of($1.keys) + DisplayWidth.of($1.action) + 3 }
    }
}
