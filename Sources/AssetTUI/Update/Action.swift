import AssetCore
import AssetThumbnails
import Foundation
import MarketplaceAPI

/// Something that happened: a key, a resize, or the result of an effect.
///
/// Effects run off the key loop and report back only through actions, so `update` is the
/// one place the state changes.
enum Action: Sendable, Equatable {
    case key(Key)
    case resize(ScreenSize)

    /// Entries of the folder of listing `generation`, as they are read (unsorted).
    case directoryChunk(generation: Int, entries: [DirectoryEntry])
    /// The folder of listing `generation` read completely, sorted by `sort`.
    case directoryListed(generation: Int, sort: FileSort, entries: [DirectoryEntry])
    case directoryFailed(generation: Int, message: String)
    /// The folder of listing `generation` read again because it changed on disk (a build wrote
    /// a new jar): the entries as they are now, unsorted.
    case directoryChanged(generation: Int, entries: [DirectoryEntry])
    /// Entries re-sorted off the loop (a large folder).
    case entriesSorted(generation: Int, sort: FileSort, entries: [DirectoryEntry])

    /// A file's preview; `stamp` as its `inspect` effect gave it.
    case inspected(path: String, PreviewState, stamp: FileStamp? = nil)
    /// A thumbnail for the Details pane, or why there is none.
    case thumbnailMade(ThumbnailKey, ThumbnailResult)

    case uploadStarted(jobId: Int, at: Date)
    case uploadProgress(jobId: Int, UploadProgress, at: Date)
    case uploadFinished(jobId: Int, HistoryEntry)
    /// With what the history store said meanwhile (a damaged file moved aside), if anything.
    /// `stopsBatch`: how every upload waiting in the queue would fail the same way, if it would
    /// (the credentials refused, the server not reached).
    case uploadFailed(jobId: Int, message: String, historyWarnings: [String] = [], stopsBatch: BatchStop? = nil)
    case uploadCancelled(jobId: Int)

    case historyLoaded([HistoryEntry])
    case historyFailed(message: String)
    /// A history operation has waited 3 s for the lock another process holds
    /// (`HistoryStore.lockWaitNotice`).
    case historyLockWait(notice: String)
    /// A keyring call (a sign-in's) has waited 3 s (`SecretServiceKeyring.whenWaiting`).
    case keyringWait(notice: String)
    /// An upload Marketplace made could not be recorded in the history (why, and its ID).
    case uploadNotRecorded(jobId: Int, reason: String)
    /// What happened to the history file on its own (moved aside) or to an upload's entry (not saved).
    case historyWarnings([String])
    /// Entries are out of the local history: those asked for that were still there.
    case historyEntriesRemoved(RemovedEntries, label: String)
    case historyRemovalFailed(message: String)
    /// `u` ended: those of the entries it `asked` for that are in the local history again
    /// (`restored`; the others it held again already, and were left as they were); `into` says
    /// where, when the History pane does not show it (another history, or another server's
    /// entries: a sign-in came since), and `notes` what the store did on its own there.
    case historyEntriesRestored(restored: [HistoryEntry], asked: [HistoryEntry], into: String? = nil, notes: [String] = [])
    /// `u` could not put them back: they stay for another `u`.
    case historyRestoreFailed(RemovedEntries, message: String)

    case refreshFinished(artifactId: String, HistoryEntry)
    case refreshFailed(artifactId: String, message: String)

    /// A copy ran, and this is what it did.
    case copyFinished(label: String, CopyReport)

    /// A sign-in ended; on success the effects now run on the new account.
    case signInFinished(SignInOutcome)

    /// A second went by while uploads run (so that a stalled upload's rate decays).
    case tick(Date)
    /// The date changed (or the session started): `AppState.today`.
    case today(Date)

    /// A signal arrived: Ctrl-C (SIGINT) quits as `q` does (asking first while uploads run);
    /// SIGTERM, SIGHUP and SIGQUIT leave at once, restoring the terminal.
    case interrupted(signal: Int32)
}
