/// Asking for the preview of the selected file when there is none yet. Entries that are not
/// regular files (a FIFO, a broken link, a link loop) are inspected too: the inspection says
/// why they cannot be uploaded, in the same words as the command line.
enum PreviewRequests {
    static func requestIfNeeded(_ state: inout AppState) -> [Effect] {
        guard let entry = state.files.selectedEntry, !entry.isDirectory, let path = entry.path,
              state.details.preview(for: path) == nil, state.details.inspecting != path
        else { return [] }
        state.details.inspecting = path
        return [.inspect(path: path)]
    }
}
