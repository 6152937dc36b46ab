/// Asking for the preview of the selected file when there is none yet.
enum PreviewRequests {
    static func requestIfNeeded(_ state: inout AppState) -> [Effect] {
        guard let entry = state.files.selectedEntry, entry.kind == .file, let path = entry.path,
              state.details.preview(for: path) == nil, state.details.inspecting != path
        else { return [] }
        state.details.inspecting = path
        return [.inspect(path: path)]
    }
}
