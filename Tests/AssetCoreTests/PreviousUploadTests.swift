import AssetInspection
import Foundation
import MarketplaceAPI
import Testing
@testable import AssetCore

/// The same plugin key and version already uploaded to this server, according to the history.
@Suite("Previous uploads of the same build")
struct PreviousUploadTests {
    /// The earlier upload of the artifact `inspection` describes, as the upload commands look for it.
    static func previous(_ inspection: FileInspection, in entries: [HistoryEntry], serverURL: String) -> PreviousUpload? {
        guard let (key, version) = PreviousUpload.identity(of: inspection) else { return nil }
        return PreviousUpload.find(key: key, version: version, in: entries, serverURL: serverURL)
    }

    private func entry(key: String = "com.example.app", version: String = "1.0.0", server: String = SampleEntries.server,
                       minutes: Double = 0) -> HistoryEntry {
        var entry = SampleEntries.artifact(createdAt: Date(timeIntervalSince1970: 1_714_564_800 + minutes * 60))
        entry.serverURL = server
        entry.artifact?.details?.key = key
        entry.artifact?.details?.version = version
        return entry
    }

    @Test("the newest stored artifact of the same key, version and server is found")
    func findsTheNewestOfTheSameServer() throws {
        let older = entry(minutes: 0)
        let newer = entry(minutes: 5)
        let entries = [older, newer, entry(version: "1.0.1", minutes: 9), entry(key: "com.example.other", minutes: 9),
                       entry(server: "http://127.0.0.1:8080", minutes: 9)]
        let found = try #require(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: entries,
                                                     serverURL: SampleEntries.server + "/"))
        #expect(found.entry.entryId == newer.entryId)
        #expect(found.fact(in: TimeZone(identifier: "UTC")!) == "com.example.app 1.0.0 is already on this server: uploaded 2024-05-01 12:05 as artifact \(newer.id!) (app.jar)")
        #expect(found.warning() == found.fact() + ". Uploading it again stores the same build twice: raise <version> in atlassian-plugin.xml for a new build.")
        // After a fetch, the earlier artifact's ID whole within the first 100 characters (two status rows at 80 columns keep its end).
        let storedAgain = found.storedAgainWarning(in: TimeZone(identifier: "UTC")!)
        #expect(storedAgain == "this fetch stored the same build a second time: artifact \(newer.id!) is com.example.app 1.0.0, uploaded 2024-05-01 12:05 (app.jar)")
        #expect(storedAgain.prefix(100).contains(newer.id!))
        var lookedUp = found
        lookedUp.entry.lookedUp = true
        #expect(lookedUp.fact(in: TimeZone(identifier: "UTC")!).contains("is already on this server: looked up 2024-05-01 12:05 as artifact"),
                "a colleague's upload, recorded by `artifact ID`, was not uploaded from here")
    }

    @Test("on a server that keeps uploads only while it runs (the demo's), an upload before it started is none")
    func onlyUploadsSinceTheServerStarted() {
        let earlierRun = entry(minutes: 0), thisRun = entry(minutes: 10)
        let started = Date(timeIntervalSince1970: 1_714_564_800 + 5 * 60)
        #expect(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: [earlierRun], since: started) == nil)
        #expect(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: [earlierRun, thisRun], since: started)?.entry == thisRun)
        #expect(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: [earlierRun])?.entry == earlierRun)
    }

    @Test("failed attempts, images and other versions are not earlier uploads")
    func onlyStoredArtifactsCount() {
        var failed = entry()
        failed.id = nil
        failed.failure = "HTTP 500"
        // A checksum mismatch has an ID, but its message says to upload it again.
        var mismatched = entry()
        mismatched.verified = false
        // Its last refresh found nothing there (404): not there to reuse, for --skip-existing least of all.
        var gone = entry()
        gone.failure = "Marketplace found nothing at this artifact ID (HTTP 404)."
        #expect(gone.refreshFailed)
        let entries = [failed, mismatched, gone, SampleEntries.image(), entry(version: "1.0.0-SNAPSHOT")]
        #expect(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: entries) == nil)
        #expect(PreviousUpload.find(key: "com.example.app", version: "1.0.0", in: entries + [entry()]) != nil)
    }

    @Test("against the emulator: after an upload the service finds it for the same jar, not for another server's history")
    func serviceFindsItsOwnUpload() async throws {
        try await AssetServiceTests.withEmulator { setup in
            let path = setup.sample("sample-plugin-1.0.0.jar")
            let inspection = try setup.service.inspect(path: path)
            let server = setup.service.serverURL
            #expect(Self.previous(inspection, in: try setup.service.history.load(), serverURL: server) == nil)
            let outcome = try await setup.service.uploadArtifact(path: path) { _ in }
            let previous = try #require(Self.previous(inspection, in: try setup.service.history.load(), serverURL: server))
            #expect(previous.entry.id == outcome.entry.id)
            #expect(previous.key == "com.example.sample-plugin")
            #expect(previous.version == "1.0.0")

            #expect(Self.previous(inspection, in: try setup.service.history.load(), serverURL: "https://other.example.com") == nil)
            // An image is never looked up.
            let image = try setup.service.inspect(path: setup.sample("app-icon.png"))
            #expect(Self.previous(image, in: try setup.service.history.load(), serverURL: server) == nil)
        }
    }
}

