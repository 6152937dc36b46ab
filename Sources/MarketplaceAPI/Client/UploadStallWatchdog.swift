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
    ///
    /// A tick that comes far later than asked means this process did not run meanwhile (Ctrl-Z,
    /// then `fg`; a machine asleep): that time is no silence of the server's, and the stall is
    /// counted again from there. (Counted, it failed uploads on `fg`, blaming the server.)
    func watch() async throws {
        let step = Swift.min(idleTimeout / 4, .milliseconds(250))
        var (lastTick, resumed) = (ContinuousClock.now, ContinuousClock.now)
        while !tracker.ended {
            try await Task.sleep(for: step)
            let now = ContinuousClock.now
            if now - lastTick > step * 4 + .seconds(1) { resumed = now }
            lastTick = now
            if tracker.started, !tracker.ended, now - Swift.max(tracker.lastActivity, resumed) > idleTimeout {
                throw Self.stalled(host: host, idleTimeout: idleTimeout)
            }
        }
    }

    /// The error of an upload `host` stopped taking.
    static func stalled(host: String, idleTimeout: Duration) -> APIError {
        .silent("\(host) stopped taking the upload for longer than \(DurationText.describe(idleTimeout))")
    }
}
