import AssetCore
import AssetInspection
import AssetThumbnails
import Foundation
import MarketplaceAPI

/// Runs effects in tasks, off the key loop, and reports their results to the `ActionInbox`.
///
/// - Uploads run one task each, kept by job ID so that `cancelUpload` can cancel it; a
///   cancelled upload reports `uploadCancelled`.
/// - A new folder listing cancels the one before it.
/// - Inspections run one at a time and the newest request wins: moving quickly through a
///   folder inspects the file the selection rests on, not every file it passed. The batch
///   overlay's `inspectFiles` reads its files one after the other in a task of its own.
/// - A thumbnail request cancels the one before it (its decoding stops at the next row), and
///   thumbnails are kept by file, size and style (`ThumbnailCache`).
/// - The clipboard's OSC 52 part is written by the key loop (it owns the terminal); the
///   runner does the clipboard tools and the log.
/// - Uploads started together get entry times in the order they were started (a batch's
///   screenshots keep their order in the history, though two upload at once).
/// - Once the history has been read, it is read again whenever its file changes (another
///   process's upload or removal): the file's stamp is looked at every second.
/// - A sign-in that succeeds replaces the actions: the effects asked for after it (the new
///   account's history first) run on the new account.
final class EffectRunner: Sendable {
    private struct Tasks {
        /// The uploads running, by job; each goes once it ends (a long session uploads hundreds).
        var uploads: [Int: (run: UUID, task: Task<Void, Never>)] = [:]
        var listing: Task<Void, Never>?
        var thumbnail: Task<Void, Never>?
        /// The selected file's preview being read (`inspect`).
        var inspection: Task<Void, Never>?
        var others: [UUID: Task<Void, Never>] = [:]
        var signIn: Task<Void, Never>?
        var historyWatch: Task<Void, Never>?
        var directoryWatch: Task<Void, Never>?

        /// Every task that may still run.
        var all: [Task<Void, Never>] {
            uploads.values.map(\.task) + Array(others.values) + [listing, thumbnail, inspection, signIn, historyWatch, directoryWatch].compactMap { $0 }
        }
    }

    private let currentActions: LockedValue<any AssetActions>
    /// The actions of the session: the demo's or an account's, replaced by a sign-in.
    var actions: any AssetActions { currentActions.withLock { $0 } }
    private let signInActions: (any SignInActions)?
    let inbox: ActionInbox
    private let clipboard: Clipboard
    private let chunkSize: Int
    private let tasks = LockedValue(Tasks())
    private let thumbnails = ThumbnailCache()
    /// How many entries removals stopped by a quit left in the history (they were waiting for
    /// another process's lock): said on stderr once the screen is gone, as no status line can.
    let removalsStoppedByQuit = LockedValue(0)
    /// Entries an undo (`u`) was asked to put back and could not (it failed, or a quit stopped
    /// its wait for the lock), until a later undo puts them back, and the history it tried: said
    /// on stderr once the screen is gone, with their IDs (for an image the history alone kept
    /// it) and as a history document `history --merge` takes.
    let notPutBack = LockedValue<[RemovedEntries]>([])
    /// Uploads and fetches interrupted once their whole file (a fetch's request) had gone, by the
    /// name the Upload pane shows, with the history that keeps the attempt (the demo's, or after a
    /// sign-in the account's), oldest first: Marketplace may have made them. Those a quit
    /// interrupted are said on stderr once the screen is gone.
    let interruptedAfterSending = LockedValue<[InterruptedByQuit]>([])
    /// Uploads and fetches cancelled once their whole file (a fetch's request) had gone, and
    /// answered all the same (`CancellationGrace`), by name and ID: those a quit cancelled are said
    /// on stderr once the screen is gone.
    let madeThoughCancelled = LockedValue<[(name: String, id: String)]>([])
    /// How often the history file is looked at for another process's writes.
    private let historyCheckInterval: Duration
    /// The history file's stamp when it was last read, whether a read runs and another was asked
    /// for meanwhile, and after failed reads how many failed in a row and when to try again: a
    /// lock another process held is free later (1 s, 2 s, 4 s … 64 s apart, so that a file that
    /// never reads is not read every second).
    private let historyReads = LockedValue(
        (stamp: PathStamp?.none, reading: false, again: false, failures: 0, retryAt: ContinuousClock.Instant?.none, hadEntries: false, blankReads: 0))
    /// The folder Files lists: looked at every `historyCheckInterval`, so that a file a build
    /// writes there shows.
    private let watchedDirectory = LockedValue<WatchedFolder?>(nil)
    /// The file selected in Files (`watchFile`) and its stamp as last listed: a link's target
    /// rewritten, or any file where the kernel gives no `FolderEvents`, is seen by its stamp.
    private let watchedFile = LockedValue<(path: String, stamp: FileStamp?)?>(nil)
    /// The time of the last upload's entry: each next one is later, in the order started.
    private let lastUploadTime = LockedValue(Date.distantPast)

