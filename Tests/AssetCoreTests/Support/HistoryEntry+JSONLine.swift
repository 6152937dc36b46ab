@testable import AssetCore

extension HistoryEntry {
    /// The entry as one line of the history file, as a write encodes it (for documents and
    /// old journals made by hand in tests).
    var jsonLine: [UInt8] {
        var w = JSONWriter(reservingCapacity: 1024)
        write(to: &w, lean: true)
        return w.bytes
    }
}
