import AssetCore
import AssetInspection
import Foundation

/// What is said on stderr, once the screen is gone, of entries an undo (`u`) could not put
/// back: each by its name and ID (an attempt that got none, by its entryId), then for each
/// history file a history document holding them and the command that takes them back.
enum NotPutBackReport {
    /// Writes the report for `removals` (several of one history file make one document) and
    /// returns how many entries it names.
    static func write(_ removals: [RemovedEntries]) -> Int {
        let files = removals.reduce(into: [RemovedEntries]()) { files, removal in
            if let index = files.firstIndex(where: { $0.historyPath == removal.historyPath }) { files[index].entries += removal.entries } else { files.append(removal) }
        }
        for file in files {
            for entry in file.entries {
                let entryId = entry.id == nil ? " (entryId \(entry.entryId.uuidString))" : ""
                StandardError.write("error: not put back in the history: \(HistoryRemoval(entries: [entry]).label)\(entryId)\n")
            }
            // The document as JSON that means the same, with no control a file name could hold left raw.
            StandardError.write("marketplace-assets: the undo (u) could not write them; the history below holds them: saved as FILE, "
                + "`marketplace-assets --history \(SafeText.shellWord(file.historyPath)) history --merge FILE` puts them back\n"
                + SafeText.escapingTerminalControls(HistoryStore.document(of: file.entries)))
        }
        return files.reduce(0) { $0 + $1.entries.count }
    }
}
