import MarketplaceAPI
import Foundation

/// A URI the fetch endpoint will download from, checked and split.
///
/// Only `http` and `https`, at most 8 KiB, with a host made of ASCII letters, digits, dots
/// and hyphens (non-ASCII hosts must be given in punycode) or an IP literal. Userinfo is
/// taken out: `redacted` is the URI without it, the only form ever echoed or logged.
struct FetchTarget: Equatable, Sendable {
    static let maxLength = 8 * 1024

    /// The URI without userinfo: used for the request, `_links.remote` and messages.
    var redacted: String
    var scheme: String
    /// The host as the URL holds it, IPv6 literals without brackets.
    var host: String
    var port: Int
    var path: String
    /// From the userinfo, when the URI had one: sent as Basic auth to this origin only.
    var user: String?
    var password: String?

    /// Whether `other` has the same scheme, host and port.
    func isSameOrigin(as other: FetchTarget) -> Bool {
        scheme == other.scheme && host.lowercased() == other.host.lowercased() && port == other.port
    }

    /// Whether the host is an IPv4 or IPv6 literal.
    var hostIsIPLiteral: Bool {
        ResolvedAddress(literal: host) != nil
    }

    /// The last path segment, percent-decoded: the fetched artifact's file name.
    var lastPathSegment: String? {
        path.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The authority's host exactly as `text` spells it: after the scheme's `://` and any
    /// `userinfo@`, before the port, path, query or fragment (brackets kept for IPv6); `nil`
    /// when `://` does not follow the scheme (in `http:a@b://c` it is inside the path).
    static func hostAsWritten(in text: String) -> String? {
        guard let schemeEnd = text.range(of: "://"),
              text[..<schemeEnd.lowerBound].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        let rest = text[schemeEnd.upperBound...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    /// Checks `text`; the error says what is wrong in one line, never echoing a password.
    static func parse(_ text: String) throws(EmulatorError) -> FetchTarget {
        guard text.utf8.count <= maxLength else {
            throw invalid("The URI is longer than \(maxLength / 1024) KiB.")
        }
        guard !text.isEmpty else { throw invalid("The uri is empty; give an http or https URL.") }
        guard let components = URLComponents(string: text), let rawScheme = components.scheme else {
            throw invalid("The uri is not a valid absolute URL; give an http or https URL.")
        }
        let scheme = rawScheme.lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw EmulatorError.badRequest("unsupported_uri_scheme", "Only http and https URIs can be fetched, not \(SafeName.forMessage(scheme)).")
        }
        // The host as written: Foundation's URLComponents turns punycode (xn--) labels into
        // percent-encoded UTF-8, which would refuse every internationalised name.
        guard var host = Self.hostAsWritten(in: text), !host.isEmpty else {
            throw invalid("The uri has no host.")
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard ResolvedAddress(literal: host) != nil else { throw invalid("The uri's IPv6 host is not valid.") }
        } else {
            let allowed = host.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            }
            guard allowed else {
                throw invalid("The uri's host must be ASCII letters, digits, dots and hyphens (punycode for other names).")
            }
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        guard (1...65535).contains(port) else { throw invalid("The uri's port is out of range.") }

        var stripped = components
        stripped.user = nil
        stripped.password = nil
        stripped.scheme = scheme
        stripped.fragment = nil
        guard let redacted = stripped.string else { throw invalid("The uri is not a valid absolute URL.") }
        return FetchTarget(
            redacted: redacted, scheme: scheme, host: host, port: port,
            path: components.percentEncodedPath,
            user: components.user, password: components.password
        )
    }

    /// The URI a redirect's `Location` points to, relative to this one.
    func resolving(location: String) throws(EmulatorError) -> FetchTarget {
        guard location.utf8.count <= Self.maxLength,
              let base = URL(string: redacted),
              let target = URL(string: location, relativeTo: base)?.absoluteString
        else {
            throw EmulatorError.badRequest("fetch_failed", "The remote server redirected to a Location that is not a valid URL.")
        }
        return try Self.parse(target)
    }

    private static func invalid(_ message: String) -> EmulatorError {
        EmulatorError.badRequest("invalid_uri", message)
    }
}
