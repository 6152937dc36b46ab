import Glibc

/// An IP address a host name resolved to (or an IP literal), with its class: whether it is
/// a public unicast address a fetch may reach, or a loopback, private, link-local, shared,
/// reserved, documentation or multicast one that it may not (SSRF).
public struct ResolvedAddress: Hashable, Sendable, CustomStringConvertible {
    public enum Family: Sendable { case v4, v6 }

    public var family: Family
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public var bytes: [UInt8]

    public init(v4 bytes: [UInt8]) {
        precondition(bytes.count == 4)
        family = .v4
        self.bytes = bytes
    }

    public init(v6 bytes: [UInt8]) {
        precondition(bytes.count == 16)
        family = .v6
        self.bytes = bytes
    }

    /// The address written as `text` (dotted IPv4 or IPv6, no brackets), by `inet_pton`:
    /// strict forms only, so `0x7f.1` is not a literal (it is resolved like a name instead).
    public init?(literal text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(v4: withUnsafeBytes(of: &v4) { Array($0) })
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            self.init(v6: withUnsafeBytes(of: &v6) { Array($0) })
            return
        }
        return nil
    }

    /// The address as text (`inet_ntop`), suitable for connecting to.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        var copy = bytes
        let written = copy.withUnsafeMutableBytes { raw in
            inet_ntop(family == .v4 ? AF_INET : AF_INET6, raw.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard written != nil else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether this is a public unicast address.
    public var isPublic: Bool {
        switch family {
        case .v4: Self.isPublicV4(bytes)
        case .v6: isPublicV6
        }
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): false                                // "this network", 0.0.0.0
        case (10, _, _): false                               // private
        case (100, 64...127, _): false                       // shared address space (CGNAT)
        case (127, _, _): false                              // loopback
        case (169, 254, _): false                            // link-local (cloud metadata)
        case (172, 16...31, _): false                        // private
        case (192, 0, 0), (192, 0, 2): false                 // IETF protocol assignments, TEST-NET-1
        case (192, 88, 99): false                            // 6to4 relay anycast
        case (192, 168, _): false                            // private
        case (198, 18...19, _): false                        // benchmarking
        case (198, 51, 100), (203, 0, 113): false            // TEST-NET-2, TEST-NET-3
        case (224...255, _, _): false                        // multicast, reserved, broadcast
        default: true
        }
    }

    private var isPublicV6: Bool {
        let b = bytes
        let embeddedV4 = Array(b[12..<16])
        if b[0..<10].allSatisfy({ $0 == 0 }) {
            // ::, ::1, IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 part.
            if b[10] == 0xFF, b[11] == 0xFF { return Self.isPublicV4(embeddedV4) }
            if b[10] == 0, b[11] == 0 { return Self.isPublicV4(embeddedV4) }
            return false
        }
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B {
            // NAT64 64:ff9b::/96 carries an IPv4 address; 64:ff9b:1::/48 is local use.
            return b[4..<12].allSatisfy { $0 == 0 } && Self.isPublicV4(embeddedV4)
        }
        if b[0] == 0x20, b[1] == 0x02 { return Self.isPublicV4(Array(b[2..<6])) }   // 6to4
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x00, b[3] == 0x00 { return false }  // Teredo
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return false }  // documentation
        if b[0] == 0x01, b[1] == 0x00, b[2..<8].allSatisfy({ $0 == 0 }) { return false }  // discard 100::/64
        if b[0] & 0xFE == 0xFC { return false }                                      // unique local fc00::/7
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return false }                        // link-local fe80::/10
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return false }                        // site-local fec0::/10
        if b[0] == 0xFF { return false }                                             // multicast
        return true
    }
}
