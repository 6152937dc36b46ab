import AssetCore

/// The Upload pane: each job on two lines, its name and state, then its progress.
enum UploadPaneView {
    static func draw(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        let uploads = state.uploads
        let footnote = uploads.jobs.isEmpty ? nil : summary(uploads)
        let perJob = UploadRowLayout.linesPerJob
        let rows = max(1, rect.inner.height / perJob)  // jobs in view
        // Where the selection stands when the jobs do not all fit; on the top edge, which the
        // counts below leave free (at 80 columns they fill theirs).
        let position = rows >= uploads.jobs.count ? nil : "\(uploads.cursor.selection + 1)/\(uploads.jobs.count)"
        let inner = PaneFrame.draw(.upload, in: rect, state: state, detail: position, footnote: footnote, into: &canvas)
        guard !inner.isEmpty else { return }
        guard !uploads.jobs.isEmpty else {
            for (offset, line) in TextLayout.wrap(uploads.emptyHint, toWidth: inner.width, maxRows: inner.height).enumerated() {
                canvas.put(line, x: inner.x, y: inner.y + offset, style: Theme.muted)
            }
            return
        }
        let focused = state.focus == .upload && state.overlay == nil
        let shown = min(rows, uploads.jobs.count - uploads.cursor.scrollTop)
        for offset in 0..<max(0, shown) {
            let index = uploads.cursor.scrollTop + offset
            let y = inner.y + offset * perJob
            let selected = index == uploads.cursor.selection
            drawJob(uploads.jobs[index], selected: selected, focused: focused, x: inner.x, y: y, width: inner.width, into: &canvas)
        }
    }

    /// `1 running · 2 queued · 3 done · 1 cancelled`.
    private static func summary(_ uploads: UploadsState) -> String {
        var running = 0, queued = 0, done = 0, failed = 0, cancelled = 0
        for job in uploads.jobs {
            switch job.status {
            case .running, .cancelling: running += 1
            case .queued: queued += 1
            case .finished: done += 1
            case .failed: failed += 1
            case .cancelled: cancelled += 1
            }
        }
        var parts: [String] = []
        if running > 0 { parts.append("\(running) running") }
        if queued > 0 { parts.append("\(queued) queued") }
        if done > 0 { parts.append("\(done) done") }
        if failed > 0 { parts.append("\(failed) failed") }
        if cancelled > 0 { parts.append("\(cancelled) cancelled") }
        return parts.joined(separator: " · ")
    }

    private static func drawJob(_ job: UploadJob, selected: Bool, focused: Bool, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        let rowStyle = PaneFrame.rowStyle(selected: selected, focused: focused)
        // Line 1: marker, name (and imageType), state on the right.
        let stateText = stateWord(job)
        let stateStyle = rowStyle ?? (job.notRecorded ? Theme.error : style(for: job.status))
        let (name, imageType): (String, String)
        switch job.request {
        case .image(_, let fileName, let type): (name, imageType) = (fileName, " as \(type)")
        case .artifact(_, let fileName, _): (name, imageType) = (fileName, "")
        case .fetch: (name, imageType) = ("fetch \(job.request.displayName)", "")
        }
        let stateWidth = DisplayWidth.of(stateText)
        var column = x
        column += canvas.put(selected ? "› " : "  ", x: column, y: y, style: rowStyle ?? Theme.plain)
        let titleWidth = max(1, width - 2 - stateWidth - 1)
        // The name is cut in the middle, keeping its version and the imageType, as Files cuts it.
        let title = TextLayout.truncateMiddle(name, toWidth: max(12, titleWidth - DisplayWidth.of(imageType))) + imageType
        column += canvas.put(TextLayout.pad(title, toWidth: titleWidth) + " ", x: column, y: y, style: rowStyle ?? Theme.plain)
        canvas.put(stateText, x: column, y: y, style: stateStyle, maxWidth: x + width - column)

        // Line 2: progress bar and figures, or the outcome.
        let y2 = y + 1
        let detailX = x + 2
        let detailWidth = width - 2
        switch job.status {
        case .running, .cancelling:
            if case .fetch = job.request {
                canvas.put("Marketplace is fetching it…", x: detailX, y: y2, style: Theme.muted, maxWidth: detailWidth)
            } else {
                drawProgress(job, x: detailX, y: y2, width: detailWidth, into: &canvas)
            }
        case .queued:
            canvas.put("waiting for a free slot", x: detailX, y: y2, style: Theme.muted, maxWidth: detailWidth)
        case .finished(let entry) where job.notRecorded:
            canvas.put("✗ not in the history · ID \(entry.id ?? "?")", x: detailX, y: y2, style: Theme.error, maxWidth: detailWidth)
        case .finished(let entry):
            // The ID whole where the row can hold it: without `ID `, then from the row's start (an
            // artifact's 36 characters in the 38 columns of an 80-column screen), as Details shows it.
            let id = entry.id ?? "?"
            let text = DisplayWidth.of(id) + 5 <= detailWidth ? "✓ ID \(id)" : "✓ \(id)"
            let start = DisplayWidth.of(text) <= detailWidth ? detailX : x
            canvas.put(text, x: start, y: y2, style: Theme.good, maxWidth: x + width - start)
        case .failed(let message):
            canvas.put("✗ \(message)", x: detailX, y: y2, style: Theme.error, maxWidth: detailWidth)
        case .cancelled:
            canvas.put("cancelled · r retries", x: detailX, y: y2, style: Theme.muted, maxWidth: detailWidth)
        }
    }

