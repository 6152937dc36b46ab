import Foundation
import Testing
@testable import MarketplaceEmulator

/// The data folder keeps everything across a restart, and survives damage without losing files.
@Suite("Data survives a restart")
struct PersistenceTests {
    @Test("Artifacts and images uploaded before a restart are served after it")
    func restartKeepsData() async throws {
        try await EmulatorHarness.with { emulator in
            let jar = Fixtures.pluginJar(key: "com.example.persist")
            let uploaded = try await emulator.upload("/rest/3/artifacts", .file(jar, fileNameParameter: "filename=\"persist.jar\""))
            #expect(uploaded.status == 200)
            let image = try await emulator.upload("/rest/3/assets/images/logo", .file(Fixtures.png()))
            let imageID = try #require(image.json?["id"] as? String)
            let selfHref = try #require(((uploaded.json?["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String)

            try await emulator.restart()

            let details = try await emulator.send(.GET, selfHref)
            #expect(details.status == 200)
            #expect(details.body == uploaded.body)
            let download = try await emulator.send(.GET, selfHref + "/download")
            #expect(download.body == jar)

            let index = try #require(FileManager.default.contents(atPath: emulator.dataDirectory + "/index.json"))
            let decoded = try JSONDecoder().decode(EmulatorIndex.self, from: index)
            #expect(decoded.images.map(\.id) == [imageID])
            #expect(decoded.images.first?.imageType == "logo")
            #expect(decoded.artifacts.count == 1)
        }
    }

    @Test("An index that does not parse is moved aside, and the emulator starts empty")
    func corruptIndex() async throws {
        try await EmulatorHarness.with { emulator in
            let uploaded = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.pluginJar(), fileNameParameter: "filename=\"a.jar\""))
            let selfHref = try #require(((uploaded.json?["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String)
            try Data("{ not json".utf8).write(to: URL(fileURLWithPath: emulator.dataDirectory + "/index.json"))

            try await emulator.restart()

            #expect(try await emulator.send(.GET, selfHref).status == 404)
            let files = emulator.storedFiles()
            #expect(files.contains { $0.hasPrefix("index.json.corrupt-") })
            // The stored bytes themselves are left alone.
            #expect(files.contains { $0.hasPrefix("artifacts/") })
            let again = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.pluginJar(), fileNameParameter: "filename=\"b.jar\""))
            #expect(again.status == 200)
        }
    }

    @Test("Concurrent uploads all land in the index")
    func concurrentUploads() async throws {
        try await EmulatorHarness.with { emulator in
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for number in 0..<12 {
                    group.addTask {
                        let reply = try await emulator.upload("/rest/3/artifacts", .file(Fixtures.pluginJar(version: "1.0.\(number)"), fileNameParameter: "filename=\"c\(number).jar\""))
                        return ((reply.json?["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String
                    }
                }
                var collected: [String] = []
                for try await id in group { collected.append(try #require(id)) }
                return collected
            }
            #expect(Set(ids).count == 12)
            try await emulator.restart()
            for href in ids {
                #expect(try await emulator.send(.GET, href).status == 200)
            }
        }
    }
}
