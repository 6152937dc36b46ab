import AssetCore
import Foundation
import Testing

/// The history under writers killed with SIGKILL at random moments: whatever the moment,
/// the files parse and every entry whose append had returned is there.
@Suite("History crash safety", .serialized)
struct HistoryCrashSafetyTests {
    @Test("writers SIGKILLed at random moments over at least 1,000 writes: the history always parses, no confirmed entry lost or doubled")
    func sigkilledWriters() throws {
        let tool = try Repository.builtTool("history-stress")
        let folder = try TemporaryFolder("history-kill")
        defer { folder.remove() }
        let path = folder.file("history.json")
        let wanted = ReliabilityMode.full ? 5_000 : 1_000
        var confirmed: Set<String> = []
        var kills = 0
        var rounds = 0
        var checks = 0
        while confirmed.count < wanted || kills < 30, rounds < 500 {
            rounds += 1
            // A small, random journal limit makes writers fold into the document often, so
            // kills also land in the middle of a fold, not only in an append.
            let writers = try (0..<3).map { number in
                try ChildProcess(tool, ["append", "--history", path, "--count", "1000000", "--tag", "r\(rounds)w\(number)",
                                        "--journal-limit", "\(Int.random(in: 2...40))", "--print-ids"])
            }
            for writer in writers.shuffled() {
                usleep(UInt32.random(in: 2_000...90_000))
                writer.kill(SIGKILL)
                kills += 1
            }
            for writer in writers {
                let run = writer.finish()
                #expect(run.status == 128 + SIGKILL, "a writer ended by itself: \(run.stderr)")
                // An ID is printed once its append returned; a line cut by the kill is not confirmed.
                var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines.removeLast()
                confirmed.formUnion(lines.filter { !$0.isEmpty })
            }
            checks += 1
            try checkFiles(in: folder)
            let store = HistoryStore(path: path)
            let entries = try store.load()
            let ids = entries.map(\.entryId.uuidString)
            #expect(Set(ids).count == ids.count, "duplicated entries after round \(rounds)")
            let lost = confirmed.subtracting(ids)
            #expect(lost.isEmpty, "lost \(lost.count) confirmed entries after round \(rounds)")
            #expect(store.warnings.isEmpty, "\(store.warnings)")
            if !lost.isEmpty { break }
        }
        #expect(confirmed.count >= wanted)
        let total = try HistoryStore(path: path).load().count
        reportFigure("sigkilledWriters", "\(kills) SIGKILLs over \(confirmed.count) confirmed writes (\(total) entries on disk, in-flight ones included): "
            + "history parsed after \(checks)/\(checks) rounds, 0 lost, 0 duplicated; \(try orphanedTemporaryFiles(in: folder)) orphaned fold temp files")
    }

    /// The document parses as JSON, and every journal line but a torn last one parses too.
    private func checkFiles(in folder: TemporaryFolder) throws {
        if let document = FileManager.default.contents(atPath: folder.file("history.json")) {
            #expect((try? JSONSerialization.jsonObject(with: document)) != nil, "history.json does not parse")
        }
        if let journal = FileManager.default.contents(atPath: folder.file("history.journal.jsonl")) {
            var lines = journal.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if journal.last != UInt8(ascii: "\n") { lines.removeLast() }  // a torn last line is allowed
            for line in lines where !line.isEmpty {
                #expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil, "a whole journal line does not parse")
            }
        }
    }

    /// Temporary files of folds cut short by a kill (they hold no entry that is not also elsewhere).
    private func orphanedTemporaryFiles(in folder: TemporaryFolder) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }.count
    }
}
