/// Asks before quitting while uploads or fetches are queued or running.
enum ConfirmQuitView {
    static func draw(_ uploads: UploadsState, screen: ScreenSize, into canvas: inout Canvas) {
        let inner = OverlayFrame.draw(width: 56, height: 6, title: "Quit?", screen: screen, into: &canvas)
        canvas.put(question(uploads), x: inner.x + 1, y: inner.y, style: Theme.plain, maxWidth: inner.width - 2)
        if let note = sentWhole(uploads) {
            canvas.put(note, x: inner.x + 1, y: inner.y + 1, style: Theme.plain, maxWidth: inner.width - 2)
        }
        let them = uploads.jobs.filter(\.status.isActive).count == 1 ? "it" : "them"
        canvas.put("Quit and cancel \(them)?  y quit · n stay", x: inner.x + 1, y: inner.y + 2, style: Theme.warning, maxWidth: inner.width - 2)
    }

    /// `2 uploads and 1 fetch are still queued or running.`
    static func question(_ uploads: UploadsState) -> String {
        let active = uploads.jobs.filter(\.status.isActive)
        let fetches = active.filter(\.isFetch).count
        let nouns = [(active.count - fetches, "upload", "uploads"), (fetches, "fetch", "fetches")]
            .filter { $0.0 > 0 }
            .map { count, one, many in "\(count) \(count == 1 ? one : many)" }
        let verb = active.count == 1 ? "is" : "are"
        return nouns.joined(separator: " and ") + " \(verb) still queued or running."
    }

    /// `1 sent whole: Marketplace may still make it.`, for those that wait for its answer
    /// (a cancel cannot take back what it has; the history keeps the attempt, and stderr names it).
    static func sentWhole(_ uploads: UploadsState) -> String? {
        let count = uploads.jobs.filter { job in
            job.status == .running && (job.isFetch || job.progress?.sentWhole == true)
        }.count
        guard count > 0 else { return nil }
        return "\(count) sent whole: Marketplace may still make \(count == 1 ? "it" : "them")."
    }
}
