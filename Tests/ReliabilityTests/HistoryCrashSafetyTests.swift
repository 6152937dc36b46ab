import AssetCore
import Foundation
import Testing
import TestSupport

/// The history under writers killed with SIGKILL at random moments: whatever the moment,
/// the files parse and every entry whose append had returned is there.
@Suite("History crash safety", .serialized)
struct HistoryCrashSafetyTests {
    /// What one round of killed writers printed and how they ended.
    struct Round: Sendable {
        var confirmedIDs: [String] = []
        var statuses: [Int32] = []
        var errors: [String] = []
    }

    @Test("writers SIGKILLed at random moments over at least 1,000 writes: the history always parses, no confirmed entry lost or doubled")
    func sigkilledWriters() async throws {
        let tool = try Repository.builtTool("history-stress")
        let folder = try TemporaryFolder("history-kill")
        defer { folder.remove() }
        let path = folder.file("history.json")
        let wanted = ReliabilityMode.full ? 3_000 : 1_000
        // Kill moments from 2 ms (often before the first write) to the longest delay.
        let longestDelay: UInt32 = ReliabilityMode.full ? 200_000 : 90_000
        var confirmed: Set<String> = []
        var kills = 0
        var rounds = 0
        while confirmed.count < wanted || kills < 30, rounds < 5_000 {
            rounds += 1
            let round = try await offThePool { [rounds] in try Self.killWriters(tool: tool, path: path, round: rounds, longestDelay: longestDelay) }
            kills += round.statuses.count
            for (status, errors) in zip(round.statuses, round.errors) {
                #expect(status == 128 + SIGKILL, "a writer ended by itself: \(errors)")
            }
            confirmed.formUnion(round.confirmedIDs)
            try Self.checkFiles(in: folder)
            let store = HistoryStore(path: path)
            let ids = try store.load().map(\.entryId.uuidString)
            #expect(Set(ids).count == ids.count, "duplicated entries after round \(rounds)")
            let lost = confirmed.subtracting(ids)
            #expect(lost.isEmpty, "lost \(lost.count) confirmed entries after round \(rounds)")
            #expect(store.warnings.isEmpty, "\(store.warnings)")
            if !lost.isEmpty { break }
        }
        #expect(confirmed.count >= wanted)
        let total = try HistoryStore(path: path).load().count
        reportFigure("sigkilledWriters", "\(kills) SIGKILLs over \(confirmed.count) confirmed writes (\(total) entries on disk, in-flight ones included): "
            + "history parsed after \(rounds)/\(rounds) rounds, 0 lost, 0 duplicated; \(try Self.orphanedTemporaryFiles(in: folder)) orphaned fold temp files")
    }

    /// Starts three writers and kills each at its own random moment (blocking: run it off the pool).
    private static func killWriters(tool: String, path: String, round: Int, longestDelay: UInt32) throws -> Round {
        // A small, random journal limit makes writers fold into the document often, so
        // kills also land in the middle of a fold, not only in an append.
        let writers = try (0..<3).map { number in
            try ChildProcess(tool, ["append", "--history", path, "--count", "1000000", "--tag", "r\(round)w\(number)",
                                    "--journal-limit", "\(Int.random(in: 2...40))", "--print-ids"])
        }
        for writer in writers.shuffled() {
            usleep(UInt32.random(in: 2_000...longestDelay))
            writer.kill(SIGKILL)
        }
        var result = Round()
        for writer in writers {
            let run = writer.finish()
            result.statuses.append(run.status)
            result.errors.append(run.stderr)
            // An ID is printed once its append returned; a line cut by the kill is not confirmed.
            var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.removeLast()
            result.confirmedIDs += lines.filter { !$0.isEmpty }
        }
        return result
    }

    /// The document parses as JSON, and every journal line but a torn last one parses too.
    private static func checkFiles(in folder: TemporaryFolder) throws {
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
    private static func orphanedTemporaryFiles(in folder: TemporaryFolder) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }.count
    }
}
