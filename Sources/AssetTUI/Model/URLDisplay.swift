import Foundation

/// Showing URLs without the secrets they may carry.
enum URLDisplay {
    /// `uri` with any `user:password@` removed from its authority.
    static func withoutUserinfo(_ uri: String) -> String {
        guard let schemeEnd = uri.range(of: "://") else { return uri }
        let authorityStart = schemeEnd.upperBound
        let rest = uri[authorityStart...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return uri }
        return String(uri[..<authorityStart]) + String(authority[authority.index(after: at)...]) + String(rest[authorityEnd...])
    }
}
