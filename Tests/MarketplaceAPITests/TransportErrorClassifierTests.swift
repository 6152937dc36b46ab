import AsyncHTTPClient
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
@testable import MarketplaceAPI

/// What a transport failure says, in words rather than the HTTP stack's.
struct TransportErrorClassifierTests {
    let classifier = TransportErrorClassifier(host: "api.example.com", proxy: nil, connectTimeout: .seconds(10), idleTimeout: .seconds(60))

    private func message(_ error: any Error, bodyStarted: Bool = false, fileSent: Bool = false) -> String {
        classifier.classify(error, bodyStarted: bodyStarted, sentWhole: fileSent ? "the whole file" : nil).error.message
    }

    @Test("a channel closed on a queued upload after the idle timeout is the stall, nothing else is")
    func aChannelClosedOnAQueuedUploadIsTheStall() {
        let closed = ChannelError.ioOnClosedChannel
        #expect(MarketplaceClient.closedWithUploadQueued(closed, ended: true, idleFor: .seconds(60), idleTimeout: .seconds(60)))
        // Still sending (the watchdog's case), or closed sooner (a server's 413 and close), or another error.
        #expect(!MarketplaceClient.closedWithUploadQueued(closed, ended: false, idleFor: .seconds(61), idleTimeout: .seconds(60)))
        #expect(!MarketplaceClient.closedWithUploadQueued(closed, ended: true, idleFor: .seconds(2), idleTimeout: .seconds(60)))
        #expect(!MarketplaceClient.closedWithUploadQueued(ChannelError.connectTimeout(.seconds(1)), ended: true, idleFor: .seconds(61), idleTimeout: .seconds(60)))
        #expect(!MarketplaceClient.closedWithUploadQueued(HTTPClientError.remoteConnectionClosed, ended: true, idleFor: .seconds(61), idleTimeout: .seconds(60)))
    }

    @Test("a duration in a message, to the millisecond a --timeout has: never rounded, never 0.0 s")
    func durationText() {
        #expect(DurationText.describe(.seconds(60)) == "60 s")
        #expect(DurationText.describe(.milliseconds(2500)) == "2.5 s")
        #expect(DurationText.describe(.milliseconds(1)) == "0.001 s")
        #expect(DurationText.describe(.milliseconds(40)) == "0.04 s")
        #expect(DurationText.describe(.milliseconds(50)) == "0.05 s" && DurationText.describe(.milliseconds(99)) == "0.099 s")
        #expect(DurationText.describe(.milliseconds(1250)) == "1.25 s")
    }

    @Test("a SOCKS proxy that does not answer its handshake is named, not HTTPClientError's case")
    func aSocksHandshakeTimeoutIsNamedInWords() throws {
        let proxy = try ProxyEnvironment.parse("socks5://127.0.0.1:1080", name: "ALL_PROXY")
        let throughProxy = TransportErrorClassifier(host: "api.example.com", proxy: proxy, connectTimeout: .seconds(10), idleTimeout: .seconds(60))
        let text = throughProxy.classify(HTTPClientError.socksHandshakeTimeout, bodyStarted: false).error.message
        #expect(text.hasPrefix("The SOCKS proxy 127.0.0.1:1080 of ALL_PROXY did not answer its handshake within 10 s"), "\(text)")
        #expect(!text.contains("HTTPClientError"))
    }

