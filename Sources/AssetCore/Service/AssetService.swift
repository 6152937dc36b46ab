import AssetInspection
import Foundation
import MarketplaceAPI

/// The one way the CLI and the TUI act on Marketplace: inspect → upload (with progress)
/// → verify → record in the history.
///
/// - Nothing is sent for a file that is not what the action needs (an image for
///   `uploadImage`, a ZIP artifact for `uploadArtifact`) or a URI that is not http(s).
/// - A failure once the server was involved (an error answer, a checksum mismatch) is
///   recorded as an entry with `failure` set, then thrown as an `AssetError`.
/// - Cancellation records nothing: `CancellationError` or `APIError.cancelled` is rethrown
///   as it is; but `APIError.interruptedAfterSending` (cancelled once the whole file, or a
///   fetch's request, had gone) is recorded as a failed attempt Marketplace may have made, and
///   thrown as `InterruptedUpload`.
/// - Entries carry `serverURL`, so the demo's and the real server's never mix.
public final class AssetService: Sendable {
    public let client: MarketplaceClient
    public let history: HistoryStore
    /// The server entries are recorded for (its base URL, without a trailing `/`).
    public let serverURL: String
    /// Set for a server that keeps uploads only while it runs, started at this time: the
    /// demo's emulator. An artifact the history recorded before then is not there to refresh,
    /// and a 404 for it says so instead of marking the entry failed.
    public let keepsUploadsSince: Date?

    public init(client: MarketplaceClient, history: HistoryStore, serverURL: String, keepsUploadsSince: Date? = nil) {
        self.client = client
        self.history = history
        self.serverURL = ServerURL.normalized(serverURL)
        self.keepsUploadsSince = keepsUploadsSince
    }

    /// Throws, before anything is sent, when the history could not record what is about to be
    /// done (see `HistoryStore.checkWritable`): the upload would succeed and its entry be lost.
    public func requireWritableHistory() async throws(AssetError) {
        do {
            try await OwnThread.run { [history] () throws(AssetError) in try history.checkWritable() }
        } catch {
            var refusal = error
            refusal.message += " Nothing was sent."
            throw refusal
        }
    }

    // MARK: Inspect

    /// What the file at `path` is, read from its bytes.
    public func inspect(path: String) throws(AssetError) -> FileInspection {
        do {
            return try FileInspector.inspect(path: path)
        } catch {
            throw AssetError(error.message, kind: .file)
        }
    }

    // MARK: Upload

