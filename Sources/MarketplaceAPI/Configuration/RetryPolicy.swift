/// When and how long the client waits before trying a request again.
///
/// Only safe cases are retried (which ones, `RetryLoop.retries` says: an upload or a fetch
/// sent twice could make a second artifact, so a POST only when the answer or the failure
/// shows the server did nothing). The wait before attempt *n + 1* is the server's
/// `Retry-After` when it sent one, otherwise an exponential backoff with jitter:
/// `d = min(maxDelay, baseDelay · 2^(n-1))`, waiting a random time in `d/2 ... d`. The sum of
/// all waits never exceeds `maxTotalWait`: a `Retry-After` beyond that bound ends the retries at
/// once with the server's error.
public struct RetryPolicy: Sendable, Equatable {
    /// How many tries in all, the first one included (at least 1).
    public var maxAttempts: Int
    /// The backoff before the second try (before jitter).
    public var baseDelay: Duration
    /// The longest single backoff (before jitter); a `Retry-After` is not capped by it.
    public var maxDelay: Duration
    /// The longest total time spent waiting between tries.
    public var maxTotalWait: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8), maxTotalWait: Duration = .seconds(30)) {
        self.maxAttempts = Swift.max(1, maxAttempts)
        self.baseDelay = Swift.max(.zero, baseDelay)
        self.maxDelay = Swift.max(.zero, maxDelay)
        self.maxTotalWait = Swift.max(.zero, maxTotalWait)
    }

    /// Three tries, 0.5 s then 1 s backoff (with jitter), at most 30 s of waiting in all.
    public static let `default` = RetryPolicy()

    /// One try, never a retry.
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, maxTotalWait: .zero)

    /// The backoff after the failed attempt number `attempt` (1-based), with `jitter` in `0...1`
    /// choosing a point in `d/2 ... d`.
    public func backoff(afterAttempt attempt: Int, jitter: Double) -> Duration {
        let exponent = Swift.min(Swift.max(attempt - 1, 0), 30)
        var delay = baseDelay * (1 << exponent)
        if delay > maxDelay || delay < .zero { delay = maxDelay }
        let fraction = 0.5 + 0.5 * Swift.min(Swift.max(jitter, 0), 1)
        return delay * fraction
    }

    /// The backoff after attempt `attempt`, with a random jitter.
    public func randomBackoff(afterAttempt attempt: Int) -> Duration {
        backoff(afterAttempt: attempt, jitter: Double.random(in: 0...1))
    }
}
