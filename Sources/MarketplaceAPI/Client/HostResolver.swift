import Glibc
import Dispatch

/// Resolves a host name to all its addresses with `getaddrinfo`, off the concurrency pool
/// (the call blocks).
public enum HostResolver {
    /// `getaddrinfo`'s own words (`gai_strerror`) for a name it could not resolve.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every address of `host` for a TCP connection to `port`, looked up on a Dispatch thread.
    public static func resolve(host: String, port: Int) async throws -> [ResolvedAddress] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try resolveBlocking(host: host, port: port) })
            }
        }
    }

    /// `resolve`, blocking the calling thread until the answer (never on the concurrency pool).
    public static func resolveBlocking(host: String, port: Int) throws -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var addresses: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socketAddress = entry.pointee.ai_addr {
                switch entry.pointee.ai_family {
                case AF_INET:
                    let v4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    addresses.append(ResolvedAddress(v4: withUnsafeBytes(of: v4) { Array($0) }))
                case AF_INET6:
                    let v6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    addresses.append(ResolvedAddress(v6: withUnsafeBytes(of: v6) { Array($0) }))
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        var seen = Set<ResolvedAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
