#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import MarketplaceEmulator

/// What happens on the connection itself: 100-continue, and a client that will not stop
/// sending after it was refused.
@Suite("Connection handling", .serialized)
struct ConnectionTests {
    /// Runs blocking socket work on a Dispatch thread, never on the concurrency pool that the
    /// emulator's own request handlers need.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// A blocking loopback TCP connection speaking raw HTTP/1.1 (use it through `blocking`).
    final class RawConnection: @unchecked Sendable {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        deinit { close(descriptor) }

        /// Sends everything; false once the peer has closed the connection.
        func send(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }

        /// Whatever arrives within the receive timeout, up to `limit` bytes or the peer's close.
        func receive(until marker: String, limit: Int = 65536) -> String {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while received.count < limit {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[..<count]
                if String(decoding: received, as: UTF8.self).contains(marker) { break }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    static func head(_ path: String, _ lines: [String]) -> [UInt8] {
        Array((["POST \(path) HTTP/1.1", "Host: 127.0.0.1", "Authorization: \(EmulatorHarness.authorization)"] + lines + ["", ""])
            .joined(separator: "\r\n").utf8)
    }

    @Test("Expect: 100-continue is answered before the body is sent")
    func continueInterim() async throws {
        try await EmulatorHarness.with { emulator in
            let body = MultipartBody.file(Fixtures.png())
            let connection = try RawConnection(port: emulator.running.port)
            #expect(connection.send(Self.head("/rest/3/assets/images/icon", [
                "Content-Type: \(body.contentType)", "Content-Length: \(body.bytes.count)", "Expect: 100-continue",
            ])))
            let interim = await Self.blocking { connection.receive(until: "\r\n\r\n") }
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
            let bytes = body.bytes
            #expect(await Self.blocking { connection.send(bytes) })
            let answer = await Self.blocking { connection.receive(until: "}") }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.contains("\"mimeType\":\"image/png\""))
        }
    }

    @Test("No 100 Continue for a body over every limit: the 413 comes at once")
    func noContinueWhenTooLarge() async throws {
        try await EmulatorHarness.with(configure: { $0.maxImageBytes = 1024; $0.maxUploadBytes = 2048 }) { emulator in
            let connection = try RawConnection(port: emulator.running.port)
            #expect(connection.send(Self.head("/rest/3/artifacts", [
                "Content-Type: multipart/form-data; boundary=x", "Content-Length: 50000000", "Expect: 100-continue",
            ])))
            let answer = await Self.blocking { connection.receive(until: "}") }
            #expect(answer.hasPrefix("HTTP/1.1 413"))
        }
    }

    @Test("A client that keeps streaming after a 413 is cut off")
    func endlessChunkedBodyIsCut() async throws {
        try await EmulatorHarness.with(configure: { $0.maxImageBytes = 1024 }) { emulator in
            let body = MultipartBody.file(Fixtures.png())
            let connection = try RawConnection(port: emulator.running.port)
            #expect(connection.send(Self.head("/rest/3/assets/images/icon", [
                "Content-Type: \(body.contentType)", "Transfer-Encoding: chunked",
            ])))
            let opening = Array(body.bytes.prefix(200))
            #expect(connection.send(Array(String(opening.count, radix: 16).utf8) + [13, 10] + opening + [13, 10]))
            let sent = await Self.blocking {
                let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x41, count: 0x10000) + [13, 10]
                var sent = 0
                while sent < 256 * 1024 * 1024, connection.send(chunk) {
                    sent += 0x10000
                }
                return sent
            }
            #expect(sent < 256 * 1024 * 1024, "the emulator read \(sent) bytes without closing")
            let answer = await Self.blocking { connection.receive(until: "}") }
            #expect(answer.hasPrefix("HTTP/1.1 413"))
        }
    }
}
