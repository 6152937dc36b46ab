import AssetCore
import Foundation
import MarketplaceAPI
import Testing
import TestSupport

/// A history in a folder a sync client keeps in step (Syncthing, Dropbox): the client replaces
/// the lock file with another machine's copy whenever it likes, and writers still take turns.
@Suite("History in a synced folder", .serialized, .ownThreads)
struct HistorySyncedFolderTests {
    @Test("three writers while the lock file is replaced every millisecond: every append that returned is in the history, once")
    func aLockFileReplacedUnderWritersLosesNothing() async throws {
        let tool = try Repository.builtTool("history-stress")
        let folder = try TemporaryFolder("history-synced")
        defer { folder.remove() }
        chmod(folder.path, 0o700)  // a synced folder of one's own: its writers lock it too
        let path = folder.file("history.json")
        let perWriter = ReliabilityMode.full ? 200 : 60
        let stop = LockedValue(false)
        let replacements = LockedValue(0)
        // What a sync client does with another machine's lock file: a new empty file renamed over it.
        let sync = Thread {
            let copy = folder.file(".history.json.lock.sync")
            while !stop.withLock({ $0 }) {
                if FileManager.default.createFile(atPath: copy, contents: nil), rename(copy, path + ".lock") == 0 {
                    replacements.withLock { $0 += 1 }
                }
                usleep(1_000)
            }
        }
        sync.start()
        let runs = try await offThePool {
            let writers = try (0..<3).map { number in
                try ChildProcess(tool, ["append", "--history", path, "--count", "\(perWriter)", "--tag", "w\(number)", "--print-ids"])
            }
            return writers.map { $0.finish() }
        }
        stop.withLock { $0 = true }
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let confirmed = runs.flatMap { $0.stdout.split(separator: "\n").map(String.init) }
        let ids = try HistoryStore(path: path).load().map(\.entryId.uuidString)
        #expect(confirmed.count == 3 * perWriter)
        #expect(Set(ids).count == ids.count, "duplicated entries")
        #expect(Set(confirmed).subtracting(ids).isEmpty, "lost \(Set(confirmed).subtracting(ids).count) of \(confirmed.count) appends that returned")
        #expect(replacements.withLock { $0 } > 10, "the lock file was replaced while they wrote")
    }
}
