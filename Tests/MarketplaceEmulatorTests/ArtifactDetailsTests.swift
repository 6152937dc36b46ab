import Foundation
import MarketplaceAPI
import Testing
@testable import MarketplaceEmulator

/// `details` carries every documented field, derived from the jar as Marketplace reads a
/// plugin, for uploads, fetches and GET alike; a missing param gets the rule
/// Resources/openapi.yaml documents.
@Suite("Artifact details have every documented field")
struct ArtifactDetailsTests {
    /// A descriptor variant and the `details` the emulator must answer for it (key, name and
    /// version are the same for all: `com.example.details`, `Details Test`, `1.0.0`).
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var pluginsVersion: String? = "2"
        var params: [(String, String)] = []
        var extra = ""
        var manifest: [String] = []
        var licensingEnabled = false
        var dataCenterStatus = "incompatible"
        var dataCenterCompatible = false
        var addOnType = "two"
        var remotable = false

        var testDescription: String { label }

        var jar: [UInt8] {
            DescriptorJars.jar(pluginsVersion: pluginsVersion, params: params, extra: extra, manifest: manifest)
        }

        var expected: ArtifactDetails {
            ArtifactDetails(
                key: "com.example.details", name: "Details Test", version: "1.0.0", licensingEnabled: licensingEnabled,
                dataCenterCompatible: dataCenterCompatible, addOnType: addOnType, remotable: remotable,
                dataCenterStatus: dataCenterStatus, editionsEnabled: false)
        }
    }

    static let cases: [Case] = [
        Case(label: "every param, as the reference's example",
             params: [("atlassian-data-center-status", "compatible"), ("atlassian-data-center-compatible", "true"),
                      ("atlassian-licensing-enabled", "true")],
             licensingEnabled: true, dataCenterStatus: "compatible", dataCenterCompatible: true),
        Case(label: "no param and no plugins-version", pluginsVersion: nil, addOnType: "one"),
        Case(label: "Data Center status only", params: [("atlassian-data-center-status", "compatible")],
             dataCenterStatus: "compatible", dataCenterCompatible: true),
        Case(label: "only the old atlassian-data-center-compatible", params: [("atlassian-data-center-compatible", "true")]),
        Case(label: "status in capitals", params: [("atlassian-data-center-status", "COMPATIBLE")],
             dataCenterStatus: "compatible", dataCenterCompatible: true),
        Case(label: "another status", params: [("atlassian-data-center-status", "pending")], dataCenterStatus: "pending"),
        Case(label: "licensing only", params: [("atlassian-licensing-enabled", "TRUE")], licensingEnabled: true),
        Case(label: "licensing not true", params: [("atlassian-licensing-enabled", "yes")]),
        Case(label: "plugins-version 1", pluginsVersion: "1", addOnType: "one"),
        Case(label: "transformerless: Atlassian-Plugin-Key without plugins-version", pluginsVersion: nil,
             manifest: ["Atlassian-Plugin-Key: com.example.details"]),
        Case(label: "a remote plugin container", extra: "\n    <remote-plugin-container key=\"c\" display-url=\"https://example.com\"/>",
             remotable: true),
    ]

    /// The answer's `details`, checked to have exactly the nine documented fields; decoded
    /// strictly, so a boolean sent as a number or a string fails.
    private func details(_ reply: EmulatorHarness.Reply) throws -> ArtifactDetails {
        let fields = try #require(reply.json?["details"] as? [String: Any])
        #expect(Set(fields.keys) == ["key", "name", "version", "licensingEnabled", "dataCenterCompatible", "addOnType",
                                     "remotable", "dataCenterStatus", "editionsEnabled"])
        return try JSONDecoder().decode(ArtifactDetails.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    private func selfHref(_ reply: EmulatorHarness.Reply) throws -> String {
        try #require(((reply.json?["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String)
    }

    @Test("Upload, GET, fetch and GET of the fetched answer the same details", arguments: cases)
    func uploadFetchAndGet(_ testCase: Case) async throws {
        let jar = testCase.jar
        try await RemoteFileServer.with(jar: jar) { remote in
            try await EmulatorHarness.with(configure: { $0.allowPrivateFetch = true }) { emulator in
                let uploaded = try await emulator.upload("/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"details.jar\""))
                #expect(uploaded.status == 200, "\(uploaded.text)")
                #expect(try details(uploaded) == testCase.expected)
                let got = try await emulator.send(.GET, "/marketplace" + selfHref(uploaded))
                #expect(try details(got) == testCase.expected)

                let fetched = try await emulator.fetch(remote.url("/app.jar"))
                #expect(fetched.status == 200, "\(fetched.text)")
                #expect(try details(fetched) == testCase.expected)
                let gotFetched = try await emulator.send(.GET, selfHref(fetched))
                #expect(try details(gotFetched) == testCase.expected)
            }
        }
    }

    @Test("A plugins-version no plugin framework loads is refused (400)", arguments: ["3", "two", "0"])
    func unknownPluginsVersion(_ pluginsVersion: String) async throws {
        try await EmulatorHarness.with { emulator in
            let reply = try await emulator.upload("/rest/3/artifacts", .file(DescriptorJars.jar(pluginsVersion: pluginsVersion),
                                                                             fileNameParameter: "filename=\"odd.jar\""))
            #expect(reply.status == 400)
            #expect(reply.json?["code"] as? String == "unsupported_plugins_version")
            #expect((reply.json?["message"] as? String)?.contains("plugins-version=\"\(pluginsVersion)\"") == true)
        }
    }

    @Test("An artifact stored by an older emulator (key, name and version only) gets every field on GET")
    func olderRecordsAreReadAgain() async throws {
        try await EmulatorHarness.with { emulator in
            let jar = DescriptorJars.jar(params: [("atlassian-data-center-status", "compatible"), ("atlassian-licensing-enabled", "true")])
            let uploaded = try await emulator.upload("/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"old.jar\""))
            let full = try details(uploaded)
            // Rewrite the index as an emulator that read only the key, name and version left it.
            let indexURL = URL(fileURLWithPath: emulator.dataDirectory + "/index.json")
            var index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any])
            var artifacts = try #require(index["artifacts"] as? [[String: Any]])
            artifacts[0]["details"] = ["key": "com.example.details", "name": "Details Test", "version": "1.0.0"]
            index["artifacts"] = artifacts
            try JSONSerialization.data(withJSONObject: index).write(to: indexURL)
            try await emulator.restart()

            let got = try await emulator.send(.GET, selfHref(uploaded))
            #expect(got.status == 200)
            #expect(try details(got) == full)
            #expect(full.dataCenterCompatible == true)
            #expect(full.licensingEnabled == true)
            #expect(emulator.storedFiles().allSatisfy { !$0.hasPrefix("tmp/") || !$0.hasSuffix(".jar") })
        }
    }
}
