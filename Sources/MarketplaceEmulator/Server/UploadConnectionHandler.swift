import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Two things Hummingbird does not do for uploads, done on the connection itself.
///
/// **`Expect: 100-continue`.** curl asks for it on every upload over 1 MiB and, unanswered,
/// waits a second before it sends the body. The interim `100 Continue` is sent when the
/// request head arrives, unless the request will be refused without its body anyway: no
/// `Authorization` (401) or a declared length beyond the largest limit (413). Then the final
/// answer comes first and the client does not send the body at all.
///
/// **A bounded drain after an early refusal.** When the emulator answers with an error (413
/// over a size limit, 401, …) before the request body has ended, Hummingbird reads and drops
/// the rest of the body to keep the connection usable. curl and AsyncHTTPClient stop sending
/// when they see the answer; a client that keeps streaming (a chunked body has no declared
/// end) is cut off after `drainAllowance` more bytes instead of being read forever.
final class UploadConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The largest body any endpoint accepts.
    let maxBodyBytes: Int64
    /// Bytes of a refused request's body read after the refusal before the connection is closed.
    let drainAllowance: Int

    private var requestBodyInProgress = false
    private var refusedEarly = false
    /// What is left of the allowance once a refusal has been answered; nil before that.
    private var drainRemaining: Int?

    init(maxBodyBytes: Int64, drainAllowance: Int = 8 * 1024 * 1024) {
        self.maxBodyBytes = maxBodyBytes
        self.drainAllowance = drainAllowance
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            requestBodyInProgress = true
            refusedEarly = false
            drainRemaining = nil
            if let expectation = head.headerFields[.expect], expectation.lowercased() == "100-continue" {
                head.headerFields[.expect] = nil
                let declaredLength = head.headerFields[.contentLength].flatMap { Int64($0) } ?? 0
                if head.headerFields[.authorization] != nil, declaredLength <= maxBodyBytes {
                    context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
                }
                context.fireChannelRead(wrapInboundOut(.head(head)))
                return
            }
        case .body(let buffer):
            if var remaining = drainRemaining {
                remaining -= buffer.readableBytes
                drainRemaining = remaining
                if remaining < 0 {
                    context.close(promise: nil)
                    return
                }
            }
        case .end:
            requestBodyInProgress = false
            drainRemaining = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 400 && requestBodyInProgress:
            refusedEarly = true
        case .end where refusedEarly && requestBodyInProgress:
            drainRemaining = drainAllowance
        default:
            break
        }
        context.write(data, promise: promise)
    }
}
