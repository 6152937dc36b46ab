import AssetCore

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
            let signIn = state.signInDefaults == nil ? "" : " · L signs in"
            candidates = [" local emulator \(serverURL) · demo history\(signIn)", " emulator \(serverURL)\(signIn)",
                          " \(serverURL)\(signIn)", signIn.isEmpty ? " \(serverURL)" : " L signs in"]
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

    /// `2 uploading · 1 fetching · 1 queued`, or empty when nothing runs.
    private static func activitySummary(_ uploads: UploadsState) -> String {
        let running = uploads.running
        let fetching = running.filter(\.isFetch).count
        let queued = uploads.jobs.filter { $0.status == .queued }.count
        var parts: [String] = []
        if running.count > fetching { parts.append("\(running.count - fetching) uploading") }
        if fetching > 0 { parts.append("\(fetching) fetching") }
        if queued > 0 { parts.append("\(queued) queued") }
        return parts.joined(separator: " · ")
    }
}
