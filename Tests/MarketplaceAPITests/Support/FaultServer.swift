import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server scripted per request, for testing the client against faults:
/// answers of any status, answers that never come, connections dropped mid-upload, a server
/// that stops reading, a server that reads slowly.
///
/// Every request is recorded (method, URI, headers, the body bytes received), so tests can
/// check what actually went over the wire.
final class FaultServer: Sendable {
    /// What the server does with one request.
    enum Behavior: Sendable {
        /// Read the whole body, then answer.
        case respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// Close the connection once this many body bytes have arrived (no answer).
        case dropAfterBodyBytes(Int)
        /// Stop reading after the request head; never answer.
        case stopReading
        /// Read the whole body; never answer.
        case neverAnswer
        /// Read the whole body, then answer after `delay` (a server still storing the file).
        case respondAfter(TimeAmount, Response)
        /// Read the body a few KiB at a time, then answer; with `for`, only for that long, then at
        /// full speed (what the sockets' buffers took is then read at once, whatever their size).
        case readSlowly(bytesPerRead: Int, every: TimeAmount, for: TimeAmount? = nil, then: Response)
    }

    /// An answer, for behaviours that answer after something else.
    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    /// A request as the server saw it.
    struct RecordedRequest: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]
        /// Whether the request's end arrived (the whole body).
        var complete: Bool
        /// Whether the connection closed before the request's end.
        var closedEarly: Bool

        /// All values of the header `name` (case-insensitive).
        func header(_ name: String) -> [String] {
            headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
        }
    }

    private let state: State
    private let channel: Channel
    let port: Int

    private init(state: State, channel: Channel) {
        self.state = state
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    /// The base URL to configure a client with (with a path prefix, as the real one has).
    var baseURL: String { "http://127.0.0.1:\(port)/marketplace" }

    /// The requests received so far, in order of arrival.
    var requests: [RecordedRequest] { state.requests() }

    /// Starts a server whose `n`th request (0-based) gets `script(n)`.
    static func start(_ script: @escaping @Sendable (Int) -> Behavior) async throws -> FaultServer {
        let state = State(script: script)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                state.track(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FaultHandler(state: state))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        return FaultServer(state: state, channel: channel)
    }

    /// Starts a server that gives every request the same behaviour.
    static func start(always behavior: Behavior) async throws -> FaultServer {
        try await start { _ in behavior }
    }

    /// Starts a server that plays `behaviors` in order (the last one repeats).
    static func start(_ behaviors: [Behavior]) async throws -> FaultServer {
        try await start { index in behaviors[Swift.min(index, behaviors.count - 1)] }
    }

    /// Waits (up to 10 s) until the server has seen `count` connections close early or complete.
    func waitForRequestsToSettle(count: Int = 1) async {
        for _ in 0..<1000 {
            let settled = requests.filter { $0.complete || $0.closedEarly }.count
            if settled >= count { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Closes the listening socket and every connection.
    func stop() async {
        try? await channel.close()
        for child in state.channels() {
            try? await child.close()
        }
    }

    // MARK: Shared state

    final class State: @unchecked Sendable {
        private let lock = NSLock()
        private let script: @Sendable (Int) -> Behavior
        private var recorded: [RecordedRequest] = []
        private var children: [Channel] = []

        init(script: @escaping @Sendable (Int) -> Behavior) { self.script = script }

        func track(_ channel: Channel) { lock.withLock { children.append(channel) } }
        func channels() -> [Channel] { lock.withLock { children } }
        func requests() -> [RecordedRequest] { lock.withLock { recorded } }

        /// Records a new request head; returns its index and what to do with it.
        func begin(_ head: HTTPRequestHead) -> (Int, Behavior) {
            let index = lock.withLock {
                recorded.append(
                    RecordedRequest(
                        method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                        body: [], complete: false, closedEarly: false
                    )
                )
                return recorded.count - 1
            }
            return (index, script(index))
        }

        func append(_ bytes: ByteBuffer, to index: Int) {
            lock.withLock { recorded[index].body.append(contentsOf: bytes.readableBytesView) }
        }

        func bodyCount(_ index: Int) -> Int { lock.withLock { recorded[index].body.count } }

        func complete(_ index: Int) { lock.withLock { recorded[index].complete = true } }

        func closed(_ index: Int) {
            lock.withLock { if !recorded[index].complete { recorded[index].closedEarly = true } }
        }
    }
}

/// Plays a ``FaultServer/Behavior`` on one connection.
private final class FaultHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FaultServer.State
    private var current: (index: Int, behavior: FaultServer.Behavior)?
    private var dropped = false

    init(state: FaultServer.State) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !dropped else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            let (index, behavior) = state.begin(head)
            current = (index, behavior)
            switch behavior {
            case .stopReading:
                context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            case .readSlowly(let bytesPerRead, let interval, let duration, _):
                context.channel.setOption(ChannelOptions.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: bytesPerRead))
                    .whenComplete { _ in }
                context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
                scheduleSlowRead(context: context, every: interval, until: duration.map { .now() + $0 })
            default:
                break
            }
        case .body(let buffer):
            guard let current else { return }
            state.append(buffer, to: current.index)
            if case .dropAfterBodyBytes(let limit) = current.behavior, state.bodyCount(current.index) >= limit {
                dropped = true
                context.close(promise: nil)
            }
        case .end:
            guard let current else { return }
            state.complete(current.index)
            switch current.behavior {
            case .respond(let status, let headers, let body):
                respond(context: context, FaultServer.Response(status: status, headers: headers, body: body))
            case .readSlowly(_, _, _, let response):
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
                respond(context: context, response)
            case .respondAfter(let delay, let response):
                context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [weak self] in
                    guard let self, !self.dropped, context.channel.isActive else { return }
                    self.respond(context: context, response)
                }
            case .dropAfterBodyBytes:
                dropped = true
                context.close(promise: nil)
            case .stopReading, .neverAnswer:
                break
            }
            self.current = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let current { state.closed(current.index) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func scheduleSlowRead(context: ChannelHandlerContext, every interval: TimeAmount, until deadline: NIODeadline?) {
        context.eventLoop.assumeIsolated().scheduleTask(in: interval) { [weak self] in
            guard let self, self.current != nil, !self.dropped, context.channel.isActive else { return }
            if let deadline, deadline <= .now() {
                context.channel.setOption(ChannelOptions.recvAllocator, value: AdaptiveRecvByteBufferAllocator()).whenComplete { _ in }
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
                return
            }
            context.read()
            self.scheduleSlowRead(context: context, every: interval, until: deadline)
        }
    }

    private func respond(context: ChannelHandlerContext, _ response: FaultServer.Response) {
        var headers = HTTPHeaders(response.headers)
        if !headers.contains(name: "Content-Length") { headers.add(name: "Content-Length", value: String(response.body.count)) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
