@testable import AssetCore

extension HistoryEntry {
    /// The entry as one line of the history file, as a write encodes it (for documents and
    /// old journals made by hand in tests).
    var jsonLine: [UInt8] {
        var w = JSONWriter(reservingCapacity: 1024)
        write(to: &w, lean: true)
        return w.bytes
    }

    /// Reads one entry from JSON as `HistoryEntry.json(_:)`, `prettyJSON` or the history file write it.
    init(json: String) throws {
        var text = json
        self = try text.withUTF8 { input throws in
            var r = JSONReader(input)
            let entry = try Self.read(from: &r, depth: 0)
            if r.peek() != nil { throw r.error("unexpected text after the entry") }
            return entry
        }
    }
}
