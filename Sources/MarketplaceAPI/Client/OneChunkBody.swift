import NIOCore

/// A request body of one chunk, in memory, that says when the HTTP client took it: after the
/// request's head was written (async-http-client asks for the body once the head is sent). A
/// POST cancelled after that may have reached Marketplace (a fetch's request is a few hundred
/// bytes, written at once). `taken` is set as the chunk is handed over, a moment before it is
/// written: a cancel in between counts as sent, which errs towards keeping the attempt.
struct OneChunkBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let chunk: ByteBuffer
    let taken: LockedValue<Bool>

    struct AsyncIterator: AsyncIteratorProtocol {
        var chunk: ByteBuffer?
        let taken: LockedValue<Bool>

        mutating func next() async -> ByteBuffer? {
            guard let chunk else { return nil }
            self.chunk = nil
            taken.withLock { $0 = true }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunk: chunk, taken: taken) }
}
