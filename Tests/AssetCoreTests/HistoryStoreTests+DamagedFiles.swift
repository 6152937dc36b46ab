import Foundation
import Testing
import TestSupport
@testable import AssetCore

/// Files the history store did not write as it writes them: damaged, cut short, of a newer
/// schema, indented or merged by hand, and temporary files left by killed writers.
extension HistoryStoreTests {
    @Test("a file that does not parse is an error to a read, left as it is; the next write moves it aside, never deleted, and a fresh history starts")
    func corruptFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let garbage = "{\"schemaVersion\": 2, \"entries\": [ {\"kind\": \"image\" oops"
        _ = try folder.write("history.json", garbage)
        let store = HistoryStore(path: folder.file("history.json"))

        // A read (`history`, the TUI's pane) says what is wrong and where, and changes nothing:
        // the file may be a hand edit to correct, or a copy still being written.
        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.historyDamage != nil && error.message.contains("line 1") && error.message.contains("left untouched"))
        #expect(try folder.snapshot().filter { $0.key != "history.json.lock" } == ["history.json": Data(garbage.utf8)])
        #expect(store.warnings.isEmpty)

        let first = SampleEntries.image("first.png")
        try store.append(first)
        #expect(try store.load() == [first])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let aside = try #require(names.first { $0.hasPrefix("history.json.corrupt-") })
        #expect(FileManager.default.contents(atPath: folder.file(aside)) == Data(garbage.utf8))
        let warning = try #require(store.warnings.first)
        #expect(warning.contains(aside))
        #expect(warning.contains("line 1"))
        // And where to read how its entries join the new history's once it is corrected.
        #expect(warning.hasSuffix("Once it is corrected, `history --merge` of that file takes its entries in."), "\(warning)")

        // The new history works, and a second corrupt file gets its own name.
        let entry = SampleEntries.image()
        try store.append(entry)
        #expect(try store.load() == [first, entry])
        _ = try folder.write("history.json", "{\"schemaVersion\": 2, \"entries\": [")
        try store.append(entry)
        #expect(try store.load() == [entry])
        let corrupt = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("history.json.corrupt-") }
        #expect(corrupt.count == 2)
    }

    @Test("a file that is no history (a README, a package.json, an OCI index, a HAR, an array) is refused by every operation and left untouched")
    func notAHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let texts = [
            "# My project\n\nNotes.\n", "{\"name\": \"my-app\", \"version\": \"1.0.0\"}\n", "[]",
            "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"manifests\": []}",
            "{\"log\": {\"version\": \"1.2\", \"entries\": []}}", "{ name: 'not JSON' }", "\u{0}\u{0}\u{0} ftypisom",
            // Cut short, other JSON with an `entries` or a `schemaVersion` after other keys: a Day One
            // export, a Helm index, an OCI index sorted by `jq -S`. Never moved aside as a damaged history.
            "{\"metadata\": {\"version\": \"1.0\"}, \"entries\": [{\"uuid\": \"A", "{\"apiVersion\": \"v1\", \"entries\": {\"nginx\": [",
            "{\"manifests\": [], \"mediaType\": \"application/vnd.oci.image.index.v1+json\", \"schemaVersion\": 2",
        ]
        for text in texts {
            let path = try folder.write("notes.txt", text)
            let store = HistoryStore(path: path)
            let errors = [
                #expect(throws: AssetError.self) { try store.load() },
                #expect(throws: AssetError.self) { try store.append(SampleEntries.image()) },
                #expect(throws: AssetError.self) { try store.remove(entryIds: [UUID()]) },
            ]
            for error in errors { #expect(error?.message.contains("is not a marketplace-assets history") == true) }
            #expect(FileManager.default.contents(atPath: path) == Data(text.utf8), "left as it was")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".corrupt-") && !$0.contains(".tmp-") })
            #expect(store.warnings.isEmpty)
        }
    }

    @Test("a history with a note added at its top and a slip later is a damaged history, said where; one with a comment in it is refused saying where")
    func aHistoryEditedByHandIsToldWhereItStopsReading() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entry = SampleEntries.image()
        let whole = String(decoding: HistoryFile.encode([entry]), as: UTF8.self)
        // A note before schemaVersion (kept by a write), and a comma after the last entry.
        let noted = whole.replacingOccurrences(of: "{\n  \"schemaVersion\"", with: "{\n  \"note\": \"mine\",\n  \"schemaVersion\"")
            .replacingOccurrences(of: "\n  ]\n}", with: ",\n  ]\n}")
        let path = try folder.write("history.json", noted)
        let store = HistoryStore(path: path)
        let error = #expect(throws: AssetError.self) { try store.load() }
        #expect(error?.message.contains("does not read (") == true && error?.message.contains("line ") == true, "\(error?.message ?? "")")
        // A comment (JSON takes none) before its first member: not read as a history, but said where.
        let commented = try folder.write("commented.json", whole.replacingOccurrences(of: "{\n", with: "{\n// my uploads\n"))
        let refusal = #expect(throws: AssetError.self) { try HistoryStore(path: commented).load() }
        #expect(refusal?.message.contains("is not a marketplace-assets history as it stands (a comment, which JSON does not allow at line 2, column 1)") == true, "\(refusal?.message ?? "")")
        #expect(refusal?.message.contains("if it is one, correct it there") == true)
    }

    @Test("a file larger than any history (a disk image or an archive given as the path) is refused without being read, and left untouched")
    func aHugeFileIsNoHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Sparse: 2 GiB of file, no disk. Zeros first, as a crash leaves a history (which a read
        // would otherwise take whole, to say it is damaged), and a ZIP's head.
        for head in ["", "PK\u{3}\u{4}"] {
            let path = try folder.write("disk.img", head)
            #expect(truncate(path, 2 << 30) == 0)
            let store = HistoryStore(path: path)
            for error in [#expect(throws: AssetError.self) { try store.load() }, #expect(throws: AssetError.self) { try store.checkWritable() }] {
                #expect(error?.message.contains("larger than any marketplace-assets history, so it was left untouched") == true, "\(error?.message ?? "")")
            }
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_size == 2 << 30 && info.st_blocks < 64, "not read, nor moved aside")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".corrupt-") })
        }
    }

    @Test("a history written by root (sudo) for another user keeps that user as owner, and its lock file too", .enabled(if: geteuid() == 0))
    func rootKeepsTheOwner() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image("first.png"))
        // The user's history; the lock file made by this (root's) write, as on a first `sudo`.
        #expect(chown(store.path, 65534, 65534) == 0 && chmod(store.path, 0o640) == 0 && unlink(store.lockPath) == 0)
        try store.append(SampleEntries.image("second.png"))
        var info = stat(), lock = stat()
        #expect(stat(store.path, &info) == 0 && info.st_uid == 65534 && info.st_gid == 65534 && info.st_mode & 0o777 == 0o640)
        #expect(stat(store.lockPath, &lock) == 0 && lock.st_uid == 65534 && lock.st_mode & 0o600 == 0o600)
        #expect(try store.load().map(\.name) == ["first.png", "second.png"])
        // A lock file that was there (here root's, as a link to any file could be) is left as it is.
        #expect(unlink(store.lockPath) == 0 && close(creat(store.lockPath, 0o600)) == 0)
        try store.append(SampleEntries.image("third.png"))
        #expect(stat(store.lockPath, &lock) == 0 && lock.st_uid == 0 && lock.st_mode & 0o777 == 0o600)
    }

    @Test("a history others may write (a team's, 0664 or 0666) gets a lock file they may open: the classes it lets write, and no more")
    func aSharedHistorysLockFileIsShared() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image("first.png"))
        for (history, expected) in [(0o666, 0o666), (0o664, 0o660), (0o646, 0o606), (0o644, 0o600), (0o600, 0o600)] as [(mode_t, mode_t)] {
            #expect(chmod(store.path, history) == 0 && unlink(store.lockPath) == 0)
            try store.append(SampleEntries.image("next.png"))
            var lock = stat()
            #expect(stat(store.lockPath, &lock) == 0 && lock.st_mode & 0o777 == expected, "history \(String(history, radix: 8)): lock \(String(lock.st_mode & 0o777, radix: 8))")
        }
    }

    @Test("a first history root (sudo) makes in another user's folder is that user's, with the folders made for it and its lock file; one written after a damaged or blank file keeps that file's owner", .enabled(if: geteuid() == 0))
    func rootMakesANewHistoryTheFoldersOwners() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let home = folder.file("home")
        #expect(mkdir(home, 0o700) == 0 && chown(home, 65534, 65534) == 0)
        // `~/.local/state/marketplace-assets` on a first `sudo` run: folders root makes too.
        let store = HistoryStore(path: home + "/.local/state/marketplace-assets/history.json")
        func owner(_ path: String) -> uid_t? {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_uid : nil
        }
        try store.append(SampleEntries.image("first.png"))
        #expect(owner(store.path) == 65534 && owner(store.lockPath) == 65534)
        #expect([".local", ".local/state", ".local/state/marketplace-assets"].map { owner(home + "/" + $0) } == [65534, 65534, 65534])
        #expect(truncate(store.path, 10) == 0)  // damaged: moved aside at the next write
        try store.append(SampleEntries.image("second.png"))
        #expect(store.movedAside.count == 1 && owner(store.path) == 65534)
        #expect(truncate(store.path, 0) == 0)  // blank: set aside
        try store.append(SampleEntries.image("third.png"))
        #expect(owner(store.path) == 65534)
        #expect(try store.load().map(\.name) == ["third.png"])
        // In a shared sticky folder (/tmp), a new file stays the writer's own.
        let shared = folder.file("shared")
        #expect(mkdir(shared, 0o1777) == 0 && chmod(shared, 0o1777) == 0 && chown(shared, 65534, 65534) == 0)
        try HistoryStore(path: shared + "/history.json").append(SampleEntries.image())
        #expect(owner(shared + "/history.json") == 0 && owner(shared + "/history.json.lock") == 0)
        // A path through `..` names folders that exist: only the one made is chowned, to the
        // owner of the folder it is in (it made root's folders another user's).
        let homes = folder.file("homes")
        #expect(mkdir(homes, 0o755) == 0 && mkdir(homes + "/alice", 0o700) == 0 && chown(homes + "/alice", 65534, 65534) == 0)
        #expect(mkdir(homes + "/bob", 0o755) == 0)
        try HistoryStore(path: homes + "/alice/new/../../bob/history.json").append(SampleEntries.image())
        #expect([homes, homes + "/bob", homes + "/alice/new"].map(owner) == [0, 0, 65534])
        #expect(owner(homes + "/bob/history.json") == 0)
    }

    @Test("JSON that is no history this reads (no schemaVersion, entries null or twice, one entryId for two uploads) and a file that is not UTF-8 are refused untouched, by a read and before an upload: nothing is hidden")
    func validJSONThatDoesNotReadIsRefused() throws {
        let entry = String(decoding: SampleEntries.image("a.png").jsonLine, as: UTF8.self)
        var other = SampleEntries.image("b.png")
        other.entryId = try #require(UUID(uuidString: String(entry.firstMatch(of: /"entryId":"([^"]+)"/)?.1 ?? "")))
        let twin = String(decoding: other.jsonLine, as: UTF8.self)
        let cases: [(text: [UInt8], says: String)] = [
            (Array("{}".utf8), "no valid schemaVersion"),
            (Array("{\"schemaVersion\": \"2\", \"entries\": []}".utf8), "expected a whole number"),
            (Array("{\"schemaVersion\": 2, \"entries\": null}".utf8), "expected '['"),
            (Array("{\"schemaVersion\": 2, \"entries\": [\(entry)], \"entries\": []}".utf8), "entries a second time"),
            (Array("{\"schemaVersion\": 2, \"entries\": [\(entry),\n\(twin)]}".utf8), "Two different uploads share one entryId"),
            (Array("{\"schemaVersion\": 2, \"entries\": [\(entry.replacingOccurrences(of: "a.png", with: "b\u{E4}nner.png"))]}".utf8.map { $0 == 0xC3 ? 0xE4 : $0 }.filter { $0 != 0xA4 }),
             "which is not UTF-8"),
        ]
        for (text, says) in cases {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let path = folder.file("history.json")
            try Data(text).write(to: URL(fileURLWithPath: path))
            let store = HistoryStore(path: path)
            for error in [#expect(throws: AssetError.self) { try store.load() }, #expect(throws: AssetError.self) { try store.checkWritable() },
                          #expect(throws: AssetError.self) { try store.append(SampleEntries.image()) }] {
                #expect(error?.message.contains(says) == true && error?.message.contains("left untouched") == true, "\(error?.message ?? "")")
            }
            #expect(FileManager.default.contents(atPath: path) == Data(text), "left as it was")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".corrupt-") })
        }
    }

    @Test("one entryId for a failed attempt and an upload, or for two attempts of other files, is two uploads: refused untouched, not merged; a true copy (refreshed later) is merged")
    func oneEntryIdForTwoUploads() throws {
        let upload = SampleEntries.image("app-icon.png")
        var attempt = SampleEntries.failed("banner.jpg")
        attempt.entryId = upload.entryId
        var refreshed = upload
        refreshed.refreshedAt = HistoryStore.now().addingTimeInterval(60)
        var later = upload, typed = upload, elsewhere = upload
        later.createdAt = upload.createdAt.addingTimeInterval(1)
        typed.imageType = "logo"
        elsewhere.serverURL = "https://staging.example/marketplace"
        let pairs = [([upload, attempt], true), ([SampleEntries.failed("a.jar"), attempt], true), ([upload, later], true),
                     ([upload, typed], true), ([upload, elsewhere], true), ([upload, refreshed], false)]
        for (pair, refused) in pairs {
            var first = pair[0]
            first.entryId = upload.entryId
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let text = HistoryFile.encode([first, pair[1]])
            let path = folder.file("history.json")
            try Data(text).write(to: URL(fileURLWithPath: path))
            let store = HistoryStore(path: path)
            if refused {
                let error = #expect(throws: AssetError.self) { try store.append(SampleEntries.image("new.png")) }
                #expect(error?.message.contains("Two different uploads share one entryId") == true)
                #expect(FileManager.default.contents(atPath: path) == Data(text))
            } else {
                #expect(try store.load() == [refreshed])
                #expect(store.warnings.first?.contains(upload.entryId.uuidString) == true, "the warning names the entryId")
            }
        }
    }

    @Test("a file in another encoding (UTF-16, Latin-1 in its first keys) is said to be one to save as UTF-8, not no history")
    func anotherEncodingIsSaid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let document = String(decoding: HistoryFile.encode([SampleEntries.image()]), as: UTF8.self)
        let utf16: [UInt8] = [0xFF, 0xFE] + document.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let latin1: [UInt8] = Array("{\"schemaVersion\":".utf8) + [0xA0] + Array("2, \"entries\": []}".utf8)
        for bytes in [utf16, latin1] {
            let path = folder.file("history.json")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: AssetError.self) { try HistoryStore(path: path).load() }
            #expect(error?.message.contains("is not UTF-8 text") == true && error?.message.contains("left untouched") == true, "\(error?.message ?? "")")
        }
    }

    @Test("a blank file (a copy still being written into it) is an empty history to a read, and is set aside, not replaced, by a write: what the copy writes next is kept")
    func aBlankFileIsSetAsideByAWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("history.json", "")
        let copy = open(path, O_WRONLY)
        defer { close(copy) }
        let store = HistoryStore(path: path)
        #expect(try store.load().isEmpty)
        try store.append(SampleEntries.image("new.png"))
        // The copy goes on writing into the file it opened, now set aside.
        let backup = HistoryFile.encode([SampleEntries.image("old.png")])
        #expect(backup.withUnsafeBytes { write(copy, $0.baseAddress, $0.count) } == backup.count)
        let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains(".corrupt-") })
        #expect(FileManager.default.contents(atPath: folder.file(aside)) == Data(backup), "the copy's entries are kept")
        #expect(try store.load().map(\.name) == ["new.png"])
        #expect(store.warnings.first?.contains("was empty (made by mktemp or touch, or a copy still being written into it?)") == true)
        #expect(store.movedAside.isEmpty, "it held no entry an upload could be looked for in (the duplicate check)")
    }

    @Test("a file cut inside a character is cut short, moved aside as such, not refused as Latin-1; an old journal cut so keeps its other lines, and itself aside")
    func cutInsideACharacter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let whole = HistoryFile.encode([SampleEntries.image("日本.png")])
        let cut = Array(whole.prefix(through: try #require(whole.firstIndex(of: 0xE6))))  // the first byte of 日
        let path = folder.file("history.json")
        try Data(cut).write(to: URL(fileURLWithPath: path))
        let store = HistoryStore(path: path)
        let error = #expect(throws: AssetError.self) { try store.load() }
        #expect(error?.historyDamage != nil, "\(error?.message ?? "")")
        try store.append(SampleEntries.image("new.png"))
        #expect(store.movedAside.count == 1 && FileManager.default.contents(atPath: store.movedAside[0]) == Data(cut))

        // An old release's journal whose last append was cut inside a character.
        let line = String(decoding: SampleEntries.image("a.png").jsonLine, as: UTF8.self)
        let torn = Array(("{\"schemaVersion\":1}\n" + line + "\n").utf8) + Array(String(decoding: SampleEntries.image("日.png").jsonLine, as: UTF8.self).utf8.prefix(while: { $0 != 0xE6 })) + [0xE6]
        let journal = torn.withUnsafeBufferPointer { HistoryFile.decodeLegacyJournal($0) }
        #expect(journal.entries.map(\.name) == ["a.png"] && journal.unreadableLines == [3])
    }

    @Test("a binary file, a Latin-1 README or package.json given as the history is no history; a file in UTF-16 is one to save as UTF-8")
    func encodingOrNoHistory() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("history.json")
        for (bytes, says) in [([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xA0] as [UInt8], "is not a marketplace-assets history"),
                              (Array("# Notes caf".utf8) + [0xE9, 0x0A], "is not a marketplace-assets history"),
                              (Array("{\"name\": \"caf".utf8) + [0xE9] + Array("\", \"version\": \"1.0.0\"}".utf8), "is not a marketplace-assets history"),
                              ([0xFF, 0xFE, 0x7B, 0x00, 0x22, 0x00], "is not UTF-8 text")] {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: AssetError.self) { try HistoryStore(path: path).load() }
            #expect(error?.message.contains(says) == true, "\(error?.message ?? "")")
        }
    }

    @Test("a comma too many and a comment are named where they are; a slash elsewhere is no comment")
    func syntaxHints() throws {
        func reason(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { input -> String? in
                do throws(JSONReadError) {
                    var ranges: [Range<Int>]?
                    _ = try HistoryFile.decode(input, ranges: &ranges)
                    return nil
                } catch {
                    return error.describe(in: input)
                }
            }
        }
        #expect(reason("{\"schemaVersion\": 2, \"entries\": [],\n}")?.hasPrefix("a comma too many before '}'") == true)
        #expect(reason("{\"schemaVersion\": 2, \"x\": [1, ], \"entries\": []}")?.hasPrefix("a comma too many before ']'") == true)
        #expect(reason("{\"schemaVersion\": 2, // the version\n \"entries\": []}")?.hasPrefix("a comment, which JSON does not allow at line 1") == true)
        #expect(reason("{\"schemaVersion\": 2, \"x\": [1/2], \"entries\": []}")?.contains("comment") == false)
        // An entry's place is the line it starts on, not the end of the one before.
        #expect(reason("{\"schemaVersion\": 2, \"entries\": [\n    {\"kind\": \"image\"}\n]}")?.hasSuffix("at line 2, column 5") == true)
    }

    @Test("a damaged history (NULs, cut inside its first key) is moved aside before an upload, not refused; a byte order mark is read past")
    func damagedHistories() throws {
        for text in ["\u{0}\u{0}\u{0}\u{0}", "{\n  \"schem", "\u{FEFF}{\"schemaVersion\": 2, \"entries\": [ {\"kind\""] {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let path = try folder.write("history.json", text)
            let store = HistoryStore(path: path)
            #expect(throws: AssetError.self, "\(text.debugDescription)") { try store.load() }
            #expect(chmod(path, 0o664) == 0)  // a team's
            try store.checkWritable()
            #expect(try store.load().isEmpty, "\(text.debugDescription)")
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o664, "the new history keeps the damaged one's mode: \(String(info.st_mode & 0o777, radix: 8))")
            let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.contains(".corrupt-") })
            #expect(FileManager.default.contents(atPath: folder.file(aside)) == Data(text.utf8), "nothing lost")
            #expect(store.warnings.count == 1)
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entry = SampleEntries.image()
        let path = try folder.write("history.json", "\u{FEFF}" + String(decoding: HistoryFile.encode([entry]), as: UTF8.self))
        let store = HistoryStore(path: path)
        #expect(try store.load() == [entry])
        let artifact = SampleEntries.artifact()
        try store.append(artifact)
        #expect(try store.load() == [entry, artifact])
        #expect(store.warnings.isEmpty)
        // The write drops the mark (an add too, which otherwise keeps the bytes before it): Python's json refuses one.
        #expect(FileManager.default.contents(atPath: path)?.starts(with: [0xEF, 0xBB, 0xBF]) == false)
        #expect(try Self.entryIdsByPython(path) == [entry, artifact].map(\.entryId.uuidString))
        // Unknown members first (written by hand): it reads whole, so it is a history.
        let commented = try folder.write("commented.json", "{\"comment\": \"mine\", \"schemaVersion\": 2, \"entries\": []}")
        #expect(try HistoryStore(path: commented).load().isEmpty)
    }

    @Test("a file cut short is an error that says where it ends, then moved aside with a warning that says it")
    func truncatedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        try store.append(SampleEntries.image("a.png"))
        let whole = try #require(FileManager.default.contents(atPath: store.path))
        let lines = whole.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        try whole.prefix(whole.count - "\n  ]\n}\n".utf8.count).write(to: URL(fileURLWithPath: store.path))

        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.message.contains("the file ends too early: expected ']' at line \(lines - 3)"), "\(error)")
        try store.append(SampleEntries.image("b.png"))
        let warning = try #require(store.warnings.first)
        #expect(warning.contains("the file ends too early: expected ']' at line \(lines - 3)"), "\(warning)")
    }

    @Test("a newer schemaVersion is refused with a clear error, and the file is left untouched")
    func newerSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("history.json", "{\"schemaVersion\": 3, \"entries\": [{\"something\": \"new\"}], \"more\": true}\n")
        let store = HistoryStore(path: folder.file("history.json"))
        let before = try folder.snapshot()

        let error = try #require(throws: AssetError.self) { try store.load() }
        #expect(error.message.contains("newer"))
        #expect(error.message.contains("schema version 3"))
        #expect(error.message.contains(store.path))
        #expect(throws: AssetError.self) { try store.append(SampleEntries.image()) }
        #expect(throws: AssetError.self) { try store.remove(entryIds: [UUID()]) }
        let after = try folder.snapshot()
        #expect(after["history.json"] == before["history.json"])
        #expect(!after.keys.contains { $0.contains("corrupt") || $0.contains(".tmp-") })
    }

    @Test("temporary files left by writers killed before their rename are removed by the next writer, not by readers")
    func leftoverTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let kept = SampleEntries.image()
        try store.append(kept)
        let leftovers = [".history.json.tmp-4242-17", ".history.json.tmp-99-3456789"]
        for name in leftovers { _ = try folder.write(name, "{\"schemaVersion\": 2, \"entries\": [") }
        _ = try folder.write(".other.json.tmp-1-2", "not ours")

        #expect(try store.load() == [kept])
        #expect(leftovers.allSatisfy { FileManager.default.fileExists(atPath: folder.file($0)) }, "a reader leaves them")
        let next = SampleEntries.artifact()
        try store.append(next)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["history.json", "history.json.lock", ".other.json.tmp-1-2"])
        #expect(try store.load() == [kept, next])
    }

    @Test("a file indented by hand (jq .) is read, and added to, keeping every entry")
    func handIndentedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let entries = SampleEntries.mixed(20)
        try store.append(contentsOf: entries)
        let object = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: store.path)))
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: store.path))
        #expect(try store.load() == entries)
        let added = SampleEntries.failed()
        try store.append(added)
        #expect(try store.load() == entries + [added])
        #expect(try Self.entryIdsByPython(store.path) == (entries + [added]).map(\.entryId.uuidString))
        // A change among entries copied from the sorted file (their places found after the version).
        var expected = entries + [added]
        expected[5].failure = "changed by hand"
        try store.update(where: { $0.entryId == entries[5].entryId }) { $0.failure = "changed by hand" }
        #expect(try store.load() == expected)
        let written = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(written.components(separatedBy: "\n      \"entryId\"").count - 1 == 19, "the other entries of the sorted file keep their lines")
    }

    @Test("an add keeps every byte around the place it writes: members added by hand before and after the entries, and a jq -S file's schemaVersion after them")
    func anAddKeepsMembersAroundTheEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let first = SampleEntries.image("first.png")
        try store.append(first)
        let entries = String(decoding: HistoryFile.encode([first]), as: UTF8.self)
        let list = try #require(entries.range(of: "[")).lowerBound..<(try #require(entries.range(of: "]", options: .backwards)).upperBound)
        let edited = "{\n  \"owner\": \"team-a\",\n  \"schemaVersion\": 2,\n  \"entries\": \(entries[list]),\n  \"note\": \"mine\"\n}\n"
        try edited.write(toFile: store.path, atomically: true, encoding: .utf8)
        let added = SampleEntries.artifact("second.jar")
        try store.append(added)
        #expect(try store.load() == [first, added])
        let written = try String(contentsOfFile: store.path, encoding: .utf8)
        let cut = try #require(edited.range(of: "}\n  ],", options: .backwards)).lowerBound
        #expect(written.hasPrefix(edited[...cut]), "the bytes up to the last entry's end stay")
        #expect(written.hasSuffix("\n  ],\n  \"note\": \"mine\"\n}\n"), "and those after it: \(written)")
        #expect(try Self.entryIdsByPython(store.path) == [first, added].map(\.entryId.uuidString))
    }

    @Test("two copies merged by hand (jq -s): each entryId listed once, the copy refreshed last, with a warning; the next write keeps one")
    func copiesMergedByHand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = HistoryStore(path: folder.file("history.json"))
        let shared = SampleEntries.mixed(3), mine = SampleEntries.image("mine.png"), theirs = SampleEntries.artifact("theirs.jar")
        var refreshed = shared[0]
        refreshed.refreshedAt = HistoryStore.now().addingTimeInterval(60)
        // What `jq -s '{schemaVersion: 2, entries: (.[0].entries + .[1].entries)}' a b` makes.
        // The copy refreshed last wins wherever it stands; of equal ones, the later.
        let merged = String(decoding: HistoryFile.encode([shared[0], shared[1]] + [mine] + [refreshed, shared[1], shared[2], theirs] + [shared[0]]),
                            as: UTF8.self)
        _ = try folder.write("history.json", merged)

        #expect(try store.load() == [refreshed, shared[1], mine, shared[2], theirs])
        let warning = store.takeWarnings().first
        #expect(warning?.hasPrefix("In \(store.path), 3 entries repeat an earlier one's entryId") == true)
        #expect(warning?.hasSuffix("the next write keeps only it, writing the file anew (what was added by hand to other entries is not kept).") == true,
                "\(String(describing: warning))")
        let added = SampleEntries.failed()
        try store.append(added)
        #expect(try Self.entryIdsByPython(store.path) == [refreshed, shared[1], mine, shared[2], theirs, added].map(\.entryId.uuidString))
        #expect(store.takeWarnings().count == 1, "said again by the read the write makes, then no more")
        #expect(try store.load().count == 6 && store.warnings.isEmpty)
    }
}
