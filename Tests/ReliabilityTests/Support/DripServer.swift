import Foundation
import NIOCore
import NIOPosix

/// A loopback HTTP server that reads each request whole (head and `Content-Length` body) and
/// then sends its answer one byte at a time: a slow drip that ends, or one that never does.
/// It can also answer 401 with the request's credentials in the message, as a careless
/// server might.
final class DripServer: Sendable {
    enum Answer: Sendable {
        /// `bytes` (a whole HTTP response), one byte every `every`, then the connection closes.
        case drip([UInt8], every: TimeAmount)
        /// `head`, then a space every `every` for as long as the client stays.
        case endless(head: [UInt8], every: TimeAmount)
        /// 401 whose JSON message repeats the `Authorization` header, as sent and decoded.
        case echoAuthorization
    }

    private let channel: Channel
    let port: Int
    let log: Log

    /// What the server saw.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var _requests = 0
        private var _open = 0
        var requests: Int { lock.withLock { _requests } }
        /// Connections that sent a request and that the client has not closed yet. (A
        /// connection that never sent one is not counted: on a shared test machine, another
        /// test may knock on a port it believes closed.)
        var openConnections: Int { lock.withLock { _open } }
        func request() { lock.withLock { _requests += 1; _open += 1 } }
        func closed() { lock.withLock { _open -= 1 } }
    }

    private init(channel: Channel, log: Log) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.log = log
    }

    var baseURL: String { "http://127.0.0.1:\(port)/marketplace" }

    /// Its own event loop, so that its view of a connection never waits on the shared one.
    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static func start(_ answer: Answer) async throws -> DripServer {
        let log = Log()
        let channel = try await ServerBootstrap(group: Self.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DripHandler(answer: answer, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return DripServer(channel: channel, log: log)
    }

    func stop() async {
        try? await channel.close()
    }

    /// An HTTP/1.1 response with a JSON body and an exact `Content-Length`.
    static func response(status: Int = 200, json: String) -> [UInt8] {
        let body = Array(json.utf8)
        return Array("HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body
    }
}

private final class DripHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let answer: DripServer.Answer
    private let log: DripServer.Log
    private var received: [UInt8] = []
    private var answering = false

    init(answer: DripServer.Answer, log: DripServer.Log) {
        self.answer = answer
        self.log = log
    }

    func channelInactive(context: ChannelHandlerContext) {
        if answering { log.closed() }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answering else { return }
        received += unwrapInboundIn(data).readableBytesView
        guard let headEnd = received.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound else { return }
        let requestHead = String(decoding: received[..<headEnd], as: UTF8.self)
        let head = requestHead.lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        guard received.count - headEnd >= length else { return }
        answering = true
        log.request()
        switch answer {
        case .drip(let bytes, let every):
            drip(bytes[...], every: every, context: context)
        case .endless(let head, let every):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: head)), promise: nil)
            dripForever(every: every, context: context)
        case .echoAuthorization:
            let authorization = requestHead.split(separator: "\r\n")
                .first { $0.lowercased().hasPrefix("authorization:") }
                .map { $0.dropFirst("authorization:".count).trimmingCharacters(in: .whitespaces) } ?? ""
            let decoded = Data(base64Encoded: String(authorization.dropFirst("Basic ".count))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let message = "no account for \(decoded); you sent Authorization: \(authorization)"
            let json = String(decoding: try! JSONSerialization.data(withJSONObject: ["message": message]), as: UTF8.self)
            drip(DripServer.response(status: 401, json: json)[...], every: .zero, context: context)
        }
    }

    private func drip(_ bytes: ArraySlice<UInt8>, every: TimeAmount, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard let first = bytes.first else {
            context.close(promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: [first])), promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: every) { [self] in
            drip(bytes.dropFirst(), every: every, context: context)
        }
    }

    private func dripForever(every: TimeAmount, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: [UInt8(ascii: " ")])), promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: every) { [self] in
            dripForever(every: every, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
