import MarketplaceAPI
import Testing
@testable import AssetCore

@Suite("Failure kinds")
struct FailureKindTests {
    @Test("A connection lost or silent before the whole request went is retryable `connection`; after it, `no-answer`: Marketplace may have made it")
    func connectionOrNoAnswer() {
        let mayExist = TransportErrorClassifier.uploadMayExist
        #expect(FailureKind(APIError.silent("No answer from h within 1 s")) == .connection)
        #expect(FailureKind(APIError.connectionFailed("h closed the connection while the file was being sent")) == .connection)
        #expect(FailureKind(APIError.silent("No answer from h within 1 s after the whole file was sent (\(mayExist))")) == .noAnswer)
        #expect(FailureKind(APIError.timeout("h took longer than 5 s to send its whole answer after the request was sent (\(mayExist))")) == .noAnswer)
        #expect(FailureKind(APIError.connectionFailed("h closed the connection after the whole file was sent, before answering (\(mayExist))")) == .noAnswer)
        #expect(FailureKind.noAnswer.rawValue == "no-answer")
    }

    @Test("A 4xx of no kind of its own (409, 410, 422) is `refused`, the request as it is; a 408, a redirect or a 5xx is the server's side")
    func otherStatuses() {
        for status in [406, 409, 410, 422, 451] {
            #expect(FailureKind(APIError.unexpectedStatus(ServerErrorDetails(status: status))) == .refused, "HTTP \(status)")
        }
        for status in [302, 408, 501, 599] {
            #expect(FailureKind(APIError.unexpectedStatus(ServerErrorDetails(status: status))) == .serverError, "HTTP \(status)")
        }
        // Its message says so, not "check the base URL" (a JSON body's words are kept).
        #expect(APIError.unexpectedStatus(ServerErrorDetails(status: 408)).message
            == "The server stopped waiting for the request (HTTP 408 Request Timeout). Check the network, then try again.")
        #expect(APIError.unexpectedStatus(ServerErrorDetails(status: 408, serverMessage: "Request timed out")).message
            == "The server stopped waiting for the request (HTTP 408 Request Timeout): Request timed out. Check the network, then try again.")
    }
}
