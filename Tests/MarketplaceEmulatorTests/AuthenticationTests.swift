import Foundation
import NIOHTTP1
import Testing
@testable import MarketplaceEmulator

/// Basic auth on every endpoint: 401 JSON with `WWW-Authenticate` without it or with a wrong pair.
@Suite("Basic auth guards every endpoint")
struct AuthenticationTests {
    static let wrongAuthorizations: [(label: String, header: String?)] = [
        ("none", nil),
        ("wrong token", "Basic " + Data("\(EmulatorHarness.credentials.email):wrong-token".utf8).base64EncodedString()),
        ("wrong email", "Basic " + Data("someone@example.com:\(EmulatorHarness.credentials.apiToken)".utf8).base64EncodedString()),
        ("token prefix", "Basic " + Data("\(EmulatorHarness.credentials.email):\(EmulatorHarness.credentials.apiToken.dropLast())".utf8).base64EncodedString()),
        ("not base64", "Basic %%%not-base64%%%"),
        ("bearer", "Bearer \(EmulatorHarness.credentials.apiToken)"),
    ]

    @Test("Every endpoint refuses a missing or wrong Authorization")
    func everyEndpointRefuses() async throws {
        try await EmulatorHarness.with { emulator in
            // A real artifact, so that the GET endpoints would answer 200 with the right pair.
            let uploaded = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.pluginJar(), fileNameParameter: "filename=\"a.jar\""))
            let links = try #require(uploaded.json?["_links"] as? [String: Any])
            let selfHref = try #require((links["self"] as? [String: Any])?["href"] as? String)

            let fetchBody = Array(#"{"uri": "https://example.com/app.jar"}"#.utf8)
            let endpoints: [(HTTPMethod, String, [(String, String)], [UInt8]?)] = [
                (.POST, "/rest/3/assets/images/icon", [("Content-Type", MultipartBody.file(Fixtures.png()).contentType)], MultipartBody.file(Fixtures.png()).bytes),
                (.POST, "/rest/3/artifacts", [("Content-Type", MultipartBody.file(Fixtures.pluginJar()).contentType)], MultipartBody.file(Fixtures.pluginJar()).bytes),
                (.POST, "/rest/3/artifacts/fetch", [("Content-Type", "application/json")], fetchBody),
                (.GET, selfHref, [], nil),
                (.GET, selfHref + "/download", [], nil),
                (.GET, "/rest/3/unknown", [], nil),
            ]
            for prefix in ["", "/marketplace"] {
                for (method, path, headers, body) in endpoints {
                    for wrong in Self.wrongAuthorizations {
                        let reply = try await emulator.send(method, prefix + path, authorization: wrong.header, headers: headers, body: body)
                        #expect(reply.status == 401, "\(method) \(prefix + path) with \(wrong.label)")
                        #expect(reply.json?["code"] as? String == "unauthorized")
                        #expect(reply.headers.first(name: "WWW-Authenticate")?.hasPrefix("Basic") == true)
                        #expect(!reply.text.contains(EmulatorHarness.credentials.apiToken))
                    }
                }
            }
            // The right pair still works on the same endpoints.
            let details = try await emulator.send(.GET, selfHref)
            #expect(details.status == 200)
            // A path outside the service (a mistyped base URL's) is no endpoint, whoever asks: as a
            // gateway routes before the service signs in, and so that `login` can tell.
            for wrong in Self.wrongAuthorizations {
                let reply = try await emulator.send(.GET, "/marketplce/rest/3/artifacts/x", authorization: wrong.header)
                #expect(reply.status == 404 && reply.json?["code"] as? String == "not_found", "\(wrong.label)")
                // The service's paths, however spelt (the router skips empty segments), are signed in to.
                for path in ["//rest/3/artifacts/x", "///marketplace/rest/3/artifacts/x", "/%72est/3/artifacts/x", "/REST/3/artifacts/x"] {
                    let reply = try await emulator.send(.GET, path, authorization: wrong.header)
                    #expect(reply.status == 401, "\(path) \(wrong.label): \(reply.status) \(reply.text)")
                }
            }
        }
    }

    @Test("Nobody gets in when no credentials are configured")
    func noCredentialsConfigured() async throws {
        try await EmulatorHarness.with(configure: { $0.credentials = [] }) { emulator in
            let reply = try await emulator.send(.GET, "/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578")
            #expect(reply.status == 401)
        }
    }

    @Test("Any of several configured pairs is accepted")
    func severalPairs() async throws {
        let other = (email: "second@example.com", token: "second-token")
        try await EmulatorHarness.with(configure: { $0.credentials.append(.init(email: other.email, apiToken: other.token)) }) { emulator in
            let header = "Basic " + Data("\(other.email):\(other.token)".utf8).base64EncodedString()
            let reply = try await emulator.send(.GET, "/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578", authorization: header)
            #expect(reply.status == 404)
        }
    }

    @Test("The email is taken in any case, as Atlassian accounts' are; the token only exactly")
    func emailInAnyCase() async throws {
        try await EmulatorHarness.with { emulator in
            let (email, token) = (EmulatorHarness.credentials.email, EmulatorHarness.credentials.apiToken)
            func status(_ pair: String) async throws -> Int {
                let header = "Basic " + Data(pair.utf8).base64EncodedString()
                return try await emulator.send(.GET, "/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578", authorization: header).status
            }
            let emailInCapitals = try await status(email.uppercased() + ":" + token)
            let tokenInCapitals = try await status(email + ":" + token.uppercased())
            #expect(emailInCapitals == 404 && tokenInCapitals == 401)
        }
    }
}
