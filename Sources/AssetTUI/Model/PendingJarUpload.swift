/// Why a `u` on a jar, or an `r` on an upload, has not uploaded it yet
/// (`AppState.pendingJarUpload`). Each stands for one key: any other key drops it.
enum PendingJarUpload: Sendable, Equatable {
    /// Its preview (a build may have just rewritten it) or the history is being read: the two
    /// say whether this server has its key and version, so the upload starts, or asks, once
    /// both are there.
    /// `presses` counts the `u`s that asked: a `u` again while it waits is no other key (it
    /// renews the wait rather than dropping it).
    case awaitingRead(path: String, presses: Int = 1)
    /// This server has its key and version: a second `u` uploads it anyway.
    case askedAgain(path: String)
    /// The upload `r` would retry may be on the server already (its key and version are, or
    /// Marketplace may have made the failed attempt): a second `r` retries it anyway.
    case retryAskedAgain(jobId: Int)
}
