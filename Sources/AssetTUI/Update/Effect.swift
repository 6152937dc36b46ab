import AssetCore
import AssetThumbnails
import Foundation

/// Work `update` asks for, run off the key loop by the `EffectRunner`.
enum Effect: Sendable, Equatable {
    /// Lists a folder in chunks, then sends it sorted by `sort`.
    case listDirectory(path: String, generation: Int, sort: FileSort)
    /// Sorts a large folder's entries off the loop.
    case sortEntries(generation: Int, sort: FileSort, entries: [DirectoryEntry])
    /// Reads what a file is, for the Details preview; `stamp` is the listed entry's, given back
    /// with the preview (a preview is redone when the entry's stamp changes).
    case inspect(path: String, stamp: FileStamp? = nil)
    /// Looks at the selected file's stamp with its folder's: a file rewritten in place changes
    /// only its own. `stamp` is the listed entry's: a file rewritten after the listing and
    /// before it was selected is one the listing must read again.
    case watchFile(path: String, stamp: FileStamp?)
    /// Reads several files one after the other (the marked files of the batch overlay),
    /// each reported as `inspected` like a single one.
    case inspectFiles(paths: [String])
    /// Decodes an image into the Details pane's thumbnail (the newest request wins).
    case makeThumbnail(ThumbnailKey, ThumbnailStyle)
    case startUpload(jobId: Int, UploadRequest)
    case cancelUpload(jobId: Int)
    case loadHistory
    /// Takes entries out of the local history (never out of Marketplace).
    case removeHistoryEntries([UUID])
    /// Puts entries a removal took out back in the history they came from (`u`).
    case restoreHistoryEntries(RemovedEntries)
    /// GETs an artifact's details again.
    case refreshArtifact(artifactId: String)
    /// Puts text on the clipboard: OSC 52 to the terminal, and the system tool when there is one.
    case copy(ClipboardText)
    /// Checks credentials, stores the token and switches the session to that account.
    case signIn(SignInRequest)
    /// Stops a sign-in that is still checking (nothing is stored then).
    case cancelSignIn
    /// Draws the whole screen again, from nothing (Ctrl-L: another program wrote over it).
    case repaint
    /// Ends the session: cancels what runs and leaves the key loop.
    case quit
}