    @Test("an HTTP proxy silent to CONNECT, a secure answer cut off and a certificate for another name, in words (not NIOSSL's or HTTPClientError's names)")
    func proxyAndTLSFailuresAreNamedInWords() throws {
        let proxy = try ProxyEnvironment.parse("http://127.0.0.1:3128", name: "https_proxy")
        let throughProxy = TransportErrorClassifier(host: "api.example.com", proxy: proxy, connectTimeout: .seconds(10), idleTimeout: .seconds(60))
        let silent = throughProxy.classify(HTTPClientError.httpProxyHandshakeTimeout, bodyStarted: false).error
        guard case .proxyFailed(let detail) = silent else { Issue.record("expected proxyFailed, got \(silent)"); return }
        #expect(detail == "The proxy 127.0.0.1:3128 of https_proxy did not answer CONNECT within 10 s: check that it is an HTTP proxy, and that it runs")
        #expect(message(NIOSSLError.uncleanShutdown, bodyStarted: true, fileSent: true)
            .hasPrefix("api.example.com closed the secure connection abruptly (its answer cut short) after the whole file was sent (Marketplace may have made the upload anyway)"))
        #expect(message(NIOSSLExtraError.failedToValidateHostname)
            .hasPrefix("Could not connect securely to api.example.com: its certificate is for another name than api.example.com (is the base URL's host the one the certificate names?)"))
    }

    @Test func aParserErrorIsNamedInWords() {
        #expect(message(HTTPParserError.invalidConstant).hasPrefix("api.example.com's answer is not HTTP (is the port or the base URL right?)."))
        #expect(message(HTTPParserError.invalidEOFState).hasPrefix("api.example.com's answer was cut short."))
        #expect(message(HTTPParserError.headerOverflow).hasPrefix("api.example.com's answer has headers too large to read."))
    }

    @Test func aFailureAfterTheWholeFileWasSentSaysMarketplaceMayHaveTheUpload() {
        let caveat = "after the whole file was sent (Marketplace may have made the upload anyway)"
        #expect(message(HTTPClientError.remoteConnectionClosed, bodyStarted: true, fileSent: true)
                .hasPrefix("api.example.com closed the connection after the whole file was sent, before answering (Marketplace may have made the upload anyway)"))
        #expect(message(HTTPClientError.readTimeout, bodyStarted: true, fileSent: true).hasPrefix("No answer from api.example.com within 60 s " + caveat))
        #expect(message(HTTPParserError.invalidEOFState, bodyStarted: true, fileSent: true).contains(caveat))
        // Cut off while sending, or before: no such caveat.
        #expect(message(HTTPClientError.remoteConnectionClosed, bodyStarted: true).hasPrefix("api.example.com closed the connection while the file was being sent."))
        #expect(message(HTTPClientError.remoteConnectionClosed).hasPrefix("api.example.com closed the connection before answering."))
        // A fetch's request, sent whole with its head: Marketplace may be fetching the file still.
        #expect(classifier.classify(HTTPClientError.readTimeout, bodyStarted: false, sentWhole: "the request").error.message
                .hasPrefix("No answer from api.example.com within 60 s after the request was sent (Marketplace may have made the upload anyway)"))
    }

    @Test("a server not reached before any byte is sent is unreachable (a batch stops); the same errno once sending began is not")
    func unreachableOnlyBeforeAnyByte() {
        let lost = IOError(errnoCode: EHOSTUNREACH, reason: "connect")
        guard case .unreachable = classifier.classify(lost, bodyStarted: false).error else { Issue.record("expected unreachable"); return }
        #expect(classifier.classify(lost, bodyStarted: false).retryable)
        let midUpload = classifier.classify(lost, bodyStarted: true, sentWhole: "the whole file")
        guard case .connectionFailed = midUpload.error else { Issue.record("expected connectionFailed, got \(midUpload.error)"); return }
        #expect(midUpload.error.message.contains("Marketplace may have made the upload anyway") && !midUpload.retryable)
    }

    @Test("a fetch's connection closed or reset once made may come after its request went: its failure says Marketplace may have it")
    func aFetchClosedOnceConnectedMayHaveBeenTaken() throws {
        var fetch = HTTPClientRequest(url: "https://api.example.com/marketplace/rest/3/artifacts/fetch")
        fetch.method = .POST
        let sent = MarketplaceClient.sentWhole(fetch, tracker: nil)
        #expect(sent == "the request")
        for failure: any Error in [HTTPClientError.remoteConnectionClosed, IOError(errnoCode: ECONNRESET, reason: "read"),
                                   IOError(errnoCode: ETIMEDOUT, reason: "read"), HTTPClientError.readTimeout, HTTPParserError.invalidEOFState] {
            #expect(classifier.classify(failure, bodyStarted: false, sentWhole: sent).error.message.contains("Marketplace may have made the upload anyway"),
                    "\(failure): a closed connection used to be taken as not sent, and --remove-failed removed the only trace")
        }
        // A connection that could not be made is no such failure; nor is a GET's (a lookup makes nothing).
        let refused = classifier.classify(IOError(errnoCode: ECONNREFUSED, reason: "connect"), bodyStarted: false, sentWhole: sent)
        guard case .unreachable = refused.error else { Issue.record("expected unreachable, got \(refused.error)"); return }
        #expect(!refused.error.message.contains("may have made") && refused.retryable)
        var lookup = fetch
        lookup.method = .GET
        #expect(MarketplaceClient.sentWhole(lookup, tracker: nil) == nil)
    }
}
