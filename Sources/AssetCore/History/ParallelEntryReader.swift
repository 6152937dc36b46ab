import Foundation

/// Reads a large `entries` array on several cores at once, straight into the final array.
///
/// The array is cut at line starts that begin an element (a `{` on a line after one
/// ending in `,`; raw newlines cannot occur inside JSON strings, so a newline is always
/// between tokens). First each piece counts its lines that start with `{` (one per entry
/// in the layout `HistoryFileFormat` writes), which gives every piece its place in the
/// result; then each piece is read on its own thread into that place, so no entry is
/// ever copied or moved afterwards. A piece must end exactly where the next one starts
/// and hold exactly the entries it counted, so a cut in the wrong place or a differently
/// laid-out file (a hand-edited one, say) is detected and the caller falls back to one
/// sequential read, which also gives any error its exact position. The result is the same
/// as the sequential read's.
enum ParallelEntryReader {
    /// Below this many bytes one thread is quicker than starting more.
    static let minimumBytes = 2 << 20
    /// The smallest piece worth a task of its own; there are a few pieces per core, so a
    /// core that is busy elsewhere does not hold everyone up.
    static let minimumPieceBytes = 1 << 20

    /// The entries, with `r` moved past the array's `]` and room in the array for
    /// `extraCapacity` more; `nil` (and `r` untouched) when the array is small, cannot be
    /// cut, or any piece fails to read.
    static func read(from r: inout JSONReader, extraCapacity: Int = 0) -> [HistoryEntry]? {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, r.peek() == UInt8(ascii: "[") else { return nil }
        let arrayStart = r.offset + 1
        let bytes = r.input.count - arrayStart
        guard bytes >= minimumBytes else { return nil }
        let starts = cuts(in: r.input, from: arrayStart, pieces: Swift.min(cores * 4, Swift.max(2, bytes / minimumPieceBytes)))
        guard starts.count > 1 else { return nil }
        let input = SendableBuffer(buffer: r.input)
        let ends: [Int?] = starts.dropFirst().map { $0 } + [nil]

        // One slot per piece, each written by exactly one thread.
        let counts = LockedValue([Int](repeating: 0, count: starts.count))
        DispatchQueue.concurrentPerform(iterations: starts.count) { piece in
            let count = elementLines(in: input.buffer, from: starts[piece], to: ends[piece] ?? input.buffer.count)
            counts.withLock { $0[piece] = count }
        }
        let expected = counts.withLock { $0 }
        // Where each piece's entries go in the result.
        let firstSlot = expected.indices.map { expected[..<$0].reduce(0, +) }
        let total = firstSlot.last! + expected.last!

        var arrayEnd: Int?
        let entries = [HistoryEntry](unsafeUninitializedCapacity: total + Swift.max(extraCapacity, 0)) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            let slots = SendablePointer(base: buffer.baseAddress)
            let results = LockedValue([PieceResult?](repeating: nil, count: starts.count))
            DispatchQueue.concurrentPerform(iterations: starts.count) { piece in
                let result = readPiece(input.buffer, from: starts[piece], to: ends[piece],
                                       into: slots.base.map { $0 + firstSlot[piece] }, capacity: expected[piece])
                results.withLock { $0[piece] = result }
            }
            let finished = results.withLock { $0 }
            if finished.indices.allSatisfy({ finished[$0]?.count == expected[$0] }) {
                initialized = total
                arrayEnd = finished.last!!.end
            } else {
                // Undo: every piece deinitializes what it wrote when it fails, so only the
                // pieces that succeeded hold entries.
                for (piece, result) in finished.enumerated() {
                    if let result, let base = slots.base { (base + firstSlot[piece]).deinitialize(count: result.count) }
                }
                initialized = 0
            }
        }
        guard let arrayEnd else { return nil }
        r = JSONReader(r.input, offset: arrayEnd)
        return entries
    }

    /// Asks for transparent huge pages for the whole 2 MiB pages inside `region` (the
    /// result's storage: ~50 MB at 100,000 entries), so that filling it takes one page
    /// fault per 2 MiB instead of one per 4 KiB. Only advice: without it nothing changes
    /// but the time.
    private static func adviseHugePages(_ region: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let base = region.baseAddress else { return }
        let hugePage = 2 << 20
        let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
        let end = (Int(bitPattern: base) + region.count) / hugePage * hugePage
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }

    /// Where each piece starts: the array's first byte, then up to `pieces - 1` element
    /// starts spread evenly.
    private static func cuts(in input: UnsafeBufferPointer<UInt8>, from arrayStart: Int, pieces: Int) -> [Int] {
        var cuts = [arrayStart]
        let span = (input.count - arrayStart) / pieces
        for piece in 1..<pieces {
            guard let cut = elementStart(in: input, from: Swift.max(arrayStart + piece * span, cuts.last! + 1)) else { break }
            cuts.append(cut)
        }
        return cuts
    }

    private struct PieceResult {
        /// Entries written.
        var count: Int
        /// Where the piece ended: the next piece's start, or just past the array's `]`.
        var end: Int
    }

    /// Reads the elements from `start` up to exactly `end` (or up to and past `]` for
    /// the last piece) into `slots`, which has room for `capacity` entries. `nil` on any
    /// error, misalignment or more entries than `capacity`, with nothing left initialized.
    private static func readPiece(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int?,
        into slots: UnsafeMutablePointer<HistoryEntry>?, capacity: Int
    ) -> PieceResult? {
        var r = JSONReader(input, offset: start)
        var strings = StringCache()
        var count = 0
        func finish(at offset: Int?) -> PieceResult? {
            guard let offset else {
                slots?.deinitialize(count: count)
                return nil
            }
            return PieceResult(count: count, end: offset)
        }
        if end == nil, r.consume(UInt8(ascii: "]")) { return finish(at: r.offset) }
        do throws(JSONReadError) {
            while true {
                let entry = try HistoryEntryCoding.read(from: &r, depth: 2, strings: &strings)
                guard count < capacity, let slots else { return finish(at: nil) }
                (slots + count).initialize(to: entry)
                count += 1
                if r.consume(UInt8(ascii: ",")) {
                    guard let end else { continue }
                    _ = r.peek()
                    if r.offset == end { return finish(at: end) }
                    if r.offset > end { return finish(at: nil) }
                    continue
                }
                guard end == nil, r.consume(UInt8(ascii: "]")) else { return finish(at: nil) }
                return finish(at: r.offset)
            }
        } catch {
            return finish(at: nil)
        }
    }

    /// The number of lines in `start..<end` whose first byte other than blanks is `{`:
    /// the number of elements, in the layout the history is written in.
    private static func elementLines(in input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let base = input.baseAddress!
        var count = 0
        var lineStart = start
        while lineStart < end {
            var first = lineStart
            while first < end, input[first] == 0x20 || input[first] == 0x09 || input[first] == 0x0D { first += 1 }
            if first < end, input[first] == UInt8(ascii: "{") { count += 1 }
            guard let found = memchr(base + first, Int32(UInt8(ascii: "\n")), end - first) else { break }
            lineStart = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    /// The offset of the first `{` at or after `from` that starts a line whose previous
    /// line ends in `,`; looks at most 1 MiB ahead.
    private static func elementStart(in input: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let base = input.baseAddress!
        var position = from
        let limit = Swift.min(input.count, from + (1 << 20))
        while position < limit, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), limit - position) {
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            position = newline + 1
            var before = newline - 1
            while before >= 0, input[before] == 0x20 || input[before] == 0x09 || input[before] == 0x0D { before -= 1 }
            guard before >= 0, input[before] == UInt8(ascii: ",") else { continue }
            var after = newline + 1
            while after < input.count, input[after] == 0x20 || input[after] == 0x09 || input[after] == 0x0D { after += 1 }
            if after < input.count, input[after] == UInt8(ascii: "{") { return after }
        }
        return nil
    }

    /// The input, shared read-only with the reading threads.
    private struct SendableBuffer: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// The result's storage, each piece writing only its own range of it.
    private struct SendablePointer: @unchecked Sendable {
        let base: UnsafeMutablePointer<HistoryEntry>?
    }
}
