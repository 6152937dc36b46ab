/// Asking for the thumbnail Details shows, when it has none yet.
///
/// A Files entry's thumbnail is known by its path, size and modification time, so one made
/// before is simply shown again. A history entry's file is known by its path alone: it is
/// asked for again each time the entry is selected anew (the runner checks the file, and
/// decodes it again only when it changed), while the one made before stands meanwhile.
/// Nothing is asked for twice while its answer is on the way, and nothing for a Files entry
/// before its folder is completely listed.
enum ThumbnailRequests {
    static func requestIfNeeded(_ state: inout AppState) -> [Effect] {
        guard let style = state.thumbnails.style else { return [] }
        // While a folder is still being listed its entries come unsorted, and the selection
        // rests on whichever came first: decoding that image is work for a picture nobody chose.
        if state.details.subject == .file, state.files.listing != .complete { return [] }
        let key = DetailsThumbnail.key(state)
        let selectedAnew = key != state.thumbnails.shown
        state.thumbnails.shown = key
        guard let key, state.thumbnails.requested != key else { return [] }
        if state.thumbnails.hasResult(for: key) && (key.stamp != nil || !selectedAnew) { return [] }
        state.thumbnails.requested = key
        return [.makeThumbnail(key, style)]
    }
}
