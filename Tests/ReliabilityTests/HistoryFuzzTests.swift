import AssetCore
import Foundation
import MarketplaceAPI
import PropertyBased
import Testing
import TestSupport

/// History files damaged in any way are read without a crash or a hang: entries, a moved-aside
/// file with a one-line warning, or a one-line error; never a lost good line of an older
/// release's journal.
@Suite("Fuzz: history decoding", .ownThreads, .timeLimit(.minutes(FuzzMaterial.timeLimitMinutes)))
struct HistoryFuzzTests {
    /// A real history file (two entries), as the store writes it, and a real journal of the
    /// release before schema 2 (the migration fixture of AssetCoreTests).
    static let samples: (document: [UInt8], journal: [UInt8]) = {
        let folder = try! TemporaryFolder("history-fuzz-sample")
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let server = "https://api.atlassian.com/marketplace"
        let artifact = Artifact(
            fileInfo: FileInfo(logicalFileName: "app.jar", size: 42, checksum: "sha512:00ff"),
            details: nil,
            links: ArtifactLinks(selfLink: Link(href: "/rest/3/artifacts/a-1"), binary: Link(href: "/rest/3/artifacts/a-1/binary")))
        let entries = [
            HistoryEntry(kind: .image, id: "img-1", imageType: "icon", name: "i\u{1B}[2J.png", mimeType: "image/png", size: 3,
                         localPath: "/tmp/i.png", serverURL: server, createdAt: HistoryStore.now()),
            HistoryEntry(kind: .artifact, id: "a-1", name: "app.jar", size: 42, checksum: "sha512:00ff", verified: true,
                         artifact: artifact, serverURL: server, createdAt: HistoryStore.now()),
        ]
        try! store.append(contentsOf: entries)
        let document = FileManager.default.contents(atPath: folder.file("history.json")).map(Array.init) ?? []
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AssetCoreTests/Fixtures/history-schema-1/journal-only/history.journal.jsonl")
        let journal = FileManager.default.contents(atPath: fixture.path).map(Array.init) ?? []
        return (document, journal)
    }()

    @Test("mutated documents and journals: entries, or a one-line warning or error")
    func mutatedFiles() async throws {
        let folder = try TemporaryFolder("history-fuzz")
        defer { folder.remove() }
        let samples = Self.samples
        #expect(!samples.document.isEmpty && !samples.journal.isEmpty)
        await propertyCheck(count: FuzzMaterial.cases(1500), input: FuzzMaterial.mutations(of: [samples.document]),
                            FuzzMaterial.mutations(of: [samples.journal]), Gen<Int>.int(in: 0...2)) { document, journal, which in
            // Damage the document, the journal, or both.
            let path = folder.file("history.json")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? FileManager.default.removeItem(atPath: folder.file(name))
            }
            try? Data(which == 1 ? samples.document : document).write(to: URL(fileURLWithPath: path))
            try? Data(which == 0 ? samples.journal : journal).write(to: URL(fileURLWithPath: folder.file("history.journal.jsonl")))
            let store = HistoryStore(path: path)
            do {
                let entries = try store.load()
                #expect(Set(entries.map(\.entryId)).count == entries.count, "an entry read twice")
                // (Warnings quote the damaged text as it is: see warningsAreSafeText.)
            } catch let error as AssetError {
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
            await Task.yield()
        }
    }

    @Test("a warning about a damaged file, or the error about an entry that does not read, is one line of safe text, whatever the file holds")
    func warningsAreSafeText() throws {
        let folder = try TemporaryFolder("history-warning")
        defer { folder.remove() }
        let path = folder.file("history.json")
        let document = #"{"schemaVersion": 2, "entries": [{"createdAt": "2026-01-01T00:00:00Z", "entryId": "8D1A5B8E-1B86-4F53-9C3F-2B9A9B0E2F10", "kind": "\n\u001b]0;pwned\u0007image", "name": "a.png", "serverURL": "https://x"}]}"#
        // Cut short, a read says so and a write moves it aside with a warning; whole, it is JSON
        // and refused with an error.
        try Data(document.dropLast().utf8).write(to: URL(fileURLWithPath: path))
        let store = HistoryStore(path: path)
        let cut = #expect(throws: AssetError.self) { try store.load() }
        try store.checkWritable()
        #expect(!store.warnings.isEmpty)
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: AssetError.self) { try store.load() }
        for text in store.warnings + [cut?.message ?? "", error?.message ?? ""] {
            #expect(text.contains("unknown kind"))
            #expect(!text.unicodeScalars.contains(where: FuzzMaterial.isControl), "\(text.debugDescription)")
        }
    }

    @Test("random bytes as a document and as a journal")
    func randomFiles() async throws {
        let folder = try TemporaryFolder("history-fuzz-random")
        defer { folder.remove() }
        await propertyCheck(count: FuzzMaterial.cases(1500), input: FuzzMaterial.bytes(upTo: 600), Gen<Bool>.bool()) { bytes, asJournal in
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? FileManager.default.removeItem(atPath: folder.file(name))
            }
            let path = folder.file("history.json")
            try? Data(bytes).write(to: URL(fileURLWithPath: asJournal ? folder.file("history.journal.jsonl") : path))
            let store = HistoryStore(path: path)
            do {
                _ = try store.load()
            } catch let error as AssetError {
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
            await Task.yield()
        }
    }
}
