import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue`, which Hummingbird does not do.
///
/// curl asks for it on every upload over 1 MiB and, unanswered, waits a second before it
/// sends the body. The interim answer is sent when the request head arrives, unless the
/// request will be refused without its body anyway: no `Authorization` (401) or a declared
/// length beyond the largest limit (413). Then the final answer comes first and the client
/// does not send the body at all.
final class ExpectContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The largest body any endpoint accepts.
    let maxBodyBytes: Int64

    init(maxBodyBytes: Int64) {
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(var head) = unwrapInboundIn(data),
           let expectation = head.headerFields[.expect], expectation.lowercased() == "100-continue" {
            head.headerFields[.expect] = nil
            let declaredLength = head.headerFields[.contentLength].flatMap { Int64($0) } ?? 0
            if head.headerFields[.authorization] != nil, declaredLength <= maxBodyBytes {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
    }
}
