/// A URI for Marketplace to fetch an artifact from, checked locally before it is sent: the
/// one check the CLI, the TUI and the client share (the emulator guards its own side with
/// `FetchTarget`).
///
/// Refused: anything but `http`/`https`, no host, a colon in a host outside brackets, more
/// than 8 KiB, white space or control characters, a host in another script that is no domain
/// name. Accepted as the server's call: any path, and any host name. As browsers send them,
/// a host in another script (`exämple.com`) is sent in its ASCII form (`xn--exmple-cua.com`),
/// and letters outside ASCII elsewhere (`/über.jar`) percent-encoded (`/%C3%BCber.jar`): a URI
/// is ASCII (RFC 3986), and a strict parser refuses one that is not.
/// A URI may carry `user:password@` for the server hosting the file, or a secret in its
/// query (a pre-signed link's `X-Amz-Signature`, a `token=`); they are sent, but
/// `redacted` (without the userinfo, those query values as `<redacted>`) is what is stored,
/// printed and shown.
public struct FetchURI: Sendable, Equatable {
    /// The longest URI accepted, in UTF-8 bytes.
    public static let maximumLength = 8 * 1024

    /// The URI as given, userinfo included, in ASCII (see above): only ever sent to Marketplace.
    public let original: String
    /// The URI without userinfo, and with secret query values (`isSecretQueryName`) as
    /// `<redacted>`: the one to store and show.
    public let redacted: String
    /// The `user:password` part, if any (to scrub from messages).
    public let userinfo: String?
    /// The secret query values `redacted` hides, and their parameters' names as written (to
    /// scrub from messages).
    private let queryValues: [Substring], secretQueryNames: [Substring]
    /// The host, as written (brackets kept for IPv6).
    public let host: String
    /// The last path segment (`my-app-1.0.0.jar`), or the host when the path is empty.
    public let fileName: String

