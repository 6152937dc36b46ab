import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// Several files given to one upload subcommand (`upload-image a.png b.png --type screenshot`,
/// `upload-artifact a.jar b.jar`): each file is its own upload and history entry, in the
/// order given.
///
/// Every file is checked locally before the first upload (readable, the right kind, and for
/// artifacts not already on this server, or left out with `--skip-existing`), after the history
/// (it can record them). One refused file stops the batch before anything is sent: a release script then fixes the path and runs again, without having uploaded the
/// other files twice (a second upload of a jar would even be refused as a duplicate). What
/// cannot be known before sending (the server refusing a file, a checksum mismatch, a lost
/// connection) fails that file only, and the others still upload.
struct UploadBatch {
    /// One file's upload, or why it failed.
    struct FileResult {
        /// The file as given (not the link a name that is not UTF-8 is read through).
        let file: String
        /// How the lines name the file (see `displayName`).
        let name: String
        let result: Result<UploadOutcome, any Error>
        /// A failure's one line (`userMessage`), naming the file as given.
        let failure: String?

        var succeeded: Bool {
            if case .success = result { return true }
            return false
        }

        /// Left out by `--skip-existing`: this server has its build already. No failure.
        var skipped: DuplicateCheck.AlreadyUploaded? {
            if case .failure(let error as DuplicateCheck.AlreadyUploaded) = result { return error }
            return nil
        }
    }

    let files: [String]
    /// For each file given again (`shot.png`, `./shot.png`, a symbolic or hard link to it, two
    /// globs that match it: the same device and inode), by its place in `files`: the place it
    /// was first given.
    private let repeats: [Int: Int]
    /// How many files of the call have each name (`d1/x.png`, `d2/x.png`: 2).
    private let nameCounts: [String: Int]

    /// What a message says for a file's path: the argument as given for a path read through a
    /// link (`RawPathLinks.naming`, a name that is not UTF-8).
    private let shown: (String) -> String

    /// `checking 3 of 300 b.png` while the checks take a while: erased before any line is printed.
    private let checking: CheckingLine

    init(files: [String], shown: @escaping (String) -> String = { $0 }) {
        self.files = files
        self.shown = shown
        checking = CheckingLine(total: files.count)
        var first: [FileIdentity: Int] = [:], repeats: [Int: Int] = [:]
        for (index, file) in files.enumerated() {
            guard let identity = FileIdentity(path: file) else { continue }  // not there: the check says so
            if let earlier = first[identity] { repeats[index] = earlier } else { first[identity] = index }
        }
        self.repeats = repeats
        nameCounts = files.reduce(into: [:]) { counts, file in counts[FileInspector.fileName(of: file), default: 0] += 1 }
    }

    /// Refuses the file at `index` when it was given before in the call (`inspect` refuses it too).
    func refuseRepeat(at index: Int) throws {
        guard let first = repeats[index] else { return }
        let (file, earlier) = (shown(files[index]), shown(files[first]))
        let also = earlier == file ? "" : " (also as \(SafeText.oneLine(earlier)))"
        // (Every place of it, so that each of its lines says the same count.)
        let times = 1 + repeats.count { $0.value == first }
        throw CLIError("\(SafeText.oneLine(file)) is given \(times == 2 ? "twice" : "\(times) times") in this call\(also): give each file once")
    }

    /// Runs `check` on every file, and refuses a file given twice (one upload of it is enough).
    /// When any is refused, prints a line `error: …` naming it for each and throws the closing
    /// line: nothing was uploaded. Returns the files `check` found already uploaded
    /// (`--skip-existing`), by their place: `upload` leaves them out. Maven side jars
    /// (`-sources.jar`, which holds the main jar's descriptor) are checked last, so that of a
    /// key and version given twice (`app-1.0.0*.jar`) the side jar is the one refused.
    @discardableResult
    func checkEveryFile(_ check: (String) throws -> Void) throws -> [Int: DuplicateCheck.AlreadyUploaded] {
        var refused = Set<Int>()
        let skipped = try checkEveryFile(check, refused: &refused)
        try requireNoneRefused(refused)
        return skipped
    }

    /// `checkEveryFile(_:)` in passes: runs `check` on every file not in `refused` yet, printing
    /// a line `error: …` for each it refuses and adding it to `refused`; `requireNoneRefused`
    /// then throws the closing line. A later pass (the history's builds) can then name its
    /// refusals in the same run as an earlier one's (a missing file).
    func checkEveryFile(_ check: (String) throws -> Void, refused: inout Set<Int>) throws -> [Int: DuplicateCheck.AlreadyUploaded] {
        var skipped: [Int: DuplicateCheck.AlreadyUploaded] = [:]
        defer { checking.erase() }
        for (place, index) in FileInspector.sideJarsLast(files.map { FileInspector.fileName(of: $0) }).enumerated() where !refused.contains(index) {
            // Each check may decode an image whole: Ctrl-C need not wait for the rest.
            try Self.stopIfInterrupted(checking: files.count)
            let file = files[index]
            checking.show(place, name: FileInspector.fileName(of: shown(file)))
            do {
                try refuseRepeat(at: index)
                try check(file)
            } catch let already as DuplicateCheck.AlreadyUploaded {
                skipped[index] = already
            } catch {
                refused.insert(index)
                let path = SafeText.oneLine(shown(file)), message = naming(file, in: shown(userMessage(for: error)))
                checking.erase()
                // (A message that names the file first, `a.jar is …` or `a.jar: …`, is said as it is.)
                Console.error("error: " + (message.hasPrefix(path + " ") || message.hasPrefix(path + ":") ? message : "\(path): \(message)"))
            }
        }
        // (A check stops inside its file too: the last one's stop is said here.)
        try Self.stopIfInterrupted(checking: files.count)
        return skipped
    }

