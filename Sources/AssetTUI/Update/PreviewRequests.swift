/// Asking for the preview of the selected file when there is none yet, or when the one there is
/// was made for the file as it was before the listing saw it change (replaced by a build or
/// an export, rewritten in place): its format, pixel size and verdict may all be others now.
/// Entries that are not regular files (a FIFO, a broken link, a link loop) are inspected too:
/// the inspection says why they cannot be uploaded, in the same words as the command line.
enum PreviewRequests {
    static func requestIfNeeded(_ state: inout AppState) -> [Effect] {
        guard let entry = state.files.selectedEntry, !entry.isDirectory, let path = entry.path else { return [] }
        var effects: [Effect] = []
        if state.details.watchedFile != path {
            state.details.watchedFile = path
            effects.append(.watchFile(path: path, stamp: entry.stamp))
        }
        if state.details.preview(for: path) != nil {
            guard !state.details.isPreview(of: path, current: entry.stamp) else { return effects }
            state.details.forgetPreview(of: path)
        }
        guard state.details.inspecting != path || state.details.inspectingStamp != entry.stamp else { return effects }
        (state.details.inspecting, state.details.inspectingStamp) = (path, entry.stamp)
        return effects + [.inspect(path: path, stamp: entry.stamp)]
    }
}
