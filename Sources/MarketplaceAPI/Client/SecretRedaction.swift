import Foundation

/// The credentials (the API token, the Basic authorization value) hidden wherever an answer
/// may echo them: as they are, percent-encoded (a redirect's `Location`, a URL in a message),
/// with `/` escaped as JSON may write it, or behind any other JSON escape (`\u0054`).
enum SecretRedaction {
    /// `text` with each of `spellings` (`spellings(of:)` of the secrets) as `<redacted>`.
    static func redact(_ text: String, _ spellings: [String]) -> String {
        spellings.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    /// Each secret as it is, percent-encoded as encoders do (every byte but letters and digits,
    /// or but those and `-._~`; upper- or lower-case hex) and with `/` as `\/`; longest first.
    static func spellings(of secrets: [String]) -> [String] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        var all: [String] = []
        for secret in secrets where !secret.isEmpty {
            var forms = [secret, secret.replacingOccurrences(of: "/", with: "\\/")]
            for allowed in [CharacterSet.alphanumerics, unreserved] {
                guard let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) else { continue }
                forms += [encoded, encoded.replacing(/%[0-9A-F]{2}/) { $0.output.lowercased() }]
            }
            for form in forms where !all.contains(form) { all.append(form) }
        }
        return all.sorted { $0.count > $1.count }
    }

    /// A JSON answer with every secret in it hidden: as it came when it holds none; with the
    /// secrets replaced in its text when they are spelt out; and written anew, its strings
    /// hidden, when a JSON escape spells one in another way (then as JSON, not byte for byte).
    static func redacting(_ spellings: [String], inJSON body: [UInt8]) -> [UInt8] {
        guard !spellings.isEmpty else { return body }
        let text = String(decoding: body, as: UTF8.self)
        let spelt = spellings.contains(where: text.contains) ? Array(redact(text, spellings).utf8) : body
        // Only an escape spells a secret otherwise: an answer without a backslash is read no further.
        guard spelt.contains(UInt8(ascii: "\\")) else { return spelt }
        var escaped = false
        let rewritten = JSONStrings.mapping(spelt) { string in
            let hidden = redact(string, spellings)
            escaped = escaped || hidden != string
            return hidden
        }
        return escaped ? rewritten ?? spelt : spelt
    }
}
