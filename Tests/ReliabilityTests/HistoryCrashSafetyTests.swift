import AssetCore
import Foundation
import Testing
import TestSupport

/// The history under writers killed with SIGKILL at random moments: whatever the moment,
/// the file parses, every entry whose append had returned is there, and no temporary file
/// outlives the next write.
@Suite("History crash safety", .serialized, .ownThreads)
struct HistoryCrashSafetyTests {
    /// What one round of killed writers printed and how they ended.
    struct Round: Sendable {
        var confirmedIDs: [String] = []
        var statuses: [Int32] = []
        var errors: [String] = []
    }

    @Test("writers SIGKILLed at random moments over at least 1,000 writes: the history always parses, no confirmed entry lost or doubled, no temporary file left")
    func sigkilledWriters() async throws {
        let tool = try Repository.builtTool("history-stress")
        let folder = try TemporaryFolder("history-kill")
        defer { folder.remove() }
        var path = folder.file("history.json")
        let wanted = ReliabilityMode.full ? 3_000 : 1_000
        // Kill moments from 2 ms (often before the first write) to the longest delay.
        let longestDelay: UInt32 = ReliabilityMode.full ? 200_000 : 90_000
        var confirmed: Set<String> = []
        var confirmedBefore = 0
        var kills = 0
        var rounds = 0
        var temporaryFiles = 0
        while confirmedBefore + confirmed.count < wanted || kills < 30, rounds < 5_000 {
            rounds += 1
            // A fresh file every 250 confirmed writes keeps each write quick in a debug build.
            if confirmed.count >= 250 {
                confirmedBefore += confirmed.count
                confirmed = []
                path = folder.file("history-\(rounds).json")
            }
            let round = try await offThePool { [rounds, path] in try Self.killWriters(tool: tool, path: path, round: rounds, longestDelay: longestDelay) }
            kills += round.statuses.count
            for (status, errors) in zip(round.statuses, round.errors) {
                #expect(status == 128 + SIGKILL, "a writer ended by itself: \(errors)")
            }
            confirmed.formUnion(round.confirmedIDs)
            try Self.checkFiles(in: folder)
            let store = HistoryStore(path: path)
            var ids = try store.load().map(\.entryId.uuidString)
            #expect(Set(ids).count == ids.count, "duplicated entries after round \(rounds)")
            let lost = confirmed.subtracting(ids)
            #expect(lost.isEmpty, "lost \(lost.count) confirmed entries after round \(rounds)")
            #expect(store.warnings.isEmpty, "\(store.warnings)")
            if !lost.isEmpty { break }
            // A writer killed between writing its temporary file and renaming it leaves the
            // file behind; the next write removes it.
            temporaryFiles += try Self.temporaryFiles(in: folder)
            let next = try ChildProcess(tool, ["append", "--history", path, "--count", "1", "--tag", "next\(rounds)", "--print-ids"]).finish()
            #expect(next.status == 0, "\(next.stderr)")
            confirmed.formUnion(next.stdout.split(separator: "\n").map(String.init))
            #expect(try Self.temporaryFiles(in: folder) == 0, "a temporary file outlived the next write in round \(rounds)")
            ids = try store.load().map(\.entryId.uuidString)
            #expect(confirmed.isSubset(of: ids))
        }
        #expect(confirmedBefore + confirmed.count >= wanted)
        reportFigure("sigkilledWriters", "\(kills) SIGKILLs over \(confirmedBefore + confirmed.count) confirmed writes: "
            + "history parsed after \(rounds)/\(rounds) rounds, 0 lost, 0 duplicated; \(temporaryFiles) temporary files of killed writers, each removed by the next write")
    }

    /// Starts three writers and kills each at its own random moment (blocking: run it off the pool).
    private static func killWriters(tool: String, path: String, round: Int, longestDelay: UInt32) throws -> Round {
        let writers = try (0..<3).map { number in
            try ChildProcess(tool, ["append", "--history", path, "--count", "1000000", "--tag", "r\(round)w\(number)", "--print-ids"])
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

    /// Every history file in the folder parses as JSON.
    private static func checkFiles(in folder: TemporaryFolder) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let document = try #require(FileManager.default.contents(atPath: folder.file(name)))
            #expect((try? JSONSerialization.jsonObject(with: document)) != nil, "\(name) does not parse")
        }
    }

    /// Temporary files of writes cut short by a kill.
    private static func temporaryFiles(in folder: TemporaryFolder) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }.count
    }
}
