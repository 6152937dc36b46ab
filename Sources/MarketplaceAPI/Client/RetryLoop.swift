/// Runs attempts of one request under a ``RetryPolicy``.
///
/// Retried: answers 429 (the server refused the request before acting on it), 502, 503 and
/// 504 for a request that may be sent twice (a GET), a 503 of the service's own for any request
/// (`ServerErrorDetails.mayHaveActed`: a gateway's 502, 504 or bare 503 does not mean the server
/// behind it did nothing, and an upload or a fetch sent again could make a second artifact), and
/// failures the attempt marks retryable (failures to connect; for a GET, a connection closed or
/// reset before any answer). The wait
/// is the answer's `Retry-After` when present, else the policy's backoff with jitter; when the
/// next wait would push the total past `maxTotalWait`, the last error is thrown at once (its
/// message says when the server wants to be asked again).
struct RetryLoop {
    let policy: RetryPolicy
    /// Whether sending the request twice does no harm (a GET).
    let idempotent: Bool

    /// Whether the request is sent again after an answer with this error.
    func retries(_ error: APIError) -> Bool {
        guard let details = error.serverDetails else { return false }
        switch details.status {
        case 429: return true
        case 502, 503, 504: return idempotent || !details.mayHaveActed
        default: return false
        }
    }

    /// Returns the first success answer (2xx) with the attempt's extra result; throws the
    /// error of the last attempt otherwise.
    func run<Extra>(
        _ attempt: () async -> Result<(RawResponse, Extra), AttemptFailure>
    ) async throws(APIError) -> (RawResponse, Extra) {
        var waited = Duration.zero
        var number = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            number += 1
            let wait: Duration
            let error: APIError
            switch await attempt() {
            case .success(let outcome) where outcome.0.isSuccess:
                return outcome
            case .success(let outcome):
                let response = outcome.0
                error = response.error().withAttempts(number)
                guard retries(error), number < policy.maxAttempts else { throw error }
                if let seconds = response.retryAfter?.seconds(from: response.receivedAt) {
                    wait = seconds > Int64(Int32.max) ? .seconds(Int64(Int32.max)) : .seconds(seconds)
                } else {
                    wait = policy.randomBackoff(afterAttempt: number)
                }
            case .failure(let failure):
                guard failure.retryable || (idempotent && failure.retryableIfIdempotent), number < policy.maxAttempts else {
                    throw Self.noting(attempts: number, on: failure)
                }
                error = Self.noting(attempts: number, on: failure)
                wait = policy.randomBackoff(afterAttempt: number)
            }
            guard waited + wait <= policy.maxTotalWait else { throw error }
            waited += wait
            do {
                try await Task.sleep(for: wait)
            } catch {
                throw .cancelled
            }
        }
    }

    /// A failure's error, saying how many tries were made when there were several (a refused
    /// connection tried again, or one that then failed another way).
    private static func noting(attempts: Int, on failure: AttemptFailure) -> APIError {
        guard attempts > 1 else { return failure.error }
        switch failure.error {
        case .unreachable(let detail): return .unreachable("\(detail) (after \(attempts) attempts)")
        case .connectionFailed(let detail): return .connectionFailed("\(detail) (after \(attempts) attempts)")
        default: return failure.error
        }
    }
}