    /// Uploads the image at `path` as `imageType` and records it.
    /// - Parameters:
    ///   - createdAt: the entry's time, when not now: a caller that runs several uploads at once
    ///     gives each its place in the order they were asked for (a listing's screenshots).
    ///   - recordsLocalPath: `false` when `path` is not the file's own (a link standing for a
    ///     path that is not UTF-8, which a JSON string cannot hold): the entry has no local path.
    public func uploadImage(
        path: String, imageType: String, createdAt: Date? = nil, recordsLocalPath: Bool = true,
        progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome {
        try Task.checkCancellation()
        let imageType = try ImageType.validatedName(imageType)
        let (inspection, info) = try inspectImage(path: path)
        try await requireWritableHistory()
        var warnings = inspection.warnings
        if let note = ImageType.recommendationWarning(imageType: imageType, info: info) { warnings.append(note) }

        var entry = HistoryEntry(
            kind: .image, imageType: imageType, name: inspection.fileName, mimeType: inspection.contentType,
            size: inspection.size, localPath: recordsLocalPath ? AssetPaths.fromWorkingFolder(path) : nil, serverURL: serverURL, createdAt: createdAt ?? HistoryStore.now()
        )
        let result: UploadResult<ImageAsset>
        do {
            result = try await client.uploadImage(uploadFile(inspection), imageType: imageType, progress: progress)
        } catch {
            throw await recordFailure(error, entry: entry, warnings: warnings)
        }
        let image = result.response.value
        entry.id = image.id
        entry.image = image
        entry.mimeType = image.mimeType ?? entry.mimeType
        entry.size = image.size ?? entry.size
        return await record(entry, body: result.response.body, warnings: warnings)
    }

    /// Uploads the artifact at `path`, verifies the server's SHA-512 against the one
    /// computed while sending, and records it.
    /// - Parameters:
    ///   - verify: `false` skips the hashing and the comparison (the entry's `verified` stays
    ///     `nil`); for measuring what verification costs.
    ///   - createdAt, recordsLocalPath: as for `uploadImage`.
    ///   - approve: called with the file as it is inspected to be sent, once the history can
    ///     take its entry; what it throws stops the upload, nothing sent or recorded (the
    ///     command line's duplicate check: a jar replaced since it was checked is another build).
    public func uploadArtifact(
        path: String, verify: Bool = true, createdAt: Date? = nil, recordsLocalPath: Bool = true,
        approve: (FileInspection) throws -> Void = { _ in }, progress: @escaping @Sendable (UploadProgress) -> Void
    ) async throws -> UploadOutcome {
        try Task.checkCancellation()
        let inspection = try inspectArtifact(path: path)
        try await requireWritableHistory()
        try approve(inspection)
        var warnings = inspection.warnings
        var entry = HistoryEntry(
            kind: .artifact, name: inspection.fileName, mimeType: inspection.contentType, size: inspection.size,
            localPath: recordsLocalPath ? AssetPaths.fromWorkingFolder(path) : nil, serverURL: serverURL, createdAt: createdAt ?? HistoryStore.now()
        )
        let result: UploadResult<Artifact>
        do {
            result = try await client.uploadArtifact(uploadFile(inspection), computeSHA512: verify, progress: progress)
        } catch {
            throw await recordFailure(error, entry: entry, warnings: warnings)
        }
        let artifact = result.response.value
        entry.id = artifact.artifactId
        entry.artifact = artifact
        entry.size = artifact.fileInfo.size
        if let sent = result.sentSHA512?.lowercased() {
            entry.checksum = "sha512:" + sent
            if let reported = artifact.fileInfo.sha512Hex {
                entry.verified = reported == sent
            } else if let other = artifact.fileInfo.checksum, !other.isEmpty {
                warnings.append("Marketplace reported its checksum as \"\(SafeText.oneLine(other, maxLength: 160))\", not as sha512:<hex>, so the upload could not be verified.")
            } else {
                warnings.append("Marketplace did not report a SHA-512 checksum, so the upload could not be verified.")
            }
        } else {
            entry.checksum = artifact.fileInfo.checksum
        }
        if entry.verified == false {
            let message = "Checksum mismatch for \(SafeText.oneLine(entry.name)): sent sha512:\(Self.short(entry.checksum)), Marketplace stored sha512:\(Self.short(artifact.fileInfo.sha512Hex)) (artifact \(SafeText.oneLine(artifact.artifactId))). Upload it again."
            var failure = await recordFailed(entry, message: message, warnings: warnings)
            failure.kind = .checksumMismatch
            failure.artifactId = artifact.artifactId
            throw failure
        }
        return await record(entry, body: result.response.body, warnings: warnings)
    }

    // MARK: Fetch and refresh

    /// Asks Marketplace to fetch an artifact from `uri` and records it. The URI is checked
    /// locally first; userinfo in it is sent but never stored or shown.
    /// - Parameter createdAt: as for `uploadImage`.
    public func fetchArtifact(uri: String, createdAt: Date? = nil) async throws -> UploadOutcome {
        try Task.checkCancellation()
        let target: FetchURI
        do { target = try FetchURI(uri) } catch { throw AssetError(error.message) }
        try await requireWritableHistory()
        var entry = HistoryEntry(
            kind: .artifact, name: target.fileName, remoteURI: target.redacted, serverURL: serverURL, createdAt: createdAt ?? HistoryStore.now()
        )
        let response: APIResponse<Artifact>
        do {
            response = try await client.fetchArtifact(uri: target.original)
        } catch {
            throw await recordFailure(error, entry: entry, scrub: target.scrub)
        }
        // The answer may echo the URI (`_links.remote`, a name made of it): its secrets go no
        // further than the request. (Not in the key and version, read from the jar: `?key=` may be the plugin key.)
        let artifact = Self.scrubbing(response.value, with: target.scrub)
        entry.id = artifact.artifactId
        entry.artifact = artifact
        entry.name = artifact.fileInfo.logicalFileName
        entry.size = artifact.fileInfo.size
        entry.checksum = artifact.fileInfo.checksum
        let body = target.scrub(json: response.body)
        // The key and version are known only from the answer: too late to refuse, not to say.
        var warnings: [String] = []
        if let key = artifact.details?.key, let version = artifact.details?.version,
           let earlier = PreviousUpload.find(key: key, version: version, in: (try? await loadEntries(kind: .artifact)) ?? [], since: keepsUploadsSince) {
            warnings.append(earlier.storedAgainWarning())
        }
        return await record(entry, body: body, warnings: warnings)
    }

    /// Reads the artifact's details from the server and updates every entry of this server
    /// with that artifact ID (details, links, `refreshedAt`; `failure` cleared unless the
    /// refreshed checksum still disagrees with the one sent, or cannot be compared with it after
    /// a mismatch; a looked-up or fetched one's checksum taken as it is now). Records a new entry when the
    /// history has none, unless `recordingNew` is `false` (the TUI refreshes rows it shows,
    /// which another process may have removed: then it throws). On an error, it is thrown; when
    /// it is a 404 (no such artifact there), the entries' `failure` is set too.
    public func refreshArtifact(id: String, recordingNew: Bool = true) async throws -> UploadOutcome {
        try Task.checkCancellation()
        let id = id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw AssetError("The artifact ID is empty: give an artifact ID, or its self link.") }
        // An artifact ID is a UUID, taken in either case (as the server takes it): one entry per artifact.
        let key = id.lowercased()
        let matches: @Sendable (HistoryEntry) -> Bool = { [serverURL] entry in
            entry.kind == .artifact && entry.id?.lowercased() == key && ServerURL.normalized(entry.serverURL) == serverURL
        }
        let response: APIResponse<Artifact>
        do {
            response = try await client.artifact(id: id)
        } catch {
            if Self.isCancellation(error) { throw error }
            // What the history knows of the ID, for a 404's explanation.
            let known = if case .notFound = error {
                (try? await OwnThread.run { [history] () throws(AssetError) in try history.load() }) ?? []
            } else {
                [HistoryEntry]()
            }
            if let since = keepsUploadsSince, known.contains(where: { matches($0) && $0.createdAt < since }) {
                throw AssetError("An earlier demo run uploaded this artifact, and the demo's emulator keeps uploads only while "
                    + "it runs: there is nothing to refresh. Its history entry is kept as it was.")
            }
            var message = message(for: error)
            if case .notFound = error, isImageID(id, in: known) {
                message = "\(SafeText.oneLine(id, maxLength: 80)) looks like an image ID, not an artifact ID: images have no details endpoint "
                    + "(GET works for artifacts only). What the server said about the image is in `history --kind image`."
            } else if let elsewhere = known.first(where: {
                $0.kind == .artifact && $0.id?.lowercased() == key && ServerURL.normalized($0.serverURL) != serverURL
            }) {
                message += " The history has it from \(SafeText.oneLine(elsewhere.serverURL)): --base-url \(SafeText.oneLine(elsewhere.serverURL)) asks that server."
            }
            // Only Marketplace's word that the artifact is not there is about the artifact; a
            // refused token, a server out of reach or busy says nothing of it, and leaves it be.
            if case .notFound = error {
                do throws(AssetError) {
                    _ = try await OwnThread.run { [history, message] () throws(AssetError) in try history.update(where: matches) { $0.failure = Self.refreshFailure(message, of: $0) } }
                } catch let historyError {
                    throw AssetError("\(message) (The failure could not be recorded in the history: \(historyError.message))")
                }
            }
            var failure = AssetError(message)
            failure.stopsBatch = BatchStop(after: error)
            throw failure
        }
        // A fetched artifact's answer may echo the fetch URI with its secrets (`_links.remote`, a
        // name made of it): hidden as the fetch hid them, in the entry and in the body printed.
        let remote = Self.secretRemote(of: response.value)
        let artifact = remote.map { Self.scrubbing(response.value, with: $0.scrub) } ?? response.value
        let body = remote.map { $0.scrub(json: response.body) } ?? response.body
        // Details of another artifact would be filed under this one's entry.
        guard artifact.artifactId.lowercased() == key else {
            throw AssetError("Asked for artifact \(SafeText.oneLine(id, maxLength: 80)), the server answered with the details of "
                + "\(SafeText.oneLine(artifact.artifactId, maxLength: 80)) (its self link): nothing was recorded. Check the base URL.")
        }
        let now = HistoryStore.now()
        // Not an upload of ours: marked so (the newest artifact a script picks must be one), and
        // the answer's `_links.remote` is not copied as a URL this tool fetched.
        let newEntry = HistoryEntry(
            kind: .artifact, id: artifact.artifactId, name: artifact.fileInfo.logicalFileName, size: artifact.fileInfo.size,
            checksum: artifact.fileInfo.checksum, artifact: artifact,
            serverURL: serverURL, createdAt: now, refreshedAt: now, lookedUp: true
        )
        let refresh: @Sendable (inout HistoryEntry) -> Void = { entry in
            // The reference's GET example has no `details`: an answer without them keeps
            // those the upload recorded (the duplicate check reads their key and version).
            entry.artifact = Artifact(fileInfo: artifact.fileInfo, details: artifact.details ?? entry.artifact?.details,
                                      links: artifact.links)
            entry.refreshedAt = now
            entry.size = artifact.fileInfo.size
            // A refresh's own failure (a 404) goes; a checksum mismatch stands unless the answer's
            // checksum is compared again below (one not in hex cannot be).
            entry.failure = entry.verified == false ? entry.failure?.components(separatedBy: Self.lastRefreshFailed).first : nil
            // The checksum of an artifact nothing was sent from here for (looked up, fetched) is the
            // server's, as it says now; that of one uploaded is what was sent (its path may not have
            // been recorded: not UTF-8), against which the answer's is checked.
            guard entry.wasUploaded else {
                entry.checksum = artifact.fileInfo.checksum
                return
            }
            if let sent = entry.checksum, let reported = artifact.fileInfo.sha512Hex {
                entry.verified = sent.lowercased() == "sha512:" + reported
                entry.failure = entry.verified == false
                    ? "Checksum mismatch: sent sha512:\(Self.short(sent)), Marketplace stores sha512:\(Self.short(reported))." : nil
            } else if let mismatch = entry.failure {
                // The mismatch stands, and says this refresh's checksum is not the one it quotes.
                let reported = artifact.fileInfo.checksum.map { "reported \"\(SafeText.oneLine($0, maxLength: 100))\", not sha512:<hex>" } ?? "reported no checksum"
                entry.failure = mismatch + Self.lastRefreshFailed + "Marketplace \(reported), which cannot be compared."
            }
        }
        do throws(AssetError) {
            let updated = try await OwnThread.run { [history] () throws(AssetError) in try history.update(where: matches, refresh) }
            if let newest = updated.max(by: { $0.createdAt < $1.createdAt }) {
                return UploadOutcome(entry: newest, responseBody: body)
            }
            guard recordingNew else {
                throw AssetError("\(SafeText.oneLine(id, maxLength: 80)) is no longer in the history (removed since it was listed), so its details were not recorded.")
            }
            try await OwnThread.run { [history] () throws(AssetError) in try history.append(newEntry) }
            return UploadOutcome(entry: newEntry, responseBody: body, historyWarnings: history.takeWarnings())
        } catch {
            guard recordingNew else { throw error }
            // A read: the details are given all the same (`artifact ID`); only the history misses them.
            return UploadOutcome(entry: newEntry, responseBody: body,
                                 historyWarnings: history.takeWarnings() + [Self.detailsNotSaved + error.message])
        }
    }

