import Foundation

/// One spelling of a server's base URL, so that `…/marketplace/` and `…/marketplace`, or
/// `HTTPS://API.example.com/…` and `https://api.example.com/…`, are one server wherever
/// entries, tokens and keyring items are filed and compared by server.
public enum ServerURL {
    /// `url` without surrounding spaces and trailing slashes, its scheme and host in lower case
    /// (they are case-insensitive; the path is not).
    public static func normalized(_ url: String) -> String {
        // Called per history entry: most URLs need nothing, and trimming costs ~3 µs each.
        if let first = url.unicodeScalars.first, let last = url.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace, last != "/", !hasUpperCaseHost(url) {
            return url
        }
        var server = url.trimmingCharacters(in: .whitespaces)
        while server.hasSuffix("/") { server.removeLast() }
        if let separator = server.range(of: "://") {
            let pathStart = server[separator.upperBound...].firstIndex { "/?#".contains($0) } ?? server.endIndex
            server = server[..<pathStart].lowercased() + server[pathStart...]
        }
        return server
    }

    /// Whether an ASCII capital comes before the path (the third `/`).
    private static func hasUpperCaseHost(_ url: String) -> Bool {
        var slashes = 0
        for byte in url.utf8 {
            if byte == UInt8(ascii: "/") {
                slashes += 1
                if slashes == 3 { return false }
            } else if byte &- UInt8(ascii: "A") < 26 {
                return true
            }
        }
        return false
    }
}
