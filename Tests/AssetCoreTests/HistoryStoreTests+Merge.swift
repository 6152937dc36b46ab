import Foundation
import Testing
import TestSupport
@testable import AssetCore

/// `history --merge FILE`: another history's entries taken in under the lock.
extension HistoryStoreTests {
    @Test("a merge adds the other file's new entries, replaces an entry by a copy refreshed later, keeps one refreshed earlier, and leaves the other file as it was")
    func mergeTakesInAnotherHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let other = HistoryStore(path: folder.file("history (conflicted copy).json"))
        let shared = SampleEntries.artifact("app-1.0.0.jar")
        var refreshedThere = shared
        refreshedThere.refreshedAt = shared.createdAt.addingTimeInterval(60)
        refreshedThere.failure = "Marketplace found nothing there (HTTP 404)"
        let older = SampleEntries.image("icon.png"), onlyThere = SampleEntries.image("banner.png")
        var refreshedHere = older
        refreshedHere.refreshedAt = older.createdAt.addingTimeInterval(120)
        // Of equal times, this history's copy stays (a failed refresh's note keeps the time it had).
        let noted = SampleEntries.artifact("app-2.0.0.jar")
        var notedHere = noted
        notedHere.failure = "Marketplace found nothing there (HTTP 404)"
        try store.append(contentsOf: [shared, refreshedHere, notedHere])
        try other.append(contentsOf: [refreshedThere, older, onlyThere, noted])
        let otherBytes = try Data(contentsOf: URL(fileURLWithPath: other.path))
        try FileManager.default.removeItem(atPath: other.lockPath)  // as a synced copy comes, without one

        let (added, refreshed, _) = try store.merge(from: other.path)
        #expect(added == [onlyThere] && refreshed == [refreshedThere])
        #expect(try store.load() == [refreshedThere, refreshedHere, notedHere, onlyThere])
        #expect(try Data(contentsOf: URL(fileURLWithPath: other.path)) == otherBytes, "the other file is only read")
        #expect(!FileManager.default.fileExists(atPath: other.lockPath), "reading it makes no lock file beside it")

        // Again: nothing to take in, and the file is not written.
        let stamp = store.stamp()
        let again = try store.merge(from: other.path)
        #expect(again.added.isEmpty && again.refreshed.isEmpty && again.offered == 4 && store.stamp() == stamp)
        // A history of no entries offers none (the command then says so, not "holds every entry already").
        let empty = HistoryStore(path: folder.file("empty.json"))
        try Data(#"{"schemaVersion": 2, "entries": []}"#.utf8).write(to: URL(fileURLWithPath: empty.path))
        #expect(try store.merge(from: empty.path).offered == 0)
    }

    @Test("a merge does not list twice an artifact this history holds under another entryId (a colleague's lookup of it), nor one the other file holds twice; another server's is another artifact")
    func mergeKeepsAnArtifactOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let other = HistoryStore(path: folder.file("colleague.json"))
        let uploaded = SampleEntries.artifact("app-1.0.0.jar"), new = SampleEntries.artifact("app-2.0.0.jar")
        func lookup(of entry: HistoryEntry, on server: String? = nil) -> HistoryEntry {
            var lookup = entry
            (lookup.entryId, lookup.lookedUp, lookup.localPath) = (UUID(), true, nil)
            lookup.serverURL = server ?? entry.serverURL
            return lookup
        }
        let elsewhere = lookup(of: uploaded, on: "https://marketplace.example.org")
        try store.append(uploaded)
        try other.append(contentsOf: [lookup(of: uploaded), new, lookup(of: new), elsewhere])

        let (added, refreshed, offered) = try store.merge(from: other.path)
        #expect(added == [new, elsewhere] && refreshed.isEmpty && offered == 4)
        #expect(try store.load() == [uploaded, new, elsewhere])
        // Again: nothing to take in.
        #expect(try store.merge(from: other.path).added.isEmpty)