    /// What `entry` says once a refresh found nothing: `message`, after the checksum mismatch
    /// an upload recorded (the upload's own failure stands; a later refresh's replaces this one's).
    static func refreshFailure(_ message: String, of entry: HistoryEntry) -> String {
        guard entry.verified == false, let mismatch = entry.failure?.components(separatedBy: lastRefreshFailed).first else { return message }
        return mismatch + lastRefreshFailed + message
    }

    /// What `artifact ID` says, as its error, of an entry whose checksum Marketplace's disagrees
    /// with: the upload's message names the file and the artifact and says what to do; a
    /// refresh's has them added.
    public static func mismatchError(_ entry: HistoryEntry, artifactId: String) -> String? {
        guard entry.verified == false, let failure = entry.failure else { return nil }
        let named = failure.contains("(artifact ") ? failure
            : "\(SafeText.oneLine(entry.name)) (artifact \(SafeText.oneLine(artifactId))): \(failure)"
        return named.contains(" Upload it again.") ? named : named + " Upload it again."
    }

    /// What joins a checksum mismatch an upload recorded and a later refresh's failure.
    public static let lastRefreshFailed = " Last refresh failed: "

    /// How the warning of a read whose details the history could not take starts.
    public static let detailsNotSaved = "The details were not saved in the history: "

