import AssetCore
import AssetInspection

extension HistoryCommand {
    /// `history --merge FILE`: takes in the entries of another history file under the lock
    /// every writer takes, and lists those added or replaced by a copy refreshed later (with
    /// `--json`, as JSON); the file itself is left as it is.
    func mergeEntries(from source: String, into store: HistoryStore, server: String) throws {
        let (added, refreshed, offered) = try store.merge(from: source)
        if !(added.isEmpty && refreshed.isEmpty) { Console.doneAllTheSame.withLock { $0 = "the merge was made all the same" } }
        let taken = (added + refreshed).sorted { $0.createdAt > $1.createdAt }
        if json {
            JSONOutput.printHistory(taken)
            return
        }
        let name = SafeText.oneLine(source)
        guard !taken.isEmpty else {
            Console.out(offered == 0 ? "Nothing to merge: \(name) holds no entries." : "Nothing to merge: the history holds every entry of \(name) already, as recently refreshed.")
            return
        }
        let counts = [added.isEmpty ? nil : "\(added.count) added", refreshed.isEmpty ? nil : "\(refreshed.count) refreshed since"]
        Console.out("Merged \(name) into the history (\(counts.compactMap { $0 }.joined(separator: ", ")); \(name) itself was left as it is):")
        let otherServers = taken.contains { ServerURL.normalized($0.serverURL) != server }
        HistoryTable.lines(taken, width: Console.width, withServer: otherServers).forEach(Console.out)
    }
}