/// `details` in words, for the Details pane and the CLI summaries.
@Suite("Artifact facts in words")
struct ArtifactFactsTests {
    @Test("every documented field becomes one row, in words")
    func everyField() {
        let details = ArtifactDetails(key: "k", name: "N", version: "1", licensingEnabled: true, dataCenterCompatible: true,
                                      addOnType: "two", remotable: false, dataCenterStatus: "compatible", editionsEnabled: false)
        let rows = ArtifactFacts.rows(details)
        #expect(rows.map(\.field) == ArtifactFact.Field.allCases)
        #expect(rows.map { "\($0.label): \($0.value)" } == [
            "Plugin key: k", "Plugin name: N", "Version: 1", "Data Center: compatible", "DC compatible: yes",
            "Licensing: enabled", "Framework: P2", "Remotable: no", "Editions: not enabled",
        ])
        #expect(rows[3].tone == .good)
    }

    @Test("a field the server left out is absent, never false")
    func absentIsNotFalse() {
        let rows = ArtifactFacts.rows(ArtifactDetails(key: "k", licensingEnabled: false, dataCenterStatus: "incompatible"))
        let byField = Dictionary(uniqueKeysWithValues: rows.map { ($0.field, $0) })
        #expect(byField[.licensingEnabled]?.value == "not enabled")
        #expect(byField[.licensingEnabled]?.tone == .plain)
        #expect(byField[.dataCenterStatus]?.tone == .warning)
        for field in [ArtifactFact.Field.name, .version, .dataCenterCompatible, .addOnType, .remotable, .editionsEnabled] {
            #expect(byField[field]?.value == ArtifactFacts.absentFromAnswer)
            #expect(byField[field]?.tone == .absent)
        }
        #expect(ArtifactFacts.framework("one") == "P1")
        #expect(ArtifactFacts.framework("connect") == "connect")
    }

    @Test("the vendor is its name and URL, or what there is of them")
    func vendor() {
        #expect(ArtifactFacts.vendor(of: PluginDescriptor(vendorName: "V", vendorURL: "https://v.example")) == "V (https://v.example)")
        #expect(ArtifactFacts.vendor(of: PluginDescriptor(vendorName: "V")) == "V")
        #expect(ArtifactFacts.vendor(of: PluginDescriptor(vendorURL: "https://v.example")) == "https://v.example")
        #expect(ArtifactFacts.vendor(of: PluginDescriptor()) == nil)
    }
}