    // MARK: History

    /// The history, newest first: this server's entries only unless `allServers`.
    public func entries(kind: HistoryEntry.Kind? = nil, allServers: Bool = false) throws(AssetError) -> [HistoryEntry] {
        select(try history.load(), kind: kind, allServers: allServers)
    }

    /// `entries`, read on `OwnThread` (a read waits while another process writes).
    public func loadEntries(kind: HistoryEntry.Kind? = nil, allServers: Bool = false) async throws(AssetError) -> [HistoryEntry] {
        try await OwnThread.run { [self] () throws(AssetError) in try entries(kind: kind, allServers: allServers) }
    }

    /// `all` filtered, newest first; entries made in the same millisecond keep the
    /// later-written first (the history is written in time order, `sort` is stable).
    /// Works in place on the array it is given: copying the entries (each holds a dozen
    /// strings) cost a third as much as reading them.
    private func select(_ all: consuming [HistoryEntry], kind: HistoryEntry.Kind?, allServers: Bool) -> [HistoryEntry] {
        var entries = all
        entries.removeAll { !((kind == nil || $0.kind == kind) && (allServers || ServerURL.normalized($0.serverURL) == serverURL)) }
        entries.reverse()
        if !entries.isNewestFirst { entries.sort { $0.createdAt > $1.createdAt } }
        return entries
    }

