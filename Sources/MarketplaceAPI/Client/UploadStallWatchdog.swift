/// Fails an upload whose body stream has not moved for longer than the idle timeout.
///
/// The HTTP client's own timeouts do not cover this case: its read timeout starts only once
/// the whole body is sent, and its write timeout pauses while the socket is full, which is
/// exactly what a server that stopped reading causes.
struct UploadStallWatchdog {
    let tracker: UploadTracker
    let idleTimeout: Duration
    let host: String

    /// Returns when the body stream has ended; throws ``APIError/timeout(_:)`` on a stall.
    func watch() async throws {
        let step = Swift.min(idleTimeout / 4, .milliseconds(250))
        while !tracker.ended {
            try await Task.sleep(for: step)
            if tracker.started, !tracker.ended, ContinuousClock.now - tracker.lastActivity > idleTimeout {
                throw Self.stalled(host: host, idleTimeout: idleTimeout)
            }
        }
    }

    /// The error of an upload `host` stopped taking.
    static func stalled(host: String, idleTimeout: Duration) -> APIError {
        .silent("\(host) stopped taking the upload for longer than \(DurationText.describe(idleTimeout))")
    }
}
