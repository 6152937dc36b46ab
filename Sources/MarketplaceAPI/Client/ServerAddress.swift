import Foundation

/// A validated base URL, and the endpoint URLs built on it.
///
/// Accepts `https` anywhere and `http` only for loopback hosts (`127.0.0.0/8`, `::1`, and
/// `localhost` when it resolves to those here), so credentials never travel in clear. Other names under `.localhost` are
/// not trusted: the system resolver may ask DNS for them, which can answer anything. User info, query and fragment are
/// refused, and so is a path into the API's own (`…/rest/3`); trailing slashes are dropped.
public struct ServerAddress: Sendable, Equatable {
    /// The base URL without a trailing slash, e.g. `https://api.atlassian.com/marketplace`.
    let base: String
    /// The host, for messages (`api.atlassian.com`, `127.0.0.1`).
    let host: String

    init(_ text: String, resolve: (String) -> [String] = ServerAddress.addresses) throws(APIError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            // A long word without a `.`, `:` or `/` may be a token pasted a field too far: not repeated
            // (`localhost` is repeated: a host without its scheme).
            let token = trimmed.count >= 24 && !trimmed.contains(where: { ".:/ ".contains($0) })
            throw .invalidBaseURL(url: token ? "given (not repeated: it may be a token)" : text, reason: "it is not an absolute URL")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .invalidBaseURL(url: text, reason: "the scheme must be https (or http for a loopback host)")
        }
        guard let rawHost = components.host, !rawHost.isEmpty else {
            throw .invalidBaseURL(url: text, reason: "it has no host")
        }
        guard components.user == nil, components.password == nil else {
            // (The message shows the URL without them: the password may be the token itself.)
            throw .invalidBaseURL(url: text, reason: "it must not hold a user name or password (credentials come from MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN)")
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidBaseURL(url: text, reason: "it must not have a query or fragment")
        }
        if let port = URLPort.outOfRange(in: trimmed) {
            throw .invalidBaseURL(url: text, reason: "its port must be from 1 to 65535, not \(port)")
        }
        // The client adds `/rest/3/…`: a base that has it already (pasted from the reference's
        // full URLs) would ask for `/rest/3/rest/3/…`, a 404 whoever asks. (A gateway's own `rest`
        // before other segments, `…/services/rest/marketplace`, is no API path.)
        // (As a server reads the path: `.` and `..` resolved, a segment's `;params` left out.)
        let segments = components.path.split(separator: "/").reduce(into: [String]()) { segments, raw in
            let segment = raw.prefix { $0 != ";" }.lowercased()
            if segment == ".." { _ = segments.popLast() } else if segment != "." { segments.append(segment) }
        }
        if segments.indices.contains(where: { Self.startsAPIPath(segments, at: $0) }) {
            throw .invalidBaseURL(url: text, reason: "it goes on into the API's own paths (/rest/…), which the tool adds itself")
        }
        let host = Self.unbracketed(rawHost)
        if scheme == "http", !Self.isLoopback(host: host) {
            throw .insecureBaseURL(text)
        }
        // `localhost` is trusted by where it leads, not by its name: a hosts file or resolver
        // that maps it elsewhere would have the credentials leave this machine in clear.
        if scheme == "http", host.lowercased() == "localhost",
           let elsewhere = resolve(host).first(where: { !Self.isLoopback(host: $0) }) {
            throw .invalidBaseURL(url: text, reason: "localhost resolves to \(elsewhere) here, not to a loopback address, so the credentials "
                + "would leave this machine in clear: use http://127.0.0.1 (or [::1]) with the port")
        }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        guard URL(string: base + "/rest/3/artifacts") != nil else {
            throw .invalidBaseURL(url: text, reason: "endpoint URLs cannot be built on it")
        }
        self.base = base
        self.host = host
    }

    /// `text` without what `init` refuses and a base URL can do without (a user name and password,
    /// a query or fragment, the API's own path: `…/marketplace/rest/3` pasted from the reference),
    /// where that leaves one `init` takes: what the refusal suggests. `nil` otherwise.
    static func mended(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)) else { return nil }
        (components.user, components.password, components.query, components.fragment) = (nil, nil, nil, nil)
        let segments = components.path.split(separator: "/", omittingEmptySubsequences: false)
        if let rest = segments.indices.first(where: { Self.startsAPIPath(segments, at: $0) }) {
            components.path = segments[..<rest].joined(separator: "/")
        }
        guard let mended = components.string, mended != text, (try? ServerAddress(mended)) != nil else { return nil }
        return mended
    }

    /// Whether `segments[index]` starts the API's own path: `rest`, last or before a version (`rest/3`).
    private static func startsAPIPath(_ segments: [some StringProtocol], at index: Int) -> Bool {
        segments[index].lowercased() == "rest" && (index == segments.count - 1 || segments[index + 1].first?.isNumber == true)
    }

    /// Throws, in one line, why `text` cannot be a base URL: for settings checked before any
    /// request is made (what `auth status` reports, what advice names).
    public static func check(_ text: String) throws(APIError) {
        _ = try ServerAddress(text)
    }

    /// The addresses `name` resolves to here, as text (`127.0.0.1`, `::1`); none when it does not resolve.
    static func addresses(_ name: String) -> [String] {
        ((try? HostResolver.resolveBlocking(host: name, port: 80)) ?? []).map(\.description)
    }

    /// `base` + `path` (path starts with `/`, its segments already percent-encoded).
    func url(_ path: String) -> String { base + path }

    /// Whether `host` is a loopback address or name: `localhost`, any IPv4 address in
    /// `127.0.0.0/8` written as a plain dotted quad, or `::1`.
    public static func isLoopback(host: String) -> Bool {
        let name = unbracketed(host).lowercased()
        if name == "localhost" { return true }
        if let octets = dottedQuad(name) { return octets[0] == 127 }
        if name.contains(":"), let address = IPv6Loopback.parse(name) { return address }
        return false
    }

    private static func unbracketed(_ host: String) -> String {
        if host.hasPrefix("["), host.hasSuffix("]") { return String(host.dropFirst().dropLast()) }
        return host
    }

    /// Four decimal octets 0–255, nothing else (no octal, hex or shortened forms).
    private static func dottedQuad(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(part), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets
    }
}
