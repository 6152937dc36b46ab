import MarketplaceAPI

/// Asks the server whether it accepts an email and API token, with a request that changes
/// nothing: `GET /rest/3/artifacts/{id}` for an ID no artifact has. Marketplace checks the
/// credentials before it looks for the artifact, so 401 or 403 means rejected, and any
/// other answer (the expected 404, or even a 200 or a 400) means accepted.
public enum CredentialCheck {
    /// The made-up artifact ID the check asks for.
    public static let probeArtifactID = "marketplace-assets-sign-in-check"

    /// What the server said about the credentials.
    public enum Verdict: Sendable, Equatable {
        /// Any answer but 401 and 403; `status` is the HTTP status.
        case accepted(status: Int)
        /// 401 or 403, with the server's own words when it sent any.
        case rejected(status: Int, serverMessage: String?)
        /// No answer that tells (a connection failure, a timeout, a 5xx, a 429 after the
        /// retries, a base URL that cannot be used): the message says what happened.
        case inconclusive(String)
    }

    /// Sends the check request and judges the answer.
    public static func run(_ credentials: Credentials, baseURL: String, retry: RetryPolicy = .default) async -> Verdict {
        let client: MarketplaceClient
        do {
            client = try MarketplaceClient(configuration: ClientConfiguration(
                baseURL: baseURL, credentials: credentials, answerTimeout: .seconds(30), retry: retry))
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

    /// The verdict for an error answer of the check request.
    static func judge(_ error: APIError) -> Verdict {
        switch error {
        case .unauthorized(let details), .forbidden(let details):
            return .rejected(status: details.status, serverMessage: details.serverMessage)
        case .serverError, .rateLimited:
            return .inconclusive(error.message)
        case .invalidResponse:
            // A success status whose body is not an artifact: the credentials got through.
            return .accepted(status: 200)
        default:
            if let status = error.status { return .accepted(status: status) }
            return .inconclusive(error.message)
        }
    }
}
