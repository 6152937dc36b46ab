import Foundation

/// What one upload attempt's body stream has done so far, shared between the stream (which
/// the HTTP client drives from its own task) and the attempt that waits for the answer.
final class UploadTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var _started = false
    private var _fileComplete = false
    private var _ended = false
    private var _lastActivity = ContinuousClock.now
    private var _failure: APIError?
    private var _sha512: String?

    /// Whether the client has begun to pull the body (a failure after this is not retried).
    var started: Bool { lock.withLock { _started } }
    /// Whether every byte of the file and the closing boundary were handed to the client.
    var fileComplete: Bool { lock.withLock { _fileComplete } }
    /// Whether the body stream has ended (returned `nil`) or failed.
    var ended: Bool { lock.withLock { _ended } }
    /// When the client last pulled a chunk.
    var lastActivity: ContinuousClock.Instant { lock.withLock { _lastActivity } }
    /// The error the body stream failed with, if it did.
    var failure: APIError? { lock.withLock { _failure } }
    /// The hex SHA-512 of the file bytes, once all were sent (when hashing was asked for).
    var sha512: String? { lock.withLock { _sha512 } }

    func markStarted() {
        lock.withLock {
            _started = true
            _lastActivity = .now
        }
    }

    func markActivity() {
        lock.withLock { _lastActivity = .now }
    }

    func markFileComplete(sha512: String?) {
        lock.withLock {
            _fileComplete = true
            _sha512 = sha512
            _lastActivity = .now
        }
    }

    func markEnded() {
        lock.withLock { _ended = true }
    }

    func recordFailure(_ error: APIError) {
        lock.withLock {
            if _failure == nil { _failure = error }
            _ended = true
        }
    }
}
