import Foundation

/// Reads a large `entries` array on several cores at once.
///
/// The array is cut at line starts that begin an element (a `{` on a line after one
/// ending in `,`; raw newlines cannot occur inside JSON strings, so a newline is always
/// between tokens). Each piece is read on its own thread; a piece must end exactly where
/// the next one starts, so a cut in the wrong place (a hand-edited file with nested
/// arrays, say) is detected and the caller falls back to one sequential read, which also
/// gives any error its exact position. The result is the same as the sequential read's.
enum ParallelEntryReader {
    /// Below this many bytes one thread is quicker than starting more.
    static let minimumBytes = 2 << 20

    /// The entries, with `r` moved past the array's `]`; `nil` (and `r` untouched) when
    /// the array is small, cannot be cut, or any piece fails to read.
    static func read(from r: inout JSONReader) -> [HistoryEntry]? {
        let pieces = Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard pieces > 1, r.peek() == UInt8(ascii: "["), r.input.count - r.offset >= minimumBytes else { return nil }
        let arrayStart = r.offset + 1
        var cuts = [arrayStart]
        let span = (r.input.count - arrayStart) / pieces
        for piece in 1..<pieces {
            guard let cut = elementStart(in: r.input, from: Swift.max(arrayStart + piece * span, cuts.last! + 1)) else { break }
            cuts.append(cut)
        }
        guard cuts.count > 1 else { return nil }
        let starts = cuts

        let input = SendableBuffer(buffer: r.input)
        let results = ResultSlots(count: starts.count)
        DispatchQueue.concurrentPerform(iterations: starts.count) { piece in
            let end = piece + 1 < starts.count ? starts[piece + 1] : nil
            results.store(readPiece(input.buffer, from: starts[piece], to: end), at: piece)
        }
        let finished = results.take()
        guard finished.allSatisfy({ $0 != nil }) else { return nil }
        let total = finished.reduce(0) { $0 + $1!.entries.count }
        let arrayEnd = finished.last!!.end
        // Move the entries into one array instead of copying them (a copy would retain,
        // and freeing the pieces release, every string of 100,000 entries).
        let entries = [HistoryEntry](unsafeUninitializedCapacity: total) { buffer, initialized in
            var offset = 0
            for piece in finished {
                offset += piece!.entries.moveAll(to: buffer.baseAddress! + offset)
            }
            initialized = offset
        }
        r = JSONReader(r.input, offset: arrayEnd)
        return entries
    }

    private struct Piece {
        var entries: EntryBuffer
        var end: Int
    }

    /// Entries in memory managed by hand, so that they can be moved into the final
    /// array without a copy. Written by one thread, then read by the caller.
    private final class EntryBuffer: @unchecked Sendable {
        private var base: UnsafeMutablePointer<HistoryEntry>
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        func append(_ entry: HistoryEntry) {
            if count == capacity {
                let larger = UnsafeMutablePointer<HistoryEntry>.allocate(capacity: capacity * 2)
                larger.moveInitialize(from: base, count: count)
                base.deallocate()
                base = larger
                capacity *= 2
            }
            (base + count).initialize(to: entry)
            count += 1
        }

        /// Moves every entry to `destination` (uninitialized memory); returns how many.
        func moveAll(to destination: UnsafeMutablePointer<HistoryEntry>) -> Int {
            let moved = count
            destination.moveInitialize(from: base, count: moved)
            count = 0
            return moved
        }
    }

    /// Reads the elements from `start` up to exactly `end` (or up to and past `]` for
    /// the last piece). `nil` on any error or misalignment.
    private static func readPiece(_ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int?) -> Piece? {
        var r = JSONReader(input, offset: start)
        var strings = StringCache()
        // Room for as many entries as the bytes could hold (an entry line is rarely under
        // 200 bytes), so that the buffer rarely grows; untouched room costs nothing.
        let entries = EntryBuffer(capacity: ((end ?? input.count) - start) / 200 + 1)
        do throws(JSONReadError) {
            if end == nil, r.consume(UInt8(ascii: "]")) { return Piece(entries: entries, end: r.offset) }
            while true {
                entries.append(try HistoryEntryCoding.read(from: &r, depth: 2, strings: &strings))
                if r.consume(UInt8(ascii: ",")) {
                    guard let end else { continue }
                    _ = r.peek()
                    if r.offset == end { return Piece(entries: entries, end: end) }
                    if r.offset > end { return nil }
                    continue
                }
                guard end == nil, r.consume(UInt8(ascii: "]")) else { return nil }
                return Piece(entries: entries, end: r.offset)
            }
        } catch {
            return nil
        }
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

    /// One result slot per piece, each written by exactly one thread.
    private final class ResultSlots: @unchecked Sendable {
        private var slots: [Piece?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ piece: Piece?, at index: Int) {
            lock.lock()
            slots[index] = piece
            lock.unlock()
        }

        /// The results, moved out (so that each piece's array is referenced once).
        func take() -> [Piece?] {
            lock.lock()
            defer { lock.unlock() }
            var taken: [Piece?] = []
            swap(&taken, &slots)
            return taken
        }
    }
}
