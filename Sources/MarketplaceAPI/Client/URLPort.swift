/// The port a URL's text spells after its host, judged as written: `URLComponents` gives no
/// port at all for one too long to be a number (`:99999999999999999999`), and the default port
/// would be used unseen; and one past 65535 to an IP address trapped in SwiftNIO.
enum URLPort {
    /// The port `text` (`scheme://[userinfo@]host[:port][/…]`) spells when it is none a server
    /// listens on (0, past 65535, too long to be a number); `nil` when it spells none, or a good one.
    static func outOfRange(in text: String) -> Substring? {
        let afterScheme = text.range(of: "://").map { text[$0.upperBound...] } ?? text[...]
        var authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let hostEnd = authority.hasPrefix("[")
            ? authority.firstIndex(of: "]").map(authority.index(after:)) ?? authority.endIndex
            : authority.firstIndex(of: ":") ?? authority.endIndex
        let digits = authority[hostEnd...].dropFirst()
        guard authority[hostEnd...].first == ":", !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return isListenable(digits) ? nil : digits
    }

    /// Whether `digits` (ASCII digits) are a port a server can listen on, 1 to 65535.
    static func isListenable(_ digits: Substring) -> Bool {
        Int(digits).map((1...65535).contains) == true
    }
}
