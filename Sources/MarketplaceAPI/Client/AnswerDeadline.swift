/// Fails an attempt whose answer has not fully arrived within the answer timeout after the
/// request was sent (for an upload: once the whole file was handed to the HTTP client).
///
/// The HTTP client's read timeout restarts with every byte received, so a server that
/// drips its answer a byte at a time would otherwise keep the request open for ever.
struct AnswerDeadline {
    let tracker: UploadTracker?
    let limit: Duration
    let host: String
    /// What of a request Marketplace acts on was sent whole (`MarketplaceClient.sentWhole`): a
    /// timeout may come after Marketplace made the upload.
    let sentWhole: @Sendable () -> String?
    /// Whether the answer's status line and headers came (then its body is what is slow).
    let headArrived: @Sendable () -> Bool

    /// Throws ``APIError/timeout(_:)`` once the limit has passed; cancelled when the answer
    /// arrives (or the attempt fails some other way) first.
    func wait() async throws {
        if let tracker {
            let step = Swift.min(limit / 4, .milliseconds(250))
            while !tracker.fileComplete, !tracker.ended {
                try await Task.sleep(for: step)
            }
        }
        try await Task.sleep(for: limit)
        // After an upload's whole file (a fetch's request), the server may have made it before it stopped answering.
        let mayHaveIt = sentWhole().map { " after \($0) was sent (\(TransportErrorClassifier.uploadMayExist))" } ?? ""
        throw APIError.timeout(headArrived() ? "\(host) took longer than \(DurationText.describe(limit)) to send its whole answer\(mayHaveIt)"
            : "No answer from \(host) within \(DurationText.describe(limit))\(mayHaveIt)")
    }
}