    init(
        actions: any AssetActions, signIn: (any SignInActions)? = nil, inbox: ActionInbox, clipboard: Clipboard,
        chunkSize: Int = DirectoryLister.defaultChunkSize, historyCheckInterval: Duration = .seconds(1)
    ) {
        currentActions = LockedValue(actions)
        signInActions = signIn
        self.inbox = inbox
        self.clipboard = clipboard
        self.chunkSize = chunkSize
        self.historyCheckInterval = historyCheckInterval
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .listDirectory(let path, let generation, let sort):
            list(path: path, generation: generation, sort: sort)
        case .sortEntries(let generation, let sort, let entries):
            track { [inbox] in
                inbox.post(.entriesSorted(generation: generation, sort: sort, entries: sort.sorted(entries)))
            }
        case .inspect(let path, let stamp):
            inspect(path: path, stamp: stamp)
        case .watchFile(let path, let stamp):
            watchedFile.withLock { $0 = (path, stamp) }
        case .inspectFiles(let paths):
            track { [actions, inbox] in
                for path in paths where !Task.isCancelled {
                    // Stamped as a listing would stamp it: a change after this read shows as one
                    // (and a file that comes back, after a read that found none).
                    let stamp = DirectoryLister.stamp(path: path) ?? .missing
                    inbox.post(.inspected(path: path, await Self.preview(path: path, actions: actions), stamp: stamp))
                }
            }
        case .makeThumbnail(let key, let style):
            makeThumbnail(key, style: style)
        case .startUpload(let jobId, let request):
            startUpload(jobId: jobId, request: request)
        case .cancelUpload(let jobId):
            tasks.withLock { $0.uploads[jobId] }?.task.cancel()
        case .loadHistory:
            loadHistory()
        case .removeHistoryEntries(let entryIds):
            removeHistoryEntries(entryIds)
        case .restoreHistoryEntries(let removal):
            restoreHistoryEntries(removal)
        case .refreshArtifact(let artifactId):
            track { [actions, inbox] in
                do {
                    inbox.post(.refreshFinished(artifactId: artifactId, try await actions.refreshArtifact(id: artifactId)))
                } catch {
                    inbox.post(.refreshFailed(artifactId: artifactId, message: SafeText.errorLine(error, maxLength: 300)))
                }
            }
        case .copy(let text):
            track { [clipboard, inbox] in
                let report = await clipboard.copyWithTools(text.text)
                inbox.post(.copyFinished(label: Copying.describe(text), report))
            }
        case .signIn(let request):
            signIn(request)
        case .cancelSignIn:
            tasks.withLock { $0.signIn }?.cancel()
        case .repaint:
            break  // The key loop's: the terminal is its alone.
        case .quit:
            cancelAll()
        }
    }

    /// Checks and stores the credentials off the loop; on success the new account's actions
    /// replace the old ones before the result is posted. A cancelled attempt reports nothing
    /// unless it got as far as signing in.
    private func signIn(_ request: SignInRequest) {
        let task = Task { [signInActions, inbox, currentActions] in
            guard let signInActions else {
                inbox.post(.signInFinished(.failed("Signing in is not available in this session.")))
                return
            }
            let (outcome, newActions) = await signInActions.signIn(request)
            if let newActions {
                currentActions.withLock { $0 = newActions }
            } else if Task.isCancelled {
                return
            }
            inbox.post(.signInFinished(outcome))
        }
        keep(task, in: \.signIn)
    }

    /// Cancels everything still running.
    func cancelAll() {
        let running = tasks.withLock { $0.all }
        for task in running { task.cancel() }
    }

    /// Waits until every task has ended, or `limit` has passed. (Not a task group: one waits
    /// for all its children, and a task's value cannot be cancelled, so a history write waiting
    /// for another process's lock held the TUI's exit for 30 s.)
    func waitForAll(upTo limit: Duration) async {
        let all = tasks.withLock { $0.all }
        let resumed = LockedValue(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeOnce: @Sendable () -> Void = {
                if resumed.withLock({ done in defer { done = true }; return !done }) { continuation.resume() }
            }
            Task {
                for task in all { await task.value }
                resumeOnce()
            }
            Task {
                try? await Task.sleep(for: limit)
                resumeOnce()
            }
        }
    }

    // MARK: Effects

    /// Keeps `task` in `slot`, cancelling the task it replaces.
    private func keep(_ task: Task<Void, Never>, in slot: WritableKeyPath<Tasks, Task<Void, Never>?>) {
        let previous = tasks.withLock { tasks in
            defer { tasks[keyPath: slot] = task }
            return tasks[keyPath: slot]
        }
        previous?.cancel()
    }

    /// How many of `track`'s tasks are running (for tests).
    var trackedTaskCount: Int { tasks.withLock { $0.others.count } }

    /// Runs `work` as a task that quitting cancels and waits for, kept until it ends (a removal
    /// waiting for the lock stays reachable however many reloads and copies start meanwhile).
    func track(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        // Started under the lock, so its own removal, which takes the lock, comes after it is kept.
        tasks.withLock { tasks in
            tasks.others[id] = Task { [self] in
                await work()
                self.tasks.withLock { $0.others[id] = nil }
            }
        }
    }

    private func list(path: String, generation: Int, sort: FileSort) {
        // Its stamp and events before it is read: a change while it is read shows at the next look.
        let watched = WatchedFolder(path: path, generation: generation, stamp: PathStamp(path), events: FolderEvents(path))
        watchedDirectory.withLock { $0 = watched }
        watchDirectory()
        let task = Task { [inbox, chunkSize, watchedDirectory] in
            do throws(DirectoryLister.Failure) {
                let entries = try DirectoryLister.list(
                    path: path, chunkSize: chunkSize, isCancelled: { Task.isCancelled },
                    deliver: { inbox.post(.directoryChunk(generation: generation, entries: $0)) })
                guard !Task.isCancelled else { return }
                WatchedFolder.read(entries.count, generation: generation, in: watchedDirectory)
                inbox.post(.directoryListed(generation: generation, sort: sort, entries: sort.sorted(entries)))
            } catch {
                inbox.post(.directoryFailed(generation: generation, message: error.message))
            }
        }
        keep(task, in: \.listing)
    }

    /// Reads the listed folder again, off the loop, whenever something changed in it (`FolderEvents`:
    /// an entry added, removed, renamed or rewritten in place), its stamp did, or the selected
    /// file's did, as lf and yazi follow a folder; the pane keeps its selection. A folder removed or
    /// renamed away is said to be gone (`directoryFailed`), and listed again, and followed, if it
    /// comes back. A folder of more than `FilesKeys.inlineSortLimit` entries is not read again for
    /// what happens in it (the pane would not take it: it waits for `R`), only counted, and
    /// followed again once it is back within the limit. (A `chmod` of the folder
    /// leaves it as it was: a folder made unreadable shows at `R`.)
    private func watchDirectory() {
        poll(\.directoryWatch) { [watchedDirectory, watchedFile, inbox] in
            guard let watched = watchedDirectory.withLock({ $0 }) else { return true }
            let now = PathStamp(watched.path)
            // Events wait in the kernel's queue until the pause after the last reading is over.
            let change = ContinuousClock.now >= watched.eventsDue ? (watched.events?.take() ?? .none) : .none
            let fileChanged = watchedFile.withLock { file in
                guard let watchedFile = file, DirectoryLister.isEntry(watchedFile.path, of: watched.path), case let stamp = DirectoryLister.stamp(path: watchedFile.path),
                      stamp != watchedFile.stamp
                else { return false }
                file?.stamp = stamp
                return true
            }
            guard now != watched.stamp || change != .none || fileChanged else { return true }
            // The same folder, still followed; else one made again under the name (maybe with the
            // inode the removed one had, whose watch the kernel ended), gone, or never followed.
            let sameFolder = now.map { $0.sameFile(as: watched.stamp) } == true
            var next = watched
            next.stamp = now
            if change == .watchEnded || !sameFolder || watched.events == nil { next.events = FolderEvents(watched.path) }
            watchedDirectory.withLock { current in
                if current?.generation == watched.generation { current = next }
            }
            guard watched.followed || !sameFolder
                || DirectoryLister.count(path: watched.path).map({ $0 <= FilesKeys.inlineSortLimit }) == true else { return true }
            do throws(DirectoryLister.Failure) {
                let entries = try DirectoryLister.list(path: watched.path, isCancelled: { Task.isCancelled }, deliver: { _ in })
                WatchedFolder.read(entries.count, generation: watched.generation, in: watchedDirectory)
                inbox.post(.directoryChanged(generation: watched.generation, entries: entries))
            } catch {
                inbox.post(.directoryFailed(generation: watched.generation, message: error.message))
            }
            return true
        }
    }

    /// Starts, once, the task in `slot` that calls `tick` every `historyCheckInterval` until it
    /// is cancelled or `tick` says to stop (the history's and the listed folder's watches).
    private func poll(_ slot: WritableKeyPath<Tasks, Task<Void, Never>?>, _ tick: @escaping @Sendable () -> Bool) {
        tasks.withLock { tasks in
            guard tasks[keyPath: slot] == nil else { return }
            tasks[keyPath: slot] = Task { [historyCheckInterval] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: historyCheckInterval)
                    guard !Task.isCancelled, tick() else { return }
                }
            }
        }
    }

    /// Reads the selected file's preview. One asked for meanwhile (the selection moved on, the
    /// file changed) cancels it, as a thumbnail's does: one at a time, the check of a slow image
    /// (a 49-megapixel PNG takes seconds, an RLE bomb BMP twenty) held the preview of every file
    /// selected after it, and the upload of one waiting for its read. A check cut short says
    /// nothing of its file.
    private func inspect(path: String, stamp: FileStamp?) {
        let task = Task { [actions, inbox] in
            let preview = await Self.preview(path: path, actions: actions)
            guard !Task.isCancelled else { return }
            inbox.post(.inspected(path: path, preview, stamp: stamp))
        }
        keep(task, in: \.inspection)
    }

    /// A file's preview, or why there is none: without the path the reason starts with
    /// (`/home/me/x.bmp: the BMP header…`), which the Details pane shows already, by name, and
    /// naming the file by its name where the reason's subject is its path (`x.png is a named pipe`),
    /// as the command line names it as given: the whole path took a line of its own.
    /// Read on `OwnThread`: its check of an image decodes it whole.
    static func preview(path: String, actions: any AssetActions) async -> PreviewState {
        await OwnThread.run {
            do {
                return .ready(try actions.preview(path: path))
            } catch {
                let reason = SafeText.errorLine(error, maxLength: 300)
                let shown = SafeText.oneLine(path)
                if reason.hasPrefix(shown + ": "), reason.count > shown.count + 2 { return .failed(String(reason.dropFirst(shown.count + 2))) }
                if reason.hasPrefix(shown + " ") { return .failed(SafeText.oneLine((path as NSString).lastPathComponent) + reason.dropFirst(shown.count)) }
                return .failed(reason)
            }
        }
    }

    private func makeThumbnail(_ key: ThumbnailKey, style: ThumbnailStyle) {
        let task = Task { [inbox, thumbnails] in
            let result: ThumbnailResult
            let stamp = ThumbnailMaker.stamp(path: key.path)
            let cacheKey = stamp.map { ThumbnailCache.Key(path: key.path, stamp: $0, box: key.box, style: style) }
            if let cacheKey, let cached = thumbnails.thumbnail(for: cacheKey) {
                result = .ready(cached)
            } else {
                do throws(ThumbnailError) {
                    let thumbnail = try await OwnThread.run { () throws(ThumbnailError) in
                        try ThumbnailMaker.make(path: key.path, box: key.box, style: style, isCancelled: { OwnThread.isCancelled })
                    }
                    thumbnails.store(thumbnail, for: ThumbnailCache.Key(
                        path: key.path, stamp: thumbnail.stamp, box: key.box, style: style))
                    result = .ready(thumbnail)
                } catch {
                    result = .failed(error.reason)
                }
            }
            guard !Task.isCancelled else { return }
            inbox.post(.thumbnailMade(key, result))
        }
        keep(task, in: \.thumbnail)
    }

    /// Reads the history; from the first read on, reads it again whenever another process
    /// has written the file (looked at every `historyCheckInterval`): an upload or removal from
    /// the command line shows without a restart, and a removed entry is not refreshed back.
    /// One read at a time: those asked for while one runs (every upload's end asks, and eight end
    /// together) make one more after it. Overlapping, each a whole read of a large history, they
    /// held its lock against the uploads' own writes, which gave up after 30 s.
    func loadHistory() {
        let starts = historyReads.withLock { reads in
            if reads.reading {
                reads.again = true
                return false
            }
            (reads.reading, reads.again) = (true, false)
            reads.stamp = actions.historyStamp()
            reads.retryAt = nil
            return true
        }
        if starts { readHistory() }
        poll(\.historyWatch) { [weak self] in
            guard let self else { return false }
            let (stamp, retryAt) = historyReads.withLock { ($0.stamp, $0.retryAt) }
            if retryAt.map({ $0 <= .now }) == true || actions.historyStamp() != stamp { loadHistory() }
            return true
        }
    }

    /// The read `loadHistory` starts, and the one asked for meanwhile after it.
    private func readHistory() {
        track { [weak self, actions, inbox, historyReads] in
            let action: Action
            do {
                action = .historyLoaded(try await OwnThread.run { try actions.historyEntries() })
            } catch {
                // Whole (the store keeps its messages to 700 characters): the empty pane wraps it all.
                action = .historyFailed(message: "Cannot read the history: \(SafeText.errorLine(error, maxLength: 800))")
            }
            historyReads.withLock { reads in
                // A file blank for a moment (`cp backup.json history.json` truncates it first) is
                // read again shortly, the panes and marks kept; blank for a second, it is empty.
                if case .historyLoaded(let entries) = action, entries.isEmpty, reads.hadEntries, reads.stamp?.size == 0, reads.blankReads < 5 {
                    reads.blankReads += 1
                    reads.retryAt = .now + .milliseconds(200)
                    return
                }
                reads.blankReads = 0
                if case .historyLoaded(let entries) = action { reads.hadEntries = !entries.isEmpty }
                if case .historyFailed = action {
                    reads.failures += 1
                    reads.retryAt = .now + .seconds(1 << min(reads.failures - 1, 6))
                } else {
                    reads.failures = 0
                }
                inbox.post(action)
            }
            Self.postHistoryWarnings(actions, inbox)
            let again = historyReads.withLock { reads in
                reads.reading = false
                return reads.again
            }
            if again { self?.loadHistory() }
        }
    }

    private func startUpload(jobId: Int, request: UploadRequest) {
        let createdAt = lastUploadTime.withLock { last in
            last = HistoryStore.now(after: last)
            return last
        }
        let run = UUID()
        // Started under the lock, so its own removal comes after it is kept; a retry of the job
        // (`r`) may start before it is removed, and is not removed with it.
        let previous = tasks.withLock { tasks in
            defer {
                tasks.uploads[jobId] = (run, Task { [self, actions, inbox] in
                    switch await Self.upload(request, jobId: jobId, createdAt: createdAt, actions: actions, inbox: inbox) {
                    case .interrupted(let interrupted):
                        let byQuit = InterruptedByQuit(name: request.displayName, historyPath: actions.historyPath, failure: interrupted)
                        interruptedAfterSending.withLock { $0.append(byQuit) }
                    case .made(let entry):
                        madeThoughCancelled.withLock { $0.append((request.displayName, entry.id ?? "?")) }
                    case nil:
                        break
                    }
                    self.tasks.withLock { if $0.uploads[jobId]?.run == run { $0.uploads[jobId] = nil } }
                })
            }
            return tasks.uploads[jobId]?.task
        }
        previous?.cancel()
    }

    /// How many uploads' tasks are kept (for tests).
    var uploadTaskCount: Int { tasks.withLock { $0.uploads.count } }
}

