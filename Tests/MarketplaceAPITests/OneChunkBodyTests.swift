import NIOCore
import Testing
@testable import MarketplaceAPI

/// The fetch's body: one chunk, and a flag that says the HTTP client asked for it (a cancel
/// after that may have reached Marketplace; before, it cannot have).
@Suite struct OneChunkBodyTests {
    @Test func itIsTakenOnlyOnceTheClientAsksForItAndEachAttemptAnew() async {
        let taken = LockedValue(false)
        let body = OneChunkBody(chunk: ByteBuffer(string: #"{"uri":"https://example.com/a.jar"}"#), taken: taken)
        var iterator = body.makeAsyncIterator()
        #expect(!taken.withLock { $0 }, "made, not asked for: nothing sent")
        #expect(await iterator.next() == ByteBuffer(string: #"{"uri":"https://example.com/a.jar"}"#))
        #expect(taken.withLock { $0 })
        #expect(await iterator.next() == nil, "one chunk")
        // Another attempt (a retry) iterates anew and gets the whole body again.
        var again = body.makeAsyncIterator()
        #expect(await again.next()?.readableBytes == 35)
    }
}
