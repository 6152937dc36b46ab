import AssetCore
import AssetInspection
import Foundation

/// The Files pane: the folder's entries, folders first, with size and date columns.
enum FilesPaneView {
    static func draw(_ state: AppState, in rect: Rect, into canvas: inout Canvas) {
        let files = state.files
        let inner = PaneFrame.draw(
            .files, in: rect, state: state, detail: detail(files), footnote: footnote(files, width: rect.width - 6), into: &canvas)
        guard !inner.isEmpty else { return }
        let focused = state.focus == .files && state.overlay == nil

        if files.visible.isEmpty {
            let message: (String, CellStyle)
            switch files.listing {
            case .failed(let reason): message = (reason, Theme.error)
            case .loading: message = ("Reading the folder…", Theme.muted)
            case .complete, .sorting: message = (emptyHint(files), Theme.muted)
            }
            for (offset, line) in TextLayout.wrap(message.0, toWidth: inner.width, maxRows: inner.height).enumerated() {
                canvas.put(line, x: inner.x, y: inner.y + offset, style: message.1)
            }
            return
        }

        var columns = Columns(width: inner.width)
        let rows = files.cursor.scrollTop..<(files.cursor.scrollTop + max(0, min(inner.height, files.visible.count - files.cursor.scrollTop)))
        let dates = columns.date > 0 ? rows.map { dateText(files.visibleEntry($0), columns: columns, state: state) } : []
        // Dates as wide as the rows shown need (today's times take 5 columns of 10): the name takes the rest.
        if columns.date > 0, !columns.longDate, case let widest = max(dates.map(DisplayWidth.of).max() ?? 0, 1), widest < columns.date {
            (columns.name, columns.date) = (columns.name + columns.date - widest, widest)
        }
        for (offset, row) in rows.enumerated() {
            let entry = files.visibleEntry(row)
            let selected = row == files.cursor.selection
            let marked = entry.path.map { files.marks.contains(ExactPath($0)) } ?? false
            drawRow(entry, date: dates.isEmpty ? "" : dates[offset], selected: selected, marked: marked, focused: focused, columns: columns,
                    x: inner.x, y: inner.y + offset, into: &canvas)
        }
    }

    /// The top edge after the title: the folder, and how many files are marked (at the end,
    /// so that a long path gives way first).
    private static func detail(_ files: FilesState) -> String {
        files.marks.isEmpty ? files.directory : "\(files.directory) · \(files.marks.count) marked"
    }

    /// The bottom edge: the filter, the count and the order.
    private static func footnote(_ files: FilesState, width: Int) -> String? {
        var parts: [String] = []
        switch files.listing {
        case .loading(let count): parts.append("reading… \(count)")
        case .sorting: parts.append("sorting…")
        case .complete, .failed: break
        }
        if !files.visible.isEmpty {
            parts.append("\(files.cursor.selection + 1)/\(files.visible.count)")
        }
        // Shown as found until the whole folder is read, then sorted.
        if case .loading = files.listing { parts.append("unsorted") } else { parts.append("sort: \(files.sort.rawValue)") }
        if files.showHidden { parts.append("hidden shown") }
        return FieldWindow.footnote(filter: files.filter, editing: files.isEditingFilter, then: parts, width: width)
    }

    /// Column widths for a pane width: the name takes what the size and date leave.
    struct Columns {
        var name: Int
        let size: Int
        var date: Int
        let longDate: Bool

        init(width: Int) {
            let markers = 3
            if width >= 56 {
                size = 8
                date = 16
                longDate = true
            } else if width >= 38 {
                size = 8
                date = 10
                longDate = false
            } else {
                size = width >= 26 ? 8 : 0
                date = 0
                longDate = false
            }
            name = max(1, width - markers - size - (date > 0 ? date + 1 : 0))
        }
    }

    /// One entry's row; `date` its date column's text (`dateText`).
    private static func drawRow(
        _ entry: DirectoryEntry, date: String, selected: Bool, marked: Bool, focused: Bool, columns: Columns,
        x: Int, y: Int, into canvas: inout Canvas
    ) {
        let rowStyle = PaneFrame.rowStyle(selected: selected, focused: focused)
        var column = x
        column += canvas.put(selected ? "›" : " ", x: column, y: y, style: rowStyle ?? Theme.plain)
        column += canvas.put(marked ? "+" : " ", x: column, y: y, style: rowStyle ?? Theme.marked)
        column += canvas.put(entry.uploadKind != nil ? "●" : " ", x: column, y: y, style: rowStyle ?? Theme.uploadable)
        let name: String
        let nameStyle: CellStyle
        switch entry.kind {
        case .directory:
            name = entry.name + "/"
            nameStyle = Theme.folder
        case .file:
            name = entry.name
            nameStyle = Theme.plain
        case .other:
            name = entry.name
            nameStyle = Theme.muted
        }
        column += canvas.put(TextLayout.pad(TextLayout.truncateMiddle(name, toWidth: columns.name), toWidth: columns.name),
                             x: column, y: y, style: rowStyle ?? nameStyle)
        if columns.size > 0 {
            let size = entry.kind == .file ? Formatting.bytes(entry.size) : ""
            column += canvas.put(TextLayout.padLeading(size, toWidth: columns.size), x: column, y: y, style: rowStyle ?? Theme.plain)
        }
        if columns.date > 0 {
            column += canvas.put(" " + TextLayout.pad(date, toWidth: columns.date), x: column, y: y, style: rowStyle ?? Theme.muted)
        }
    }

    /// The date column's text for `entry`: nothing for a date unknown.
    private static func dateText(_ entry: DirectoryEntry, columns: Columns, state: AppState) -> String {
        entry.modified == .distantPast ? "" : Formatting.dateColumn(entry.modified, long: columns.longDate, today: state.today, timeZone: state.timeZone)
    }

    /// Why a listed folder shows no rows, and what brings some back.
    static func emptyHint(_ files: FilesState) -> String {
        if files.entries.isEmpty { return "This folder is empty." }
        let hiddenHint = files.showHidden ? "" : "; . shows hidden files"
        if !files.filterText.isEmpty {
            return "Nothing matches the filter \(TextLayout.truncate(SafeText.oneLine(files.filterText), toWidth: 24)). Esc clears it\(hiddenHint)."
        }
        return "Only hidden files here: . shows them."
    }
}