    /// `45%`, `queued`, `done`, ...
    static func stateWord(_ job: UploadJob) -> String {
        switch job.status {
        case .queued: "queued"
        case .running: job.progress.map { Formatting.percent($0.fraction) } ?? "started"
        case .cancelling: "cancelling"
        case .finished: job.notRecorded ? "not saved" : "done"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    private static func style(for status: UploadJob.Status) -> CellStyle {
        switch status {
        case .queued, .cancelled, .cancelling: Theme.muted
        case .running: Theme.plain
        case .finished: Theme.good
        case .failed: Theme.error
        }
    }

    /// `[██████░░░░] 1.2 MB/2.6 MB  3.4 MB/s  ETA 0:02`; when narrow (the pane at 80 columns), the
    /// byte counts go first (the bar and the status's percent say as much), then the ETA.
    private static func drawProgress(_ job: UploadJob, x: Int, y: Int, width: Int, into canvas: inout Canvas) {
        // Until the client reports its first bytes, it is reading the file (an artifact's descriptor).
        guard let progress = job.progress else {
            canvas.put(job.status == .cancelling ? "cancelling…" : "starting…", x: x, y: y, style: Theme.muted, maxWidth: width)
            return
        }
        var figures = ["\(Formatting.bytes(progress.sentBytes))/\(Formatting.bytes(progress.totalBytes))"]
        let idle = job.rate.idleText(of: progress)
        if let idle {
            figures.append(idle)
        } else if let rate = job.rate.bytesPerSecond {
            figures.append(Formatting.rate(rate))
            if let left = job.rate.secondsLeft(remaining: progress.totalBytes - progress.sentBytes) {
                figures.append("ETA \(ClockDuration.format(left))")
            }
        } else {
            figures.append("ETA --:--")
        }
        // Each figure counts at its widest (`34.5 MB` is wider than `153 MB`), so that the bar
        // keeps its width while they change.
        // `stalled for 0:11` takes the room of the rate and the ETA it stands for: a stall
        // changes neither which figures show nor the bar's width.
        var widest = [7 + 1 + DisplayWidth.of(Formatting.bytes(progress.totalBytes))] + (idle == nil ? [9, 12] : [9 + 2 + 12])  // `ETA 99:59:59`
        func room(_ figures: [String]) -> Int {
            zip(figures, widest).map { max(DisplayWidth.of($0), $1) }.reduce(2 * (figures.count - 1), +)
        }
        var hasBytes = true
        while figures.count > 1 && width - room(figures) - 1 < 8 {
            // The rate and the time left (or `stalled 0:11`) say more than the byte counts.
            if hasBytes {
                figures.removeFirst()
                widest.removeFirst()
                hasBytes = false
            } else {
                figures.removeLast()
            }
        }
        let text = figures.joined(separator: "  ")
        let barWidth = max(0, width - room(figures) - 1)
        var column = x
        if barWidth >= 4 {
            let inside = barWidth - 2
            let filled = Int(progress.fraction * Double(inside))
            column += canvas.put("[", x: column, y: y, style: Theme.plain)
            column += canvas.put(String(repeating: "█", count: filled), x: column, y: y, style: Theme.progressDone)
            column += canvas.put(String(repeating: "░", count: inside - filled), x: column, y: y, style: Theme.progressLeft)
            column += canvas.put("] ", x: column, y: y, style: Theme.plain)
        }
        canvas.put(text, x: column, y: y, style: Theme.plain, maxWidth: x + width - column)
    }
}
