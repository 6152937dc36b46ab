import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP port that refuses every connection and that no other server can take
/// while this value lives: a socket bound to it that never listens. `listening`, the kernel
/// takes the connections (its backlog) and nothing ever answers them: a host that is silent
/// once connected, as one that black-holes TLS.
///
/// Closing a port after asking for a free one is not enough when tests run in parallel: another
/// test's server may be given the same port in between, and the request reaches it.
final class RefusingPort {
    let port: Int
    private let descriptor: Int32

    init(listening: Bool = false) throws {
        // No SO_REUSEADDR: with it unset, no other socket can bind this port.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PortError(text: "socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { close(fd); throw PortError(text: "bind failed: errno \(errno)") }
        guard !listening || listen(fd, 16) == 0 else { close(fd); throw PortError(text: "listen failed: errno \(errno)") }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    struct PortError: Error { var text: String }
}
