import AssetCore
import AssetInspection
import MarketplaceAPI

/// Several files given to one upload subcommand (`upload-image a.png b.png --type screenshot`,
/// `upload-artifact a.jar b.jar`): each file is its own upload and history entry, in the
/// order given.
///
/// Every file is checked locally before the first upload (readable, the right kind, and for
/// artifacts not already on this server), after the history (it can record them). One refused file stops the batch before anything
/// is sent: a release script then fixes the path and runs again, without having uploaded the
/// other files twice (a second upload of a jar would even be refused as a duplicate). What
/// cannot be known before sending (the server refusing a file, a checksum mismatch, a lost
/// connection) fails that file only, and the others still upload.
struct UploadBatch {
    /// One file's upload, or why it failed.
    struct FileResult {
        let file: String
        let result: Result<UploadOutcome, any Error>

        var succeeded: Bool {
            if case .success = result { return true }
            return false
        }
    }

    let files: [String]

    /// Runs `check` on every file. When any is refused, prints a line `error: …` naming it for
    /// each and throws the closing line: nothing was uploaded.
    func checkEveryFile(_ check: (String) throws -> Void) throws {
        var refused = 0
        for file in files {
            do {
                try check(file)
            } catch {
                refused += 1
                // Most reasons start with the file as given or its name: said once, as given.
                let path = SafeText.oneLine(file), message = userMessage(for: error)
                let name = SafeText.oneLine(Self.fileName(file))
                let line = message.hasPrefix(path + " ") ? message
                    : message.hasPrefix(name + " ") ? path + message.dropFirst(name.count) : "\(path): \(message)"
                Console.error("error: " + line)
            }
        }
        guard refused > 0 else { return }
        throw CLIError("nothing was uploaded: \(refused) of \(files.count) files refused before any upload (see above)")
    }

    /// Uploads the files one after the other with `upload`, a progress bar per file
    /// (`2 of 6 banner.png`), and hands each result to `report` as it comes.
    func upload(
        _ upload: (String, @escaping @Sendable (UploadProgress) -> Void) async throws -> UploadOutcome,
        report: (FileResult, Int) -> Void
    ) async -> [FileResult] {
        var results: [FileResult] = []
        for (index, file) in files.enumerated() {
            let label = "\(index + 1) of \(files.count) \(SafeText.oneLine(Self.fileName(file), maxLength: 40))"
            let result: Result<UploadOutcome, any Error>
            if Task.isCancelled {
                // Ctrl-C or SIGTERM (SignalCancellation): the files after the one it cut short wait.
                result = .failure(CLIError("not started: interrupted"))
            } else {
                do {
                    result = .success(try await withProgressBar(label: label) { try await upload(file, $0) })
                } catch {
                    result = .failure(error)
                }
            }
            let fileResult = FileResult(file: file, result: result)
            report(fileResult, index)
            results.append(fileResult)
        }
        return results
    }

    /// Throws the closing line when any file failed (exit status 1); returns when all succeeded.
    static func requireAllSucceeded(_ results: [FileResult]) throws {
        let failed = results.filter { !$0.succeeded }
        guard !failed.isEmpty else { return }
        let names = failed.map { SafeText.oneLine(fileName($0.file)) }.joined(separator: ", ")
        throw CLIError("\(failed.count) of \(results.count) uploads failed: \(names)")
    }

    /// The last path component, for the lines and the progress bar.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