    // MARK: Helpers

    private func uploadFile(_ inspection: FileInspection) -> UploadFile {
        UploadFile(path: inspection.path, fileName: inspection.uploadName, contentType: inspection.contentType, size: inspection.size)
    }

    /// Saves a successful entry. The server already has the file, so a history that cannot be
    /// written does not throw: the outcome carries why (`unrecordedReason`), and the command
    /// prints the answer, then fails.
    private func record(_ entry: HistoryEntry, body: [UInt8], warnings: [String]) async -> UploadOutcome {
        var unrecorded: String?
        do throws(AssetError) {
            try await append(entry, beingRecorded: true)
        } catch {
            // Marketplace has it: what to do is not "try again", whatever the history's error says.
            let id = SafeText.oneLine(entry.id ?? "-")
            let advice = entry.kind == .artifact
                ? "`marketplace-assets artifact \(id)` records it once the history can be written; uploading it again would make a second copy."
                : "Keep its ID: uploading it again would make a second copy."
            unrecorded = "Done (ID \(id)), but the history could not be saved: \(error.message) \(advice)"
        }
        return UploadOutcome(entry: entry, responseBody: body, warnings: warnings, historyWarnings: history.takeWarnings(),
                             unrecordedReason: unrecorded)
    }

    /// Records a failed attempt and returns the error to throw; a cancellation is
    /// returned unchanged and recorded nowhere.
    private func recordFailure(
        _ error: any Error, entry: HistoryEntry, warnings: [String] = [], scrub: (String) -> String = { $0 }
    ) async -> any Error {
        if case .interruptedAfterSending? = error as? APIError {
            // Cancelled once the whole file (a fetch's request) had gone: the only trace of an
            // upload Marketplace may have made, kept by `--remove-failed`. The exclusive lock waits its term.
            var entry = entry
            entry.failure = scrub(message(for: error))
            do throws(AssetError) {
                try await append(entry, beingRecorded: true)
                return InterruptedUpload(unrecorded: nil, entryId: entry.entryId, message: entry.failure ?? "")
            } catch {
                return InterruptedUpload(unrecorded: error.message, entryId: nil, message: entry.failure ?? "")
            }
        }
        if Self.isCancellation(error) { return error }
        var text = scrub(message(for: error))
        // A success answer that does not read says Marketplace did something (a gateway's 502 or
        // 504, or a proxy's bare 503, says so in its own message): `--remove-failed` keeps the entry.
        if case .invalidResponse? = error as? APIError { text += " (\(TransportErrorClassifier.uploadMayExist))" }
        var failure = await recordFailed(entry, message: text, warnings: warnings)
        failure.stopsBatch = BatchStop(after: error)
        failure.kind = FailureKind(of: error)
        return failure
    }

