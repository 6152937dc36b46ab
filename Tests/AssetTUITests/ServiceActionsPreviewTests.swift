import AssetCore
import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetTUI

/// `ServiceActions.preview`: a real jar through the real inspection, as the TUI shows it.
@Suite struct ServiceActionsPreviewTests {
    @Test func aJarsPreviewHasWhatMarketplaceWillReadAndTheReleaseWarnings() async throws {
        let folder = NSTemporaryDirectory() + "/tui-preview-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let samples = try DemoSamples.materialize(into: folder + "/samples")
        // Nothing is sent: the client only has to exist.
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: "http://127.0.0.1:9/marketplace", credentials: Credentials(email: "tui@example.com", apiToken: "unused")))
        let service = AssetService(client: client, history: HistoryStore(path: folder + "/history.json"), serverURL: "http://127.0.0.1:9/marketplace")
        let preview = try ServiceActions(service: service).preview(path: samples + "/sample-plugin-1.0.0.jar")
        try await client.shutdown()

        guard case .artifact(let plugin?) = preview.content else {
            Issue.record("expected a plugin preview, got \(preview.content)")
            return
        }
        // The sample is a free P2 app, Data Center compatible, without licensing.
        #expect(plugin.details == ArtifactDetails(
            key: "com.example.sample-plugin", name: "Sample Plugin", version: "1.0.0", licensingEnabled: false,
            dataCenterCompatible: true, addOnType: "two", remotable: false, dataCenterStatus: "compatible", editionsEnabled: false))
        #expect(plugin.vendor == "Example Corp (https://www.example.com)")
        #expect(preview.warnings == ["licensing is not enabled (atlassian-licensing-enabled is not true): fine for a free app, but a paid app needs it"])
    }

    @Test("a jar Marketplace refuses (no descriptor, no plugin key) fails its preview with the reason, as inspect refuses it, so the marked-files list skips it")
    func aJarMarketplaceRefusesFailsItsPreview() async throws {
        let folder = NSTemporaryDirectory() + "/tui-preview-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let jars = [
            "nodesc.jar": StoredZip.make([("Main.class", Array("cafebabe".utf8))]),
            "nokey.jar": StoredZip.make([("atlassian-plugin.xml", Array("<atlassian-plugin name=\"x\" plugins-version=\"2\"/>".utf8))]),
        ]
        for (name, bytes) in jars { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: "http://127.0.0.1:9/marketplace", credentials: Credentials(email: "tui@example.com", apiToken: "unused")))
        let actions = ServiceActions(service: AssetService(client: client, history: HistoryStore(path: folder + "/history.json"), serverURL: "http://127.0.0.1:9/marketplace"))
        defer { Task { try? await client.shutdown() } }
        #expect { try actions.preview(path: folder + "/nodesc.jar") } throws: {
            ($0 as? AssetError)?.message == "nodesc.jar has no atlassian-plugin.xml, so it is not an app Marketplace can read. Marketplace refuses such an artifact, so it cannot be uploaded."
        }
        #expect { try actions.preview(path: folder + "/nokey.jar") } throws: {
            ($0 as? AssetError)?.message.hasPrefix("The atlassian-plugin.xml of nokey.jar names no plugin key.") == true
        }
        let line = BatchUploading.line(path: folder + "/nokey.jar", preview: .failed("The atlassian-plugin.xml of nokey.jar names no plugin key."), choices: [])
        #expect(line.kind == .skipped("The atlassian-plugin.xml of nokey.jar names no plugin key."))
    }

    @Test func anImageCutShortIsPreviewedWithAWarningThatItDoesNotDecodeToItsEnd() async throws {
        let folder = NSTemporaryDirectory() + "/tui-preview-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let samples = try DemoSamples.materialize(into: folder + "/samples")
        let whole = try Data(contentsOf: URL(fileURLWithPath: samples + "/app-icon.png"))
        try whole.prefix(500).write(to: URL(fileURLWithPath: folder + "/cut-short.png"))
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: "http://127.0.0.1:9/marketplace", credentials: Credentials(email: "tui@example.com", apiToken: "unused")))
        let service = AssetService(client: client, history: HistoryStore(path: folder + "/history.json"), serverURL: "http://127.0.0.1:9/marketplace")
        let actions = ServiceActions(service: service)
        let cut = try actions.preview(path: folder + "/cut-short.png")
        let intact = try actions.preview(path: samples + "/app-icon.png")
        try await client.shutdown()
        #expect(cut.warnings.contains { $0.hasPrefix("the file is cut short: it does not decode to its end") }, "\(cut.warnings)")
        #expect(intact.warnings.isEmpty)
    }
}

