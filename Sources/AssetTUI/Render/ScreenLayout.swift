/// Where the header, the four panes, the status line and the footer sit at a screen size.
///
/// Row 0 is the header; the last two rows are the status line and the key footer; the
/// panes share the rest in two columns: Files over Upload on the left (half), Details over
/// History on the right. Every size grows with the terminal, so wide and tall terminals
/// show more rows and columns. `update` uses the same layout to know how many rows a page is.
struct ScreenLayout: Sendable, Equatable {
    let header: Rect
    let status: Rect
    let footer: Rect
    let files: Rect
    let upload: Rect
    let details: Rect
    let history: Rect

    init(screen: ScreenSize) {
        let width = screen.width
        let height = screen.height
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 2, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        let panesHeight = max(0, height - 3)
        let leftWidth = width / 2
        let rightWidth = width - leftWidth
        let uploadHeight = max(5, panesHeight * 2 / 5)
        let detailsHeight = max(5, panesHeight * 11 / 20)
        files = Rect(x: 0, y: 1, width: leftWidth, height: panesHeight - uploadHeight)
        upload = Rect(x: 0, y: 1 + panesHeight - uploadHeight, width: leftWidth, height: uploadHeight)
        details = Rect(x: leftWidth, y: 1, width: rightWidth, height: detailsHeight)
        history = Rect(x: leftWidth, y: 1 + detailsHeight, width: rightWidth, height: panesHeight - detailsHeight)
    }

    func frame(of pane: Pane) -> Rect {
        switch pane {
        case .files: files
        case .upload: upload
        case .details: details
        case .history: history
        }
    }

    /// How many list rows (Files, History), jobs (Upload) or lines (Details) a pane shows at once.
    func visibleRows(of pane: Pane) -> Int {
        let inner = max(1, frame(of: pane).height - 2)
        switch pane {
        case .upload: return max(1, inner / UploadRowLayout.linesPerJob)
        case .files, .details, .history: return inner
        }
    }
}

/// How the Upload pane lays out one job.
enum UploadRowLayout {
    /// A job takes two lines: name and state, then the progress bar and figures.
    static let linesPerJob = 2
}
