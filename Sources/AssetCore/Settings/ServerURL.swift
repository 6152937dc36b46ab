import Foundation

/// One spelling of a server's base URL, so that `…/marketplace/` and `…/marketplace`, or
/// `HTTPS://API.example.com/…` and `https://api.example.com/…`, are one server wherever
/// entries, tokens and keyring items are filed and compared by server.
public enum ServerURL {
    /// `url` without surrounding spaces and trailing slashes, its scheme and host in lower case
    /// (they are case-insensitive; the path is not), and without the scheme's default port
    /// (`:443` for https, `:80` for http), which names the same server.
    public static func normalized(_ url: String) -> String {
        // Called per history entry: most URLs need nothing, and trimming costs ~3 µs each.
        if let first = url.unicodeScalars.first, let last = url.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace, last != "/", !hasUnusualAuthority(url) {
            return url
        }
        var server = url.trimmingCharacters(in: .whitespacesAndNewlines)
        while server.hasSuffix("/") { server.removeLast() }
        // ASCII letters only, as `hasUnusualAuthority` looks for them, and not a password's.
        guard let separator = server.range(of: "://") else { return server }
        let authority = server[separator.upperBound...].prefix { !"/?#".contains($0) }
        let hostStart = authority.lastIndex(of: "@").map(server.index(after:)) ?? authority.startIndex
        func lowered(_ text: Substring) -> String {
            String(decoding: text.utf8.map { $0 &- UInt8(ascii: "A") < 26 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        let scheme = lowered(server[..<separator.lowerBound])
        var host = lowered(server[hostStart..<authority.endIndex])
        // A port written with leading zeros (`:047100`) is the same port.
        if let colon = host.lastIndex(of: ":"), case let digits = host[host.index(after: colon)...],
           digits.first == "0", digits.count > 1, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(digits) {
            host = host[..<colon] + ":\(port)"
        }
        if let port = defaultPort[scheme], host.hasSuffix(port) { host.removeLast(port.count) }
        return scheme + "://" + server[separator.upperBound..<hostStart] + host + server[authority.endIndex...]
    }

    private static let defaultPort = ["https": ":443", "http": ":80"]

    /// The scheme and authority of `url`, normalized: `https://api.atlassian.com` of
    /// `HTTPS://api.atlassian.com:443/marketplace/`. Marketplace's reference writes its
    /// artifact links both with and without the `/marketplace` of the base URL: one server.
    public static func origin(_ url: String) -> String {
        let server = normalized(url)
        guard let separator = server.range(of: "://") else { return server }
        return String(server[..<separator.upperBound]) + server[separator.upperBound...].prefix { !"/?#".contains($0) }
    }

    /// Whether an ASCII capital comes before the path (the third `/`), or the part before it
    /// ends in `:443` or `:80`; a password's capitals count too, which only sends such a URL
    /// the slow way, to the same result.
    private static func hasUnusualAuthority(_ url: String) -> Bool {
        var slashes = 0
        var tail: UInt32 = 0  // the last four bytes before the third slash
        for byte in url.utf8 {
            if byte == UInt8(ascii: "/") {
                slashes += 1
                if slashes == 3 { break }
            } else if byte &- UInt8(ascii: "A") < 26 || (tail & 0xFFFF == 0x3A30 && byte &- UInt8(ascii: "0") < 10) {
                return true  // a capital, or a port's leading zero (`:04`)
            }
            tail = tail << 8 | UInt32(byte)
        }
        return tail == 0x3A34_3433 || tail & 0x00FF_FFFF == 0x003A_3830  // ":443", ":80"
    }
}
