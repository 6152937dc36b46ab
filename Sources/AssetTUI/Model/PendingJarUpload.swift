/// Why a `u` on a jar has not uploaded it yet (`AppState.pendingJarUpload`). Either stands
/// for one key: any other key drops it.
enum PendingJarUpload: Sendable, Equatable {
    /// Its preview (a build may have just rewritten it) or the history is being read: the two
    /// say whether this server has its key and version, so the upload starts, or asks, once
    /// both are there.
    /// `presses` counts the `u`s that asked: a `u` again while it waits is no other key (it
    /// renews the wait rather than dropping it).
    case awaitingRead(path: String, presses: Int = 1)
    /// This server has its key and version: a second `u` uploads it anyway.
    case askedAgain(path: String)
}