/// `ServiceActions.uploadArtifact`: `u` looked at the history as loaded, up to a second old;
/// the upload checks it again as it goes, as `upload-artifact` does.
@Suite struct ServiceActionsUploadCheckTests {
    @Test func aBuildAnotherProcessRecordedSinceUWasPressedIsNotSent() async throws {
        let folder = NSTemporaryDirectory() + "/tui-upload-check-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let samples = try DemoSamples.materialize(into: folder + "/samples")
        let server = "http://127.0.0.1:9/marketplace"  // (nothing answers there: a request would fail otherwise)
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: server, credentials: Credentials(email: "tui@example.com", apiToken: "unused")))
        let history = HistoryStore(path: folder + "/history.json")
        // Another process's upload of the sample's key and version, recorded after `u` was pressed.
        var other = Fixtures.artifactEntry
        other.serverURL = server
        other.artifact?.details = ArtifactDetails(key: "com.example.sample-plugin", name: "Sample Plugin", version: "1.0.0")
        try history.append(other)
        let actions = ServiceActions(service: AssetService(client: client, history: history, serverURL: server))
        let refused = await #expect(throws: AssetError.self) {
            try await actions.uploadArtifact(path: samples + "/sample-plugin-1.0.0.jar", createdAt: Date(), uploadAgain: false) { _ in }
        }
        #expect(refused?.message.contains("recorded since u was pressed (another process): nothing was sent") == true, "\(String(describing: refused))")
        // Asked to upload it again (a second u), it goes: here, to a server that is not there.
        let sent = await #expect(throws: (any Error).self) {
            try await actions.uploadArtifact(path: samples + "/sample-plugin-1.0.0.jar", createdAt: Date(), uploadAgain: true) { _ in }
        }
        #expect((sent as? AssetError)?.message.contains("recorded since u was pressed") != true, "\(String(describing: sent))")
        try await client.shutdown()
    }
}

/// `ServiceActions.restoreHistoryEntries`: an undo writes the history its removal came from,
/// through a real store, which says what it did on its own there.
@Suite struct ServiceActionsRestoreTests {
    @Test func anUndoGoesBackToTheHistoryItCameFromAndSaysWhatItsStoreDid() async throws {
        let folder = NSTemporaryDirectory() + "/tui-restore-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try MarketplaceClient(configuration: ClientConfiguration(
            baseURL: "http://127.0.0.1:9/marketplace", credentials: Credentials(email: "tui@example.com", apiToken: "unused")))
        let service = AssetService(client: client, history: HistoryStore(path: folder + "/history.json"), serverURL: "http://127.0.0.1:9/marketplace")
        let actions = ServiceActions(service: service)
        let demo = HistoryStore(path: folder + "/demo/history.json")
        try demo.append(Fixtures.imageEntry)
        let removed = try demo.remove(entryIds: [Fixtures.imageEntry.entryId])
        // The demo's history damaged meanwhile: the undo's write moves it aside, and says so.
        try Data(#"{"schemaVersion": 2, "entries": [ cut"#.utf8).write(to: URL(fileURLWithPath: demo.path))
        let (restored, warnings) = try actions.restoreHistoryEntries(removed, into: demo.path)
        try await client.shutdown()
        #expect(restored == removed)
        #expect(try demo.load() == removed)
        #expect(warnings.first?.hasPrefix(HistoryStore.movedAsideWarningStart) == true, "\(warnings)")
        #expect(try service.history.load().isEmpty, "the session's own history is untouched")
        // Into the session's own history, the store's warnings reach the status line the usual way.
        #expect(try actions.restoreHistoryEntries(removed, into: service.history.path).warnings.isEmpty)
        #expect(try service.history.load() == removed)
    }
}
