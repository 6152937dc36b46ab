import Foundation

/// One spelling of a server's base URL, so that `…/marketplace/` and `…/marketplace` are one
/// server wherever entries, tokens and keyring items are filed and compared by server.
public enum ServerURL {
    /// `url` without surrounding spaces and trailing slashes.
    public static func normalized(_ url: String) -> String {
        // Called per history entry: most URLs need nothing, and trimming costs ~3 µs each.
        if let first = url.unicodeScalars.first, let last = url.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace, last != "/" {
            return url
        }
        var server = url.trimmingCharacters(in: .whitespaces)
        while server.hasSuffix("/") { server.removeLast() }
        return server
    }
}