    /// Records `entry` with `failure` set to `message`; returns the error to throw, carrying
    /// the file's `warnings`. One with an ID (a checksum mismatch) is an artifact Marketplace
    /// made: a process ending at once names it, as it names an upload being recorded.
    private func recordFailed(_ entry: HistoryEntry, message: String, warnings: [String] = []) async -> AssetError {
        var entry = entry
        entry.failure = message
        do throws(AssetError) {
            try await append(entry, beingRecorded: entry.id != nil)
        } catch {
            return AssetError("\(message) (The failure could not be recorded in the history: \(error.message))", warnings: warnings)
        }
        var recorded = AssetError(message, warnings: warnings)
        recorded.entryId = entry.entryId
        return recorded
    }

    /// Appends `entry` on `OwnThread`; `beingRecorded` for an upload Marketplace has (or may
    /// have) made, which a process ending at once names if its write has not ended.
    private func append(_ entry: HistoryEntry, beingRecorded: Bool) async throws(AssetError) {
        try await OwnThread.run { [history] () throws(AssetError) in
            if beingRecorded {
                try UploadsBeingRecorded.recording(entry) { () throws(AssetError) in try history.append(entry) }
            } else {
                try history.append(entry)
            }
        }
    }

    /// The one-line message of `error`, with the API token blanked should it ever appear.
    private func message(for error: any Error) -> String {
        let text = SafeText.errorLine(error)
        let token = client.configuration.credentials.apiToken
        guard token.count >= 4 else { return text }
        return text.replacingOccurrences(of: token, with: "<redacted>")
    }

    /// Whether `error` is a cancelled task's, as the layers below throw it.
    public static func isCancellation(_ error: any Error) -> Bool {
        switch error as? APIError {
        case .cancelled?, .interruptedAfterSending?: true
        default: error is CancellationError || error is InterruptedUpload
        }
    }

    /// Whether `id` is shaped like an image ID (`img-…`, as the reference's examples are) or is
    /// one in this server's history.
    private func isImageID(_ id: String, in entries: [HistoryEntry]) -> Bool {
        if id.hasPrefix("img-") { return true }
        return entries.contains { $0.kind == .image && $0.id == id && ServerURL.normalized($0.serverURL) == serverURL }
    }

    /// `artifact` with its file name, its details' name and its links passed through `scrub`.
    private static func scrubbing(_ artifact: Artifact, with scrub: (String) -> String) -> Artifact {
        var artifact = artifact
        artifact.fileInfo.logicalFileName = scrub(artifact.fileInfo.logicalFileName)
        if let name = artifact.details?.name { artifact.details?.name = scrub(name) }
        artifact.links.selfLink.href = scrub(artifact.links.selfLink.href)
        artifact.links.binary = artifact.links.binary.map { Link(href: scrub($0.href)) }
        artifact.links.remote = artifact.links.remote.map { Link(href: scrub($0.href)) }
        return artifact
    }

    /// The artifact's `_links.remote` as a fetch URI, when it holds something `redacted` hides.
    private static func secretRemote(of artifact: Artifact) -> FetchURI? {
        guard let remote = artifact.links.remote, let uri = try? FetchURI(remote.href), uri.redacted != remote.href else { return nil }
        return uri
    }

    /// The first 16 hex digits of a checksum, for a one-line message.
    private static func short(_ checksum: String?) -> String {
        guard let checksum else { return "(none)" }
        let hex = checksum.lowercased().hasPrefix("sha512:") ? String(checksum.dropFirst(7)) : checksum
        return SafeText.oneLine(String(hex.prefix(16))) + "…"
    }
}