    /// Checks `text`; throws a one-line `APIError.invalidArgument` saying what is wrong.
    public init(_ text: String) throws(APIError) {
        guard !text.isEmpty else { throw .invalidArgument("The URI to fetch is empty: give an http:// or https:// URL.") }
        guard text.utf8.count <= Self.maximumLength else {
            throw .invalidArgument("The URI to fetch is \(text.utf8.count) bytes long; at most \(Self.maximumLength) are accepted.")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw .invalidArgument("The URI to fetch contains spaces or control characters: percent-encode them (%20).")
        }
        guard let schemeEnd = text.range(of: "://") else {
            // Whatever stands before an @ may be a password: never echo it.
            let shown = text.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? text
            throw .invalidArgument("\(Self.preview(shown)) is not a URL: give an http:// or https:// URL.")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw .invalidArgument("Marketplace fetches only http:// and https:// URLs, not \(Self.preview(scheme))://.")
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostAndPort = authority
        var userinfo: Substring?
        if let at = authority.lastIndex(of: "@") {
            userinfo = authority[..<at]
            hostAndPort = authority[authority.index(after: at)...]
        }
        let host: Substring
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else {
                throw .invalidArgument("The URI to fetch has an unclosed [ in its host.")
            }
            host = hostAndPort[...close]
            let afterHost = hostAndPort[hostAndPort.index(after: close)...]
            guard afterHost.isEmpty || Self.isPort(afterHost) else {
                throw .invalidArgument("The URI to fetch has a bad port.")
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            guard Self.isPort(hostAndPort[colon...]) else { throw .invalidArgument("The URI to fetch has a bad port.") }
            // `http://::1/` or `http://:secret:`: only a bracketed host may hold a colon.
            guard !host.contains(":") else {
                throw .invalidArgument("The URI to fetch has a colon in its host: an IPv6 address goes in brackets (http://[::1]:8080/).")
            }
        } else {
            host = hostAndPort
        }
        guard !host.isEmpty, host != "[]" else { throw .invalidArgument("The URI to fetch has no host: give e.g. https://example.com/app.jar.") }

        var asciiHost = String(host)
        if !host.allSatisfy(\.isASCII) {
            guard let ascii = Self.asciiHost(host) else {
                throw .invalidArgument("The URI to fetch has a host that is no domain name: \(Self.preview(host)).")
            }
            asciiHost = ascii
        }
        self.original = Self.ascii(text[..<host.startIndex]) + asciiHost + Self.ascii(text[host.endIndex...])
        self.userinfo = userinfo.map(String.init)
        self.host = String(host)
        let path = rest[authorityEnd...].prefix { $0 != "?" && $0 != "#" }
        let query = Self.redactingSecrets(inQueryOf: rest[path.endIndex...])
        (self.queryValues, self.secretQueryNames) = (query.hidden.map(\.value), query.hidden.map(\.name))
        self.redacted = text[..<schemeEnd.upperBound] + hostAndPort + path + query.text
        self.fileName = path.lastPathPart ?? String(host)
    }

    /// `uri` as `redacted` gives it, for a URI read back from a history or an answer; as given
    /// when it is no fetch URI.
    public static func redacted(_ uri: String) -> String {
        (try? FetchURI(uri))?.redacted ?? uri
    }

    /// `message` with the URI, wherever it is echoed whole (with its userinfo or without),
    /// as `redacted`; elsewhere, `userinfo@` removed, what follows a secret parameter's
    /// `name=` hidden (a server that cuts a long URI short echoes part of a value), and each
    /// secret (the userinfo, its password, a secret query value) of 3 characters or more as
    /// `<redacted>`, the longest first. A shorter one is hidden only inside the URI: `ci` of
    /// `https://ci@…` is no secret, and hiding it everywhere garbles the text.
    public func scrub(_ message: String) -> String {
        // `original` redacted, its host as sent (`xn--bcher-kva.example`, not `bücher.example`).
        let sentRedacted = (try? FetchURI(original))?.redacted ?? redacted
        var echoes = [original]
        if let userinfo, !userinfo.isEmpty { echoes.append(original.replacingOccurrences(of: Self.ascii(userinfo) + "@", with: "")) }
        // A server may echo the URI, or a secret, percent-decoded (`p%40ss` as `p@ss`).
        echoes += echoes.compactMap { $0.removingPercentEncoding }.filter { !echoes.contains($0) }
        let password = userinfo?.firstIndex(of: ":").map { userinfo![userinfo!.index(after: $0)...] }
        let given = (queryValues + [userinfo.map { Substring($0) }, password].compactMap { $0 }).map(String.init)
        // As typed, as sent (in ASCII), and percent-decoded; each with its escapes in either case,
        // and every byte escaped (a server's own encoding of what it echoes).
        let forms = given + given.map(Self.ascii) + given.compactMap { $0.removingPercentEncoding }
        let escaped = forms.map { $0.utf8.map(PathSegment.percentEncoded).joined() }
        let secrets = Set(forms + escaped + (forms + escaped).flatMap { [Self.escapes($0, upper: true), Self.escapes($0, upper: false)] })
            .filter { $0.count >= 3 }.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        func scrubbing(_ text: String, _ echoes: ArraySlice<String>) -> String {
            guard let echo = echoes.first else {
                let rest = userinfo.map { text.replacingOccurrences(of: $0 + "@", with: "") } ?? text
                return Self.hiding(secrets, in: Self.hidingValues(after: secretQueryNames.map { Array(($0 + "=").utf8) }, in: rest))
            }
            return text.components(separatedBy: echo).map { scrubbing($0, echoes.dropFirst()) }.joined(separator: sentRedacted)
        }
        return Self.hidingSecretsOfEveryURL(in: scrubbing(message, echoes[...]))
    }

    /// `text` with whatever follows each of `prefixes` (`X-Amz-Signature=`) up to the next
    /// `&`, `#`, quote, bracket or white space as `<redacted>`.
    private static func hidingValues(after prefixes: [[UInt8]], in text: String) -> String {
        guard !prefixes.isEmpty else { return text }
        let stops = Set("&#\"'<>()[]{} \t\r\n".utf8)
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard let prefix = prefixes.first(where: { bytes[index...].starts(with: $0) }) else {
                result.append(bytes[index])
                index += 1
                continue
            }
            result += prefix
            index += prefix.count
            let start = index
            while index < bytes.count, !stops.contains(bytes[index]) { index += 1 }
            if index > start { result += "<redacted>".utf8 }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` with each occurrence of a secret as `<redacted>`, in one pass, so that a secret
    /// inside another cannot leave part of one shown, and one inside a `<redacted>` already
    /// there (`red`) does not take it apart.
    private static func hiding(_ secrets: [[UInt8]], in text: String) -> String {
        guard !secrets.isEmpty else { return text }
        let bytes = Array(text.utf8), marker = Array("<redacted>".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: marker) {
                result += marker
                index += marker.count
            } else if let secret = secrets.first(where: { bytes[index...].starts(with: $0) }) {
                result += "<redacted>".utf8
                index += secret.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `body`, a JSON answer that may echo this URI, with each string value in it scrubbed
    /// (`scrub(_:)`, `JSONStrings`); a body that does not parse is scrubbed as text.
    public func scrub(json body: [UInt8]) -> [UInt8] {
        JSONStrings.mapping(body, scrub) ?? Array(scrub(String(decoding: body, as: UTF8.self)).utf8)
    }

    /// What makes a query parameter's value a secret, by the words of its name (split at `-`,
    /// `_`, `.` and a capital: `X-Amz-Signature`, `access_token`, `apiKey`): a word that holds
    /// one of `secretWordParts` (`apitoken`, `clientsecret`, `authorization`), or that is one of
    /// `secretWords`, too short to look for inside others (`key`, `sig`: `monkey` and `design`
    /// are no secrets), or one of `secretNames` whole (`code`, not `country_code`).
    static let secretWordParts = ["token", "secret", "signature", "password", "passwd", "credential", "apikey", "authorization", "sessionid"]
    static let secretWords: Set<String> = ["key", "sig", "auth", "pwd", "session", "jwt"]
    /// Whole names that hold a secret though no word of theirs says so: an OAuth grant, JFrog's key.
    static let secretNames: Set<String> = ["code", "x-jfrog-art-api"]

    /// Whether the query parameter `name` names a secret (`secretWordParts`, `secretWords`).
    public static func isSecretQueryName(_ name: String) -> Bool {
        var words: [String] = [], word = ""
        for character in name {
            if character == "-" || character == "_" || character == "." || (character.isUppercase && !(word.last?.isUppercase ?? true)) {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = character.isLetter || character.isNumber ? String(character) : ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return secretNames.contains(name.lowercased())
            || words.contains { word in secretWords.contains(word) || secretWordParts.contains(where: word.contains) }
    }

    /// `tail` (`?query#fragment`, or empty) with each secret value as `<redacted>`, and those
    /// parameters: in the query, and in a fragment of `name=value` pairs too (an OAuth
    /// `#access_token=`, which is never sent, but would be stored).
    private static func redactingSecrets(inQueryOf tail: Substring) -> (text: String, hidden: [(name: Substring, value: Substring)]) {
        let fragmentStart = tail.firstIndex(of: "#") ?? tail.endIndex
        var hidden: [(name: Substring, value: Substring)] = []
        func redacting(_ part: Substring) -> String {
            guard let mark = part.first else { return "" }
            return String(mark) + part.dropFirst().split(separator: "&", omittingEmptySubsequences: false).map { parameter in
                guard let equals = parameter.firstIndex(of: "=") else { return String(parameter) }
                let name = parameter[..<equals].removingPercentEncoding ?? String(parameter[..<equals])
                let value = parameter[parameter.index(after: equals)...]
                guard !value.isEmpty, isSecretQueryName(name) else { return String(parameter) }
                hidden.append((parameter[..<equals], value))
                return parameter[...equals] + "<redacted>"
            }.joined(separator: "&")
        }
        return (redacting(tail[..<fragmentStart]) + redacting(tail[fragmentStart...]), hidden)
    }

    /// `text` (a server's message) with the secrets of any URL in it hidden, not only this one's:
    /// a redirect's target (a pre-signed link's `X-Amz-Signature`) is echoed in a fetch's
    /// failure. Each `user:password@` after `://` goes, and each secret-named parameter's value
    /// after `?`, `&`, `#` or `;` reads `<redacted>`.
    static func hidingSecretsOfEveryURL(in text: String) -> String {
        let userinfo = /:\/\/[^\/@\s"'<>]+@/
        let parameter = /(?<mark>[?&#;])(?<name>[A-Za-z0-9_.%\-]+)=(?<value>[^&#;"'<>()\[\]{}\s]+)/
        return text.replacing(userinfo) { _ in "://" }.replacing(parameter) { match in
            let name = String(match.output.name)
            guard isSecretQueryName(name.removingPercentEncoding ?? name), match.output.value != "<redacted>" else { return String(match.output.0) }
            return "\(match.output.mark)\(name)=<redacted>"
        }
    }

    /// The host's IDNA form (punycode labels), as Foundation's URL parser makes it; `nil` for
    /// a name that has none (an empty label, a character no domain name may hold).
    private static func asciiHost(_ host: Substring) -> String? {
        var components = URLComponents()
        components.host = String(host)
        guard let encoded = components.encodedHost, !encoded.contains("%") else { return nil }
        return encoded
    }

    /// `text` with the two digits after each `%` in upper or lower case (`%c3` as `%C3`).
    private static func escapes(_ text: String, upper: Bool) -> String {
        var result = "", digitsLeft = 0
        for character in text {
            result += digitsLeft > 0 ? (upper ? character.uppercased() : character.lowercased()) : String(character)
            digitsLeft = character == "%" ? 2 : max(digitsLeft - 1, 0)
        }
        return result
    }

    /// `text` with each character outside ASCII percent-encoded (`ü` as `%C3%BC`).
    private static func ascii(_ text: some StringProtocol) -> String {
        text.unicodeScalars.map { $0.isASCII ? String($0) : String($0).utf8.map(PathSegment.percentEncoded).joined() }.joined()
    }

    private static func isPort(_ text: Substring) -> Bool {
        guard text.first == ":" else { return false }
        let digits = text.dropFirst()
        return digits.isEmpty || (digits.allSatisfy { $0.isASCII && $0.isNumber } && URLPort.isListenable(digits))
    }

    private static func preview(_ text: some StringProtocol) -> String {
        String(text.prefix(60)) + (text.count > 60 ? "…" : "")
    }
}

import AssetInspection
import Foundation
