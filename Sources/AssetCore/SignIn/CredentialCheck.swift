import MarketplaceAPI

/// Asks the server whether it accepts an email and API token, with a request that changes
/// nothing: `GET /rest/3/artifacts/{id}` for an ID no artifact has. Marketplace checks the
/// credentials before it looks for the artifact, so 401 or 403 means rejected, and the
/// API's own answers (the expected 404, a 400, even an artifact) mean accepted, once the same
/// request with made-up credentials has been refused (401 or 403): a path that answers 404
/// whoever asks (a mistyped base URL, whose gateway says "no such endpoint" in JSON too)
/// tells nothing. What the API would not answer (a redirect, a web page, a 200 that is no
/// artifact: a wrong base URL, a proxy's login page) tells nothing either.
public enum CredentialCheck {
    /// The made-up artifact ID the check asks for: shaped as Marketplace's are (a UUID), so that a
    /// gateway checking the shape before the credentials cannot answer 400 to anyone.
    public static let probeArtifactID = "00000000-0000-4000-8000-000000000000"

    /// What the server said about the credentials.
    public enum Verdict: Sendable, Equatable {
        /// Any answer but 401 and 403; `status` is the HTTP status.
        case accepted(status: Int)
        /// 401 or 403, with the server's own words when it sent any.
        case rejected(status: Int, serverMessage: String?)
        /// No answer that tells (a connection failure, a timeout, a 5xx, a 429 after the
        /// retries, a base URL that cannot be used): the message says what happened.
        case inconclusive(String)

        /// Why nothing was stored, for a verdict that is no `accepted`: one sentence, the same
        /// for `login` and the TUI's sign-in form.
        public func refusal(server: String) -> String? {
            switch self {
            case .accepted: nil
            case .rejected(let status, let serverMessage):
                "\(server) rejected the email and API token (\(status)\(serverMessage.map { ": \($0)" } ?? "")): "
                    + "check both, or create a new token at \(SignInInput.tokenPageURL). Nothing was stored."
            case .inconclusive(let reason): "Could not check the credentials: \(reason) Nothing was stored."
            }
        }
    }

    /// Sends the check request and judges the answer; `idleTimeout` is `--timeout`'s.
    public static func run(
        _ credentials: Credentials, baseURL: String, idleTimeout: Duration? = nil, retry: RetryPolicy = .default
    ) async -> Verdict {
        let verdict = await probe(credentials, baseURL: baseURL, idleTimeout: idleTimeout, retry: retry)
        guard case .accepted(let status) = verdict else { return verdict }
        // Made-up credentials must be refused where these were taken, or the answer was not about them.
        switch await probe(madeUpCredentials, baseURL: baseURL, idleTimeout: idleTimeout, retry: retry) {
        case .rejected: return verdict
        case .accepted(let madeUp): return .inconclusive(answersAnyone(status, madeUp: madeUp))
        case .inconclusive(let reason): return .inconclusive(reason)
        }
    }

    /// One check request, judged.
    private static func probe(_ credentials: Credentials, baseURL: String, idleTimeout: Duration?, retry: RetryPolicy) async -> Verdict {
        let client: MarketplaceClient
        do {
            var configuration = ClientConfiguration(baseURL: baseURL, credentials: credentials, answerTimeout: .seconds(30), retry: retry)
            idleTimeout.map { configuration.setIdleTimeout($0) }
            client = try MarketplaceClient(configuration: configuration)
        } catch {
            return .inconclusive(error.message)
        }
        let verdict: Verdict
        do {
            verdict = .accepted(status: try await client.artifact(id: probeArtifactID).status)
        } catch {
            verdict = judge(error)
        }
        try? await client.shutdown()
        return verdict
    }

    /// What the second request of the check signs in with: an account that cannot exist (`.invalid`).
    static let madeUpCredentials = Credentials(email: "sign-in-check@marketplace-assets.invalid", apiToken: "not-a-token")

    /// Why an answer `status` tells nothing, when made-up credentials were answered `madeUp`, not refused.
    private static func answersAnyone(_ status: Int, madeUp: Int) -> String {
        "the server answered made-up credentials too (\(madeUp)" + (madeUp == status ? "" : "; these \(status)")
            + "), so its answer says nothing about these: check the base URL "
            + (madeUp == 404 ? "(a mistyped path answers 404 whoever asks)." : "(Marketplace asks for credentials before it answers).")
    }

    /// The verdict for an error answer of the check request.
    static func judge(_ error: APIError) -> Verdict {
        switch error {
        case .unauthorized(let details), .forbidden(let details):
            return .rejected(status: details.status, serverMessage: details.serverMessage)
        case .serverError, .rateLimited:
            return .inconclusive(error.message)
        case .notFound(let details), .badRequest(let details):
            // The API answers in JSON; anything else (a web page, Go's "404 page not found") is a wrong base URL's.
            return details.isJSON ? .accepted(status: details.status) : .inconclusive(notTheAPI(details.status, webPage: details.isWebPage))
        case .unexpectedStatus(let details) where (300..<400).contains(details.status):
            return .inconclusive(error.message)  // names where the redirect points
        case .invalidResponse:
            return .inconclusive(notTheAPI(200, webPage: false))
        default:
            if let details = error.serverDetails { return .inconclusive(notTheAPI(details.status, webPage: details.isWebPage)) }
            return .inconclusive(error.message)
        }
    }

    private static func notTheAPI(_ status: Int, webPage: Bool) -> String {
        let answer = status == 200 ? "200 with something that is not an artifact" : "HTTP \(status)" + (webPage ? " with a web page" : "")
        return "the server answered \(answer), which the Marketplace API does not answer to this request: check the base URL."
    }
}
