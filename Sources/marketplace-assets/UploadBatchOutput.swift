import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// What a batch upload prints: a line per file as it finishes (warnings and failures on
/// stderr), and with `--json` one array in the order given: the server's answer for each
/// upload with its `file` and `entryId` added (one the history could not record with
/// `unrecorded`, why, instead of the `entryId`: it is on Marketplace, its ID good, and no
/// failure to send again), `{"file": …, "error": …, "kind": …}` for each failure (`FailureKind`; with the
/// `artifactId` Marketplace made for a checksum mismatch), `{"file": …, "skipped": …, "artifactId": …}`
/// for each jar `--skip-existing` left out.
enum UploadBatchOutput {
    /// `[2/6] banner.png  imageId img-…  screenshot  (1.8 kB)` on stdout, or `error: [2/6] banner.png: why` on stderr.
    static func report(_ fileResult: UploadBatch.FileResult, index: Int, count: Int, json: Bool) {
        let place = "[\(index + 1)/\(count)] \(SafeText.sanitize(fileResult.name))"
        // A warning that names the file first names it once, after its place.
        let fileName = SafeText.oneLine(FileInspector.fileName(of: fileResult.file))
        func about(_ warning: String) -> String {
            let text = SafeText.oneLine(warning)
            if text.hasPrefix(fileName + ": ") { return place + text.dropFirst(fileName.count) }
            if text.hasPrefix(fileName + " ") { return place + text.dropFirst(fileName.count) }
            return place + ": " + text
        }
        switch fileResult.result {
        case .success(let outcome):
            outcome.allWarnings.forEach { Console.error("warning: " + about($0)) }
            if !json { Console.out(place + "  " + facts(outcome.entry)) }
            if let unrecorded = outcome.unrecordedReason { Console.error("error: \(place): " + SafeText.oneLine(unrecorded)) }
        case .failure(let already as DuplicateCheck.AlreadyUploaded):
            if !json { Console.out(place + "  skipped: " + already.reason) }
        case .failure(let error):
            (error as? AssetError)?.warnings.forEach { Console.error("warning: " + about($0)) }
            Console.error("error: \(place): \(fileResult.failure ?? userMessage(for: error))")
        }
    }

    /// `imageId img-…  screenshot  (1.8 kB)`, `artifactId …  com.example.app 1.0.0  (15.2 kB, SHA-512 verified)`.
    static func facts(_ entry: HistoryEntry) -> String {
        let idName = entry.kind == .image ? "imageId" : "artifactId"
        var text = "\(idName) \(entry.id ?? "-")"
        if let imageType = entry.imageType { text += "  \(imageType)" }
        if let details = entry.artifact?.details, let key = details.key {
            text += "  \(key)" + (details.version.map { " \($0)" } ?? "")
        }
        var notes: [String] = []
        if let size = entry.size { notes.append(ByteCount.format(size)) }
        if let answerName = entry.answerName, answerName != entry.name { notes.append("on Marketplace: " + answerName) }
        switch entry.verified {
        case true?: notes.append("SHA-512 verified")
        case false?: notes.append("SHA-512 MISMATCH")
        case nil: break
        }
        if !notes.isEmpty { text += "  (" + notes.joined(separator: ", ") + ")" }
        return SafeText.sanitize(text)
    }

    /// The `--json` array.
    static func printJSON(_ results: [UploadBatch.FileResult]) throws {
        var array: [Any] = []
        for fileResult in results {
            switch fileResult.result {
            case .success(let outcome):
                var answer = try JSONOutput.parse(outcome.responseBody)
                if var object = answer as? [String: Any] {
                    object["file"] = fileResult.file
                    if let unrecorded = outcome.unrecordedReason {
                        object["unrecorded"] = unrecorded
                    } else {
                        object["entryId"] = outcome.entry.entryId.uuidString
                    }
                    answer = object
                }
                array.append(answer)
            case .failure(let already as DuplicateCheck.AlreadyUploaded):
                array.append(already.json(file: fileResult.file))
            case .failure(let error):
                var failure: [String: Any] = ["file": fileResult.file, "error": fileResult.failure ?? userMessage(for: error), "kind": FailureKind(of: error).rawValue]
                failure["artifactId"] = (error as? AssetError)?.artifactId
                failure["entryId"] = ((error as? AssetError)?.entryId ?? (error as? InterruptedUpload)?.entryId)?.uuidString
                array.append(failure)
            }
        }
        try JSONOutput.printObject(array)
    }
}
