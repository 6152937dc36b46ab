import AssetCore
import AssetInspection
import Foundation

/// The History pane: kind, ID, name, size and date of each entry, newest first.
enum HistoryPaneView {
    static func draw(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        let history = state.history
        let inner = PaneFrame.draw(
            .history, in: rect, state: state, detail: detail(state), footnote: footnote(history, width: rect.width - 6), into: &canvas)
        guard !inner.isEmpty else { return }
        if history.visible.isEmpty {
            let message: (String, CellStyle)
            if let error = history.loadError {
                message = (error, Theme.error)
            } else if !history.isLoaded {
                message = ("Reading the history…", Theme.muted)
            } else if history.entries.isEmpty, let notice = history.notice {
                message = (notice, Theme.warning)
            } else if history.entries.isEmpty {
                message = ("Nothing uploaded to this server yet.", Theme.muted)
            } else {
                message = ("Nothing matches the filter. Esc clears it.", Theme.muted)
            }
            for (offset, line) in TextLayout.wrap(message.0, toWidth: inner.width, maxRows: inner.height).enumerated() {
                canvas.put(line, x: inner.x, y: inner.y + offset, style: message.1)
            }
            return
        }
        // The file became unreadable after it was read (an edit gone wrong): the error first,
        // whole where the pane has room (the status line keeps only its start and end), and the
        // entries read in the rows it leaves, the selected one among them.
        var list = inner, cursor = history.cursor
        if let error = history.loadError {
            let lines = TextLayout.wrap(error, toWidth: inner.width, maxRows: inner.height)
            for (offset, line) in lines.enumerated() {
                canvas.put(line, x: inner.x, y: inner.y + offset, style: Theme.error)
            }
            list = Rect(x: inner.x, y: inner.y + lines.count, width: inner.width, height: inner.height - lines.count)
            cursor.scrollIntoView(height: list.height, count: history.visible.count)
        }
        let focused = state.focus == .history && state.overlay == nil
        let columns = Columns(width: list.width)
        let rows = min(list.height, history.visible.count - cursor.scrollTop)
        for offset in 0..<max(0, rows) {
            let row = cursor.scrollTop + offset
            let entry = history.visibleEntry(row)
            drawRow(entry, selected: row == cursor.selection, marked: history.marks.contains(entry.entryId), focused: focused,
                    columns: columns, state: state, x: list.x, y: list.y + offset, into: &canvas)
        }
    }

    /// The top edge after the title: the server, and how many entries are marked.
    private static func detail(_ state: AppState) -> String {
        let marks = state.history.marks
        return marks.isEmpty ? state.mode.serverURL : "\(state.mode.serverURL) · \(marks.count) marked"
    }

    private static func footnote(_ history: HistoryState, width: Int) -> String? {
        let count = history.visible.isEmpty ? [] : ["\(history.cursor.selection + 1)/\(history.visible.count)"]
        return FieldWindow.footnote(filter: history.filter, editing: history.isEditingFilter, then: count, width: width)
    }

    /// Column widths: kind, ID, name, size and date as the width allows (the date goes
    /// first, then the size); the full ID is in Details and `y` copies it.
    struct Columns {
        let kind = 4
        let id: Int
        let name: Int
        let size: Int
        let date: Int

        init(width: Int) {
            let fixed = 2 + kind
            size = width >= 36 ? 8 : 0
            date = width >= 84 ? 17 : (width >= 50 ? 11 : 0)
            let rest = max(2, width - fixed - size - date)
            // The whole ID (36 characters) once the name keeps 12 columns beside it; below that
            // the name has the larger part: a cut ID is only recognised (y copies it whole),
            // while a cut name loses what tells two entries apart.
            id = rest >= 37 + 12 ? 37 : min(37, max(1, rest * 2 / 5))
            name = max(1, rest - id)
        }
    }

    private static func drawRow(
        _ entry: HistoryEntry, selected: Bool, marked: Bool, focused: Bool, columns: Columns, state: AppState,
        x: Int, y: Int, into canvas: inout Canvas
    ) {
        let rowStyle = PaneFrame.rowStyle(selected: selected, focused: focused)
        var column = x
        column += canvas.put(selected ? "›" : " ", x: column, y: y, style: rowStyle ?? Theme.plain)
        column += canvas.put(marked ? "+" : " ", x: column, y: y, style: rowStyle ?? Theme.marked)
        column += canvas.put(TextLayout.pad(entry.kind == .image ? "IMG" : "ART", toWidth: columns.kind), x: column, y: y,
                             style: rowStyle ?? Theme.label)
        let idText = HistoryState.shownID(entry)
        // A failed attempt or a checksum mismatch in the error colour, an artifact whose last
        // refresh failed (gone from Marketplace?) in the warning one: after `R` on many rows, which.
        let idStyle = entry.id == nil || entry.verified == false ? Theme.error : entry.refreshFailed ? Theme.warning : Theme.plain
        column += canvas.put(TextLayout.pad(idText, toWidth: columns.id - 1) + " ", x: column, y: y, style: rowStyle ?? idStyle)
        // Sanitized before it is measured: a bidi control drawn as � takes a column it did not.
        // The imageType follows where the whole name leaves room for it, as `history` prints it.
        let name = SafeText.sanitize(entry.name)
        let imageType = HistoryTable.imageTypeSuffix(of: entry)
        let shown = DisplayWidth.of(name) + DisplayWidth.of(imageType) <= columns.name ? name + imageType : name
        column += canvas.put(TextLayout.pad(TextLayout.truncateMiddle(shown, toWidth: columns.name), toWidth: columns.name),
                             x: column, y: y, style: rowStyle ?? Theme.plain)
        if columns.size > 0 {
            let size = entry.size.map(Formatting.bytes) ?? ""
            column += canvas.put(TextLayout.padLeading(size, toWidth: columns.size), x: column, y: y, style: rowStyle ?? Theme.plain)
        }
        if columns.date > 0 {
            let date = Formatting.dateColumn(entry.createdAt, long: columns.date >= 17, today: state.today, timeZone: state.timeZone)
            canvas.put(" " + TextLayout.pad(date, toWidth: columns.date - 1), x: column, y: y, style: rowStyle ?? Theme.muted)
        }
    }
}