/// The folder Files lists, as its watch knows it.
struct WatchedFolder: Sendable {
    var path: String
    /// Its listing's generation: what the watch reads is for that listing only.
    var generation: Int
    /// The folder's stamp when it was last read.
    var stamp: PathStamp?
    var events: FolderEvents?
    /// How many entries its last reading found, and when it ended.
    var count = 0
    var readAt = ContinuousClock.now

    /// Whether its last reading was small enough to follow (the pane takes it again); a larger
    /// folder waits for `R`.
    var followed: Bool { count <= FilesKeys.inlineSortLimit }

    /// When its events may have it read again: a folder written to all the time (a build's output)
    /// is read at most once per `pause(after:)`.
    var eventsDue: ContinuousClock.Instant { readAt + Self.pause(after: count) }

    /// A second per 2,000 entries, at least one: reading and sorting 19,000 entries again took
    /// ~0.7 s of CPU, and one every second kept a core 60–70 % busy (2026-12-06).
    static func pause(after count: Int) -> Duration { .seconds(max(1, count / 2_000)) }

    /// Notes that a reading of the listing `generation` found `count` entries.
    static func read(_ count: Int, generation: Int, in watched: LockedValue<WatchedFolder?>) {
        watched.withLock { current in
            guard current?.generation == generation else { return }
            current?.count = count
            current?.readAt = .now
        }
    }
}
