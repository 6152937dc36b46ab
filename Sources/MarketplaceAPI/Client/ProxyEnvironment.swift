import AsyncHTTPClient
import Foundation

/// The HTTP proxy the environment names for the Marketplace API, read as curl, Go and
/// Python's requests read it: `https_proxy`, else `HTTPS_PROXY`, else `all_proxy`/`ALL_PROXY`
/// (`http://[user:password@]host[:port]`, the scheme optional; `socks5://host[:port]`), unless
/// `no_proxy`/`NO_PROXY` names the host (`*`, a host, or a domain with or without its leading
/// dot; a `:port` is ignored). Loopback hosts never go through it (the emulator, the demo,
/// a local server on https), nor does plain http (allowed for loopback only). An https
/// request is tunnelled with `CONNECT`, so the proxy sees the host but never the credentials.
struct ProxyEnvironment: Sendable, Equatable {
    let host: String
    let port: Int
    let username: String?
    let password: String?
    let isSocks: Bool
    /// The variable that named it (`HTTPS_PROXY`, `https_proxy`, …), for messages.
    let variable: String

    /// For messages: `proxy.example.com:3128`.
    var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var configuration: HTTPClient.Configuration.Proxy {
        if isSocks { return .socksServer(host: host, port: port) }
        let authorization = username.map { HTTPClient.Authorization.basic(username: $0, password: password ?? "") }
        return .server(host: host, port: port, authorization: authorization)
    }

    /// The proxy for requests to `address`, or `nil` for none; throws for a proxy variable
    /// that cannot be used, naming it.
    static func proxy(for address: ServerAddress, environment: [String: String]) throws(APIError) -> ProxyEnvironment? {
        guard address.base.lowercased().hasPrefix("https:"), !ServerAddress.isLoopback(host: address.host) else { return nil }
        func first(_ names: [String]) -> (name: String, value: String)? {
            names.lazy.compactMap { name in
                environment[name].map { (name, $0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.1.isEmpty ? nil : $0 }
            }.first
        }
        guard let (name, value) = first(["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]) else { return nil }
        if bypasses(host: address.host, noProxy: first(["no_proxy", "NO_PROXY"])?.value ?? "") { return nil }
        return try parse(value, name: name)
    }

    static func parse(_ value: String, name: String) throws(APIError) -> ProxyEnvironment {
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
              let scheme = components.scheme?.lowercased()
        else { throw .invalidArgument("\(name) is not a proxy URL (http://host:port): \(APIError.safe(hidingUserinfo(value))).") }
        let isSocks = scheme == "socks5" || scheme == "socks5h"
        guard scheme == "http" || isSocks else {
            throw .invalidArgument("\(name) is a \(APIError.safe(scheme)):// URL, and this tool takes an http:// (or socks5://) proxy: give that address.")
        }
        guard !isSocks || components.user == nil else {
            throw .invalidArgument("\(name) names a SOCKS proxy with a user name, which this tool cannot use: give an http:// proxy for that.")
        }
        if let port = URLPort.outOfRange(in: text) {
            throw .invalidArgument("\(name) names port \(port); a port is from 1 to 65535: \(APIError.safe(hidingUserinfo(value))).")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        // A `%` that is no escape is taken as it is, rather than losing the credentials.
        return ProxyEnvironment(host: bare, port: components.port ?? 1080,
                                username: components.user.map { $0.removingPercentEncoding ?? $0 },
                                password: components.password.map { $0.removingPercentEncoding ?? $0 }, isSocks: isSocks, variable: name)
    }

    /// `value` with whatever stands before its last `@` (after `scheme://`) as `***`: a value
    /// that does not parse may still hold the proxy's password.
    static func hidingUserinfo(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@") else { return value }
        let start = value.range(of: "://").map(\.upperBound) ?? value.startIndex
        return start <= at ? value[..<start] + "***" + value[at...] : value
    }

    /// Whether `no_proxy` names `host`.
    static func bypasses(host: String, noProxy: String) -> Bool {
        let host = host.lowercased()
        for entry in noProxy.split(separator: ",") {
            var name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "*" { return true }
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                name = String(name[name.index(after: name.startIndex)..<close])  // [::1] or [::1]:443
            } else if let colon = name.lastIndex(of: ":"), name.filter({ $0 == ":" }).count == 1 {
                name = String(name[..<colon])
            }
            while name.hasPrefix(".") { name.removeFirst() }
            guard !name.isEmpty else { continue }
            if host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
