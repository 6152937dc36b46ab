import AssetCore

/// The batch upload overlay: one line per marked file (an image with its imageType and
/// pixel size, an artifact, or a skipped file and why), and the note of the highlighted one.
enum BatchUploadView {
    static func draw(_ batch: BatchUpload, screen: ScreenSize, into canvas: inout Canvas) {
        // 76 columns, or as wide as the longest line where the screen has room.
        let longestName = min(64, batch.lines.map { DisplayWidth.of($0.fileName) }.max() ?? 0)
        // What follows each name, and its columns.
        let rests = batch.lines.map { rest($0, batch) }
        let restWidths = rests.map { DisplayWidth.of($0) }
        let longestRest = restWidths.max() ?? 0
        // A skipped file's reason may be cut (the note under the list gives it whole): names are not, for it.
        let longestUploadRest = batch.lines.indices.filter { !isSkipped(batch.lines[$0]) }.map { restWidths[$0] }.max() ?? 0
        let width = min(screen.width - 4, max(76, max(32, longestName) + longestRest + 9))
        // Room under the list for the longest note of any line, so that the box keeps its size as the
        // highlight moves; on a screen too short for that and every line, for the highlighted one's
        // note (rows a longer note of another line would leave blank go to the list). The list
        // keeps three rows at least, and a note cut ends in `…`.
        let notes = batch.lines.map { note(for: $0, batch) }
        let noteHeights = notes.map { $0.map { TextLayout.wrap($0.text, toWidth: width - 4).count } ?? 0 }
        let longestNote = noteHeights.max() ?? 0
        let wanted = batch.lines.count + 4 + longestNote <= screen.dialogArea.height || !noteHeights.indices.contains(batch.highlighted)
            ? longestNote : noteHeights[batch.highlighted]
        let noteRows = max(1, min(wanted, screen.dialogArea.height - 4 - min(batch.lines.count, 3)))
        // The border, the first line and the blank row above the note.
        let chrome = 4 + noteRows
        // On a short screen the list scrolls, and the frame's foot says which lines it shows.
        let listRows = max(1, min(batch.lines.count + chrome, screen.dialogArea.height) - chrome)
        let top = max(0, min(batch.highlighted - listRows + 1, batch.lines.count - listRows))
        let shown = listRows < batch.lines.count ? "\(top + 1)–\(top + listRows) of \(batch.lines.count) · " : ""
        let footnote = shown + "\(batch.requests.count) to upload" + (batch.skippedCount > 0 ? " · \(batch.skippedCount) skipped" : "")
        let inner = OverlayFrame.draw(width: width, height: batch.lines.count + chrome, title: "Upload the marked files",
                                      footnote: footnote, screen: screen, into: &canvas)
        let x = inner.x + 1
        let textWidth = inner.width - 2
        var y = inner.y
        canvas.put("\(batch.lines.count) marked: ←→ changes an image's imageType, Enter uploads",
                   x: x, y: y, style: Theme.plain, maxWidth: textWidth)
        y += 1
        // 32 columns as at 80, or as much of the longest name as leaves the longest rest whole.
        let nameWidth = max(max(8, min(32, textWidth - 29)), min(longestName, textWidth - 5 - longestUploadRest))
        for (offset, line) in batch.lines.dropFirst(top).prefix(listRows).enumerated() {
            let highlighted = top + offset == batch.highlighted
            let text = "\(highlighted ? "›" : " ") \(mark(line, batch)) \(TextLayout.pad(TextLayout.truncateMiddle(line.fileName, toWidth: nameWidth), toWidth: nameWidth)) "
                + rests[top + offset]
            let style = highlighted ? Theme.highlighted : (isSkipped(line) || line.isHeldBack ? Theme.muted : Theme.plain)
            canvas.put(TextLayout.pad(text, toWidth: textWidth), x: x, y: y + offset, style: style, maxWidth: textWidth)
        }
        y += listRows + 1
        guard notes.indices.contains(batch.highlighted), let note = notes[batch.highlighted] else { return }
        for (offset, text) in TextLayout.wrap(note.text, toWidth: textWidth, maxRows: max(0, inner.maxY - y)).enumerated() {
            canvas.put(text, x: x, y: y + offset, style: note.style, maxWidth: textWidth)
        }
    }

    /// What the rows under the list say of `line` when it is highlighted.
    private static func note(for line: BatchUpload.Line, _ batch: BatchUpload) -> (text: String, style: CellStyle)? {
        switch line.kind {
        case .skipped(let reason): ("skipped: \(reason)", Theme.muted)
        case .artifact:
            // What ← → does first: the rest may be cut on a short screen.
            line.earlierUpload.map { ("⚠ " + (line.uploadAgain ? "Uploaded again, ←→ skips it: " : "Skipped, ←→ uploads it again: ") + $0.warning, Theme.warning) }
                ?? ("uploaded as an artifact", Theme.muted)
        case .image: batch.note(for: line).map { ("⚠ \($0)", Theme.warning) }
        }
    }

    /// `⚠` for an image whose size misses its imageType or that has none, or an artifact this
    /// server has, `✗` for a skipped file.
    private static func mark(_ line: BatchUpload.Line, _ batch: BatchUpload) -> String {
        if isSkipped(line) { return "✗" }
        if line.earlierUpload != nil { return "⚠" }
        return line.warnings != nil && batch.note(for: line) != nil ? "⚠" : " "
    }

    /// The imageType and size, `artifact`, or `skipped: why`.
    private static func rest(_ line: BatchUpload.Line, _ batch: BatchUpload) -> String {
        switch line.kind {
        case .image:
            TextLayout.pad(batch.imageType(of: line) ?? "", toWidth: 12) + " " + (line.pixelSize ?? "…")
        case .artifact:
            if let earlier = line.earlierUpload {
                line.uploadAgain ? "artifact, uploaded again"
                    : earlier.isQueued ? "skipped: being uploaded" : "skipped: already on this server"
            } else {
                "artifact"
            }
        case .skipped(let reason):
            "skipped: \(reason)"
        }
    }

    private static func isSkipped(_ line: BatchUpload.Line) -> Bool {
        if case .skipped = line.kind { return true }
        return false
    }
}
