import AsyncHTTPClient
import Foundation

/// The HTTP proxy the environment names for the Marketplace API, read as curl, Go and
/// Python's requests read it: `https_proxy`, else `HTTPS_PROXY`, else `all_proxy`/`ALL_PROXY`
/// (`http://[user:password@]host[:port]`, the scheme optional; `socks5://host[:port]`), unless
/// `no_proxy`/`NO_PROXY` names the host (`*`, a host, or a domain with or without its leading
/// dot; a `:port` is ignored). Only an `https` base URL goes through it: the API's are, and
/// the only `http` ones allowed are loopback (the emulator, the demo), which a proxy never
/// reaches. An https request is tunnelled with `CONNECT`, so the proxy sees the host but
/// never the credentials.
struct ProxyEnvironment: Sendable, Equatable {
    let host: String
    let port: Int
    let username: String?
    let password: String?
    let isSocks: Bool

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
        guard address.base.lowercased().hasPrefix("https:") else { return nil }
        let names = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        guard let name = names.first(where: { !(environment[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }),
              let value = environment[name]?.trimmingCharacters(in: .whitespaces)
        else { return nil }
        if bypasses(host: address.host, noProxy: environment["no_proxy"] ?? environment["NO_PROXY"] ?? "") { return nil }
        return try parse(value, name: name)
    }

    static func parse(_ value: String, name: String) throws(APIError) -> ProxyEnvironment {
        let text = value.contains("://") ? value : "http://" + value
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
              let scheme = components.scheme?.lowercased()
        else { throw .invalidArgument("\(name) is not a proxy URL (http://host:port): \(APIError.safe(value)).") }
        let isSocks = scheme == "socks5" || scheme == "socks5h"
        guard scheme == "http" || isSocks else {
            throw .invalidArgument("\(name) is a \(APIError.safe(scheme)):// URL, and this tool takes an http:// (or socks5://) proxy: give that address.")
        }
        guard !isSocks || components.user == nil else {
            throw .invalidArgument("\(name) names a SOCKS proxy with a user name, which this tool cannot use: give an http:// proxy for that.")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ProxyEnvironment(host: bare, port: components.port ?? 1080, username: components.user?.removingPercentEncoding,
                                password: components.password?.removingPercentEncoding, isSocks: isSocks)
    }

    /// Whether `no_proxy` names `host`.
    static func bypasses(host: String, noProxy: String) -> Bool {
        let host = host.lowercased()
        for entry in noProxy.split(separator: ",") {
            var name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "*" { return true }
            if let colon = name.lastIndex(of: ":"), !name.hasSuffix("]"), name.filter({ $0 == ":" }).count == 1 {
                name = String(name[..<colon])
            }
            if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
            while name.hasPrefix(".") { name.removeFirst() }
            guard !name.isEmpty else { continue }
            if host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
