/// The top line: the program, `DEMO` or the account, the server, and what is uploading.
enum HeaderView {
    static func draw(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect, style: Theme.header)
        var column = rect.x
        column += canvas.put(" marketplace-assets ", x: column, y: rect.y, style: Theme.headerTitle)
        let candidates: [String]
        switch state.mode {
        case .demo(let serverURL):
            column += canvas.put(" ", x: column, y: rect.y, style: Theme.header)
            column += canvas.put(" DEMO ", x: column, y: rect.y, style: Theme.demoBadge)
            candidates = [" local emulator \(serverURL) · demo history", " emulator \(serverURL)", " \(serverURL)"]
        case .account(let email, let serverURL):
            candidates = [" \(email) · \(serverURL)", " \(email)"]
        }
        let activity = activitySummary(state.uploads)
        let activityWidth = activity.isEmpty ? 0 : DisplayWidth.of(activity) + 1
        let room = rect.maxX - column - activityWidth - 1
        let server = candidates.first { DisplayWidth.of($0) <= room } ?? TextLayout.truncate(candidates.last ?? "", toWidth: room)
        canvas.put(server, x: column, y: rect.y, style: Theme.header, maxWidth: room)
        if !activity.isEmpty {
            canvas.put(activity, x: rect.maxX - activityWidth, y: rect.y, style: Theme.headerTitle)
        }
    }

    /// `2 uploading · 1 queued`, or empty when nothing runs.
    private static func activitySummary(_ uploads: UploadsState) -> String {
        let running = uploads.runningCount
        let queued = uploads.jobs.filter { $0.status == .queued }.count
        var parts: [String] = []
        if running > 0 { parts.append("\(running) uploading") }
        if queued > 0 { parts.append("\(queued) queued") }
        return parts.joined(separator: " · ")
    }
}

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
        canvas.put(" " + icon + status.text, x: rect.x, y: rect.y, style: Theme.status(status.kind), maxWidth: rect.width)
    }

    static func drawFooter(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        canvas.fill(rect)
        let bindings: [KeyHelp.Binding]
        if let overlay = state.overlay {
            bindings = KeyHelp.footer(for: overlay)
        } else if (state.focus == .files && state.files.isEditingFilter) || (state.focus == .history && state.history.isEditingFilter) {
            bindings = KeyHelp.filterFooter
        } else {
            bindings = KeyHelp.footer(for: state.focus)
        }
        let fixed = state.overlay == nil ? KeyHelp.alwaysShown : []
        var shown = bindings.filter { !fixed.contains($0) }
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

/// Shown instead of the panes when the terminal is below the minimum size.
enum TooSmallView {
    static func draw(_ state: AppState, into canvas: inout Canvas) {
        let minimum = ScreenSize.minimum
        var lines = [
            "Terminal too small: \(state.screen.width)×\(state.screen.height)",
            "marketplace-assets needs at least \(minimum.width)×\(minimum.height).",
            "Make the window larger, or press q to quit.",
        ]
        if state.overlay == .confirmQuit {
            lines.insert("Uploads are running: quit and cancel them? y / n", at: 0)
        }
        let width = canvas.width
        var wrapped: [String] = []
        for line in lines { wrapped += TextLayout.wrap(line, toWidth: max(1, width)) }
        let top = max(0, (canvas.height - wrapped.count) / 2)
        for (offset, line) in wrapped.enumerated() {
            let x = max(0, (width - DisplayWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + offset, style: offset == 0 ? Theme.warning : Theme.plain)
        }
    }
}