    /// Prints `warning: FILE: message` during the checks (a damaged image), naming the file as
    /// given, on a line of its own.
    func warn(_ message: String, about file: String) {
        checking.erase()
        Console.error("warning: \(SafeText.oneLine(shown(file))): \(message)")
    }

    /// Throws the closing line of the refusals `checkEveryFile` printed, if it printed any.
    func requireNoneRefused(_ refused: Set<Int>) throws {
        guard !refused.isEmpty else { return }
        throw CLIError("nothing was uploaded: \(refused.count) of \(files.count) files refused before any upload (see above)")
    }

    /// Ctrl-C (or SIGTERM) while `count` files are checked, before anything is sent: said so.
    static func stopIfInterrupted(checking count: Int) throws {
        if Task.isCancelled { throw CLIError("interrupted while the \(count == 1 ? "file was" : "files were") checked: nothing was sent") }
    }

    /// `message` naming `file` as given where it starts with the file's name (most refusals
    /// do: `app.jar is not an image`), so that `dist/app.jar` is said whether it came alone or
    /// with others.
    func naming(_ file: String, in message: String) -> String {
        let path = SafeText.oneLine(shown(file)), name = SafeText.oneLine(FileInspector.fileName(of: shown(file)))
        return !message.hasPrefix(path + " ") && message.hasPrefix(name + " ") ? path + message.dropFirst(name.count) : message
    }

    /// The error of a call with one file, naming it as `naming(_:in:)` does; other errors as they are.
    func namingTheFile(_ error: any Error) -> any Error {
        guard files.count == 1, var failure = error as? AssetError else { return error }
        failure.message = naming(files[0], in: failure.message)
        return failure
    }

    /// Uploads the files one after the other with `upload`, a progress bar per file
    /// (`2 of 6 banner.png`), and hands each result to `report` as it comes.
    func upload(
        skipping skipped: [Int: DuplicateCheck.AlreadyUploaded] = [:],
        _ upload: (String, @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome,
        report: (FileResult, Int) -> Void
    ) async -> [FileResult] {
        var results: [FileResult] = []
        /// The file whose failure the files after it would repeat, and how it failed, if one did.
        var stoppedBy: (name: String, stop: BatchStop)?
        for (index, file) in files.enumerated() {
            let name = displayName(file)
            let label = "\(index + 1) of \(files.count) \(SafeText.oneLine(name, maxLength: 40))"
            let result: Result<UploadOutcome, any Error>
            if let already = skipped[index] {
                result = .failure(already)
            } else if Task.isCancelled {
                // Ctrl-C or SIGTERM (SignalCancellation): the files after the one it cut short wait.
                result = .failure(AssetError("not started: interrupted", kind: .notStarted))
            } else if let stoppedBy {
                // Each would fail as that one did, and be recorded as a failed attempt.
                result = .failure(AssetError(AssetError.notStartedMessage(after: stoppedBy.name, stoppedBy.stop), kind: .notStarted))
            } else {
                do {
                    result = .success(try await withProgressBar(label: label) { try await upload(file, $0) })
                } catch {
                    result = .failure(error)
                }
            }
            if case .failure(let error as AssetError) = result, let stop = error.stopsBatch, stoppedBy == nil { stoppedBy = (name, stop) }
            let failure: String? = if case .failure(let error) = result { shown(userMessage(for: error)) } else { nil }
            let fileResult = FileResult(file: shown(file), name: name, result: result, failure: failure)
            report(fileResult, index)
            results.append(fileResult)
        }
        return results
    }

    /// Throws the closing line when any file failed (exit status 1); returns when all succeeded.
    /// The uploads the history lacks come first, with their IDs (the history cannot give them), and
    /// every list names ten files at most: a long list of failures must not cut them off. Files not
    /// started (after an interruption, or a failure they would repeat) are counted, not named:
    /// their own lines named them.
    static func requireAllSucceeded(_ results: [FileResult]) throws {
        let unrecorded = results.compactMap { result in
            (try? result.result.get()).flatMap { $0.unrecordedReason == nil ? nil : "\(result.name) (\($0.entry.id ?? "no ID"))" }
        }
        var failed: [String] = [], interrupted: [String] = [], notStarted = 0
        for result in results {
            guard case .failure(let error) = result.result, result.skipped == nil else { continue }
            switch FailureKind(of: error) {
            case .notStarted: notStarted += 1
            case .interrupted: interrupted.append(result.name)
            default: failed.append(result.name)
            }
        }
        var problems: [String] = []
        if !unrecorded.isEmpty {
            problems.append("\(unrecorded.count) of \(results.count) uploads are on Marketplace but not in the history: " + HistoryCommand.listed(unrecorded))
        }
        if !failed.isEmpty { problems.append("\(failed.count) of \(results.count) uploads failed: " + HistoryCommand.listed(failed)) }
        if !interrupted.isEmpty { problems.append("\(interrupted.count) of \(results.count) uploads interrupted: " + HistoryCommand.listed(interrupted)) }
        if notStarted > 0 { problems.append("\(notStarted) of \(results.count) uploads not started") }
        guard problems.isEmpty else { throw CLIError(problems.joined(separator: "; ")) }
    }

    /// The file's name, or the path as given when another file of the call has the same name
    /// (`d1/x.png`, `d2/x.png`), so that a line always says which file it is about.
    func displayName(_ file: String) -> String {
        let (file, name) = (shown(file), FileInspector.fileName(of: file))
        return nameCounts[name, default: 0] > 1 && file != name ? file : name
    }
}
