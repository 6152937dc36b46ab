/// The Details pane: the thumbnail of an image (`DetailsThumbnail`), then `DetailsContent`'s
/// lines, all of it scrolled from the scroll position down.
enum DetailsPaneView {
    static func draw(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        let lines = DetailsContent.lines(for: state, width: max(1, rect.width - 2))
        let thumbnail = DetailsThumbnail.block(state)
        let total = thumbnail.rows + lines.count
        let height = max(0, rect.height - 2)
        let top = max(0, min(state.details.scrollTop, total - height))
        let footnote = total > height ? "\(top + 1)–\(min(total, top + height)) of \(total)" : nil
        let inner = PaneFrame.draw(.details, in: rect, state: state, detail: subjectLabel(state), footnote: footnote, into: &canvas)
        guard !inner.isEmpty else { return }
        ThumbnailView.draw(thumbnail, originY: inner.y - top, in: inner, into: &canvas)
        for (offset, line) in lines.enumerated() {
            let y = inner.y + thumbnail.rows + offset - top
            guard y >= inner.y else { continue }
            guard y < inner.maxY else { break }
            if !line.label.isEmpty {
                canvas.put(line.label, x: inner.x, y: y, style: Theme.label, maxWidth: inner.width)
            }
            let x = inner.x + line.valueOffset
            canvas.put(line.value, x: x, y: y, style: Theme.tone(line.tone), maxWidth: inner.maxX - x)
        }
    }

    /// What Details is showing, for its title.
    private static func subjectLabel(_ state: AppState) -> String {
        switch state.details.subject {
        case .file: "selected file"
        case .upload: "selected upload"
        case .history: "history entry"
        }
    }
}
