/// Why a `u` on a jar has not uploaded it yet (`AppState.pendingJarUpload`). Either stands
/// for one key: any other key drops it.
enum PendingJarUpload: Sendable, Equatable {
    /// Its preview is being read (a build may have just rewritten it): the preview says whether
    /// this server has its key and version, so the upload starts, or asks, once it is ready.
    case awaitingPreview(path: String)
    /// This server has its key and version: a second `u` uploads it anyway.
    case askedAgain(path: String)
}
