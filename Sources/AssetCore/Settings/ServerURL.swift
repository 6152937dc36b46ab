import Foundation

/// One spelling of a server's base URL, so that `…/marketplace/` and `…/marketplace` are one
/// server wherever entries, tokens and keyring items are filed and compared by server.
public enum ServerURL {
    /// `url` without surrounding spaces and trailing slashes.
    public static func normalized(_ url: String) -> String {
        var server = url.trimmingCharacters(in: .whitespaces)
        while server.hasSuffix("/") { server.removeLast() }
        return server
    }
}