        // The other way: a history holding a lookup of the artifact takes the upload's own entry in its place.
        let mine = HistoryStore(path: folder.file("mine.json")), theirs = HistoryStore(path: folder.file("theirs.json"))
        let looked = lookup(of: uploaded), kept = SampleEntries.image("icon.png")
        try mine.append(contentsOf: [looked, kept])
        try theirs.append(uploaded)
        let taken = try mine.merge(from: theirs.path)
        #expect(taken.added.isEmpty && taken.refreshed == [uploaded])
        #expect(try mine.load() == [uploaded, kept])
        #expect(try HistoryStore(path: mine.path).load() == [uploaded, kept], "written whole, not added after the last entry")
    }

    @Test("a merge refuses, and writes nothing: two different uploads under one entryId, a damaged or missing file, the history itself")
    func mergeRefusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let mine = SampleEntries.image("icon.png")
        try store.append(mine)
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        var clash = mine
        clash.id = "img-another-upload"
        clash.image?.id = "img-another-upload"
        try HistoryStore(path: folder.file("clash.json")).append(clash)
        try Data("{\"schemaVersion\": 2, \"entries\": [".utf8).write(to: URL(fileURLWithPath: folder.file("cut.json")))
        try Data(" \n".utf8).write(to: URL(fileURLWithPath: folder.file("blank.json")))
        try Data("{\"schemaVersion\": 9, \"entries\": []}".utf8).write(to: URL(fileURLWithPath: folder.file("newer.json")))
        try FileManager.default.createDirectory(atPath: folder.file("a-folder"), withIntermediateDirectories: true)
        try Data("# A README\n".utf8).write(to: URL(fileURLWithPath: folder.file("README.md")))

        let refusals: [(String, String)] = [
            (folder.file("clash.json"), "Two different uploads share one entryId"),
            // What tells them apart is said: the names of both may be one.
            (folder.file("clash.json"), "which differ in ID (\(mine.id ?? ""), img-another-upload). Give one of them another entryId"),
            (folder.file("cut.json"), "Nothing was merged: \(folder.file("cut.json")) does not read (the file ends too early"),
            (folder.file("missing.json"), "No such file"),
            (folder.file("blank.json"), "Nothing was merged: \(folder.file("blank.json")) is blank, no history."),
            (folder.file("newer.json"), "Nothing was merged: The history file \(folder.file("newer.json")) was written by a newer marketplace-assets"),
            (folder.file("a-folder"), "Nothing was merged: \(folder.file("a-folder")) is not a file."),
            (folder.file("README.md"), "is not a marketplace-assets history (it does not start as one), so it was left untouched: give the path of a marketplace-assets history to merge "
             + "(a `history --json` listing is none: `jq '{schemaVersion: 2, entries: .}'` makes it one)."),
            (store.path, "is this history itself"),
        ]
        for (source, words) in refusals {
            let error = #expect(throws: AssetError.self, "\(source)") { try store.merge(from: source) }
            #expect(error?.message.contains(words) == true, "\(error?.message ?? "")")
            #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        }
    }
}

/// `u` in the TUI: what `remove` returned put back.
extension HistoryStoreTests {
    @Test("an undo puts back what a removal took out as it was; one the history holds again (merged back, an artifact looked up since) is left as it is")
    func restorePutsBackWhatARemovalTookOut() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let icon = SampleEntries.image("icon.png"), jar = SampleEntries.artifact("app-1.0.0.jar"), kept = SampleEntries.image("banner.png")
        let merged = SampleEntries.image("shot.png"), lookedUp = SampleEntries.artifact("app-2.0.0.jar")
        try store.append(contentsOf: [icon, jar, kept, merged, lookedUp])
        let removed = try store.remove(entryIds: [icon.entryId, jar.entryId, merged.entryId, lookedUp.entryId])
        #expect(removed == [icon, jar, merged, lookedUp])
        // Meanwhile: the screenshot merged back and refreshed; `artifact ID` of the second jar made a new entry.
        var refreshed = merged
        refreshed.refreshedAt = merged.createdAt.addingTimeInterval(60)
        var lookup = lookedUp
        lookup.entryId = UUID()
        lookup.lookedUp = true
        try store.append(contentsOf: [refreshed, lookup])

        #expect(try store.restore(removed) == [icon, jar])
        #expect(try store.load() == [kept, refreshed, lookup, icon, jar])
        // Again: all there, nothing written.
        let stamp = store.stamp()
        #expect(try store.restore(removed).isEmpty && store.stamp() == stamp)
        // A look-up on another server is another artifact's entry: it is put back beside it.
        try store.remove(entryIds: [lookup.entryId, jar.entryId])
        var elsewhere = lookup
        elsewhere.serverURL = "https://marketplace.example.org"
        try store.append(elsewhere)
        #expect(try store.restore([jar, lookedUp]) == [jar, lookedUp])
    }
}
