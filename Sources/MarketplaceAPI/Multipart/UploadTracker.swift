import Foundation

/// What one upload attempt's body stream has done so far, shared between the stream (which
/// the HTTP client drives from its own task) and the attempt that waits for the answer.
final class UploadTracker: Sendable {
    private struct State {
        var started = false
        var fileComplete = false
        var ended = false
        var lastActivity = ContinuousClock.now
        var failure: APIError?
        var sha512: String?
    }

    private let state = LockedValue(State())

    /// Whether the client has begun to pull the body (a failure after this is not retried).
    var started: Bool { state.withLock { $0.started } }
    /// Whether every byte of the file and the closing boundary were handed to the client.
    var fileComplete: Bool { state.withLock { $0.fileComplete } }
    /// Whether the body stream has ended (returned `nil`) or failed.
    var ended: Bool { state.withLock { $0.ended } }
    /// When the client last pulled a chunk.
    var lastActivity: ContinuousClock.Instant { state.withLock { $0.lastActivity } }
    /// The error the body stream failed with, if it did.
    var failure: APIError? { state.withLock { $0.failure } }
    /// The hex SHA-512 of the file bytes, once all were sent (when hashing was asked for).
    var sha512: String? { state.withLock { $0.sha512 } }

    func markStarted() {
        state.withLock { state in
            state.started = true
            state.lastActivity = .now
        }
    }

    func markActivity() {
        state.withLock { $0.lastActivity = .now }
    }

    func markFileComplete(sha512: String?) {
        state.withLock { state in
            state.fileComplete = true
            state.sha512 = sha512
            state.lastActivity = .now
        }
    }

    func markEnded() {
        state.withLock { $0.ended = true }
    }

    func recordFailure(_ error: APIError) {
        state.withLock { state in
            if state.failure == nil { state.failure = error }
            state.ended = true
        }
    }
}
