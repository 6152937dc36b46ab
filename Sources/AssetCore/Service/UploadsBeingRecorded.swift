import AssetInspection
import Foundation
import MarketplaceAPI

/// Uploads Marketplace has made whose history entry is being written (a write that may wait
/// up to 30 s for another process's lock), and those whose write then failed: what a process
/// that must end at once (a second Ctrl-C, the TUI quitting) says on its way out, so that an ID
/// Marketplace gave is never lost unsaid.
public enum UploadsBeingRecorded {
    private static let state = LockedValue<(writing: [UUID: HistoryEntry], failed: [UUID: HistoryEntry])>(([:], [:]))

    /// Runs `write` (the history write of `entry`, an upload Marketplace has made) as one being recorded.
    static func recording<T>(_ entry: HistoryEntry, _ write: () throws(AssetError) -> T) throws(AssetError) -> T {
        state.withLock { $0.writing[entry.entryId] = entry }
        do {
            let result = try write()
            state.withLock { $0.writing[entry.entryId] = nil }
            return result
        } catch {
            state.withLock { $0.writing[entry.entryId] = nil; $0.failed[entry.entryId] = entry }
            throw error
        }
    }

    /// The uploads being written to the history now.
    public static var writing: [HistoryEntry] { state.withLock { Array($0.writing.values) } }

    /// The longest a write takes to end: it gives up waiting for another process's lock after
    /// `FileLock.timeout`.
    public static var longestWrite: Duration { FileLock.timeout + .seconds(5) }

    /// The uploads whose write has not ended, or failed: those the history may lack.
    public static var unrecorded: [HistoryEntry] {
        state.withLock { state in Array(state.writing.values) + Array(state.failed.values) }
    }

    /// What a line says of one: `Marketplace has made image img-… (icon.png)`, or, for an upload
    /// interrupted before the answer, `Marketplace may have made artifact app.jar`.
    public static func describe(_ entry: HistoryEntry) -> String {
        SafeText.oneLine(entry.id.map { "Marketplace has made \(entry.kind.rawValue) \($0) (\(entry.name))" }
            ?? "Marketplace may have made \(entry.kind.rawValue) \(entry.name)")
    }

    /// Waits until no write is under way, or `longestWrite` has passed.
    public static func waitForWrites() async {
        let deadline = ContinuousClock.now + longestWrite
        while !writing.isEmpty, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
    }
}
