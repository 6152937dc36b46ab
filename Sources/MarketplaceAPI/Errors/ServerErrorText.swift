import AssetInspection
import Foundation

/// Finds the human text in an error body, whichever shape the server used.
///
/// Tried in order: JSON `message` (or Jira's `errorMessages`), `error` (a string, with OAuth's
/// `error_description` preferred, or an object with `message`), `errors` (a list of strings or
/// of objects with `message`, `detail`, `title`, `key` or `code`, or Jira's object of field
/// names to messages; joined with `; `, and kept after a message), `detail`, `title`; otherwise
/// the raw body as text. The result is one line, control characters replaced, at most
/// ``maxLength`` characters, with every secret given (the credentials, should the server
/// echo them, in each spelling: `SecretRedaction.spellings`) replaced by `<redacted>` before
/// it is cut; `nil` for an empty body.
enum ServerErrorText {
    static let maxLength = 200

    /// The `<title>` of an HTML page, cleaned for one line, with every secret given (a page
    /// may echo the request's Authorization header) replaced; `nil` when it has none.
    static func webPageTitle(in body: [UInt8], redacting secrets: [String] = []) -> String? {
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        guard let open = text.range(of: "<title", options: .caseInsensitive),
              let start = text[open.upperBound...].firstIndex(of: ">"),
              let close = text[start...].range(of: "</title", options: .caseInsensitive),
              let title = clean(SecretRedaction.redact(String(text[text.index(after: start)..<close.lowerBound]), secrets))
        else { return nil }
        return String(title.prefix(80))
    }

    static func extract(from body: [UInt8], redacting secrets: [String] = []) -> String? {
        guard !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
            let text = text(in: object)
        {
            return clean(SecretRedaction.redact(text, secrets))
        }
        return clean(SecretRedaction.redact(String(decoding: body, as: UTF8.self), secrets))
    }


    private static func text(in object: Any) -> String? {
        if let string = object as? String { return string }
        guard let dictionary = object as? [String: Any] else { return nil }
        // The reasons field by field, which say what to fix, kept beside a message.
        let reasons = reasons(in: dictionary["errors"]).joined(separator: "; ")
        // Jira's shape: `errorMessages` beside an `errors` object.
        let messages = (dictionary["errorMessages"] as? [Any] ?? []).compactMap(nonEmpty).joined(separator: "; ")
        if let message = nonEmpty(dictionary["message"]) ?? nonEmpty(messages) {
            return reasons.isEmpty ? message : "\(message) (\(reasons))"
        }
        if let error = dictionary["error"] {
            // OAuth's shape: `error` is a code, `error_description` says it.
            if let code = nonEmpty(error) { return nonEmpty(dictionary["error_description"]) ?? code }
            if let nested = error as? [String: Any], let message = nonEmpty(nested["message"]) { return message }
        }
        if !reasons.isEmpty { return reasons }
        return ["detail", "title", "error_description"].lazy.compactMap { nonEmpty(dictionary[$0]) }.first
    }

    /// `errors` as a list (of strings, or of objects: `reason`), or as Jira's object of field
    /// names to messages (`file: must be 144x144`).
    private static func reasons(in errors: Any?) -> [String] {
        if let list = errors as? [Any] { return list.compactMap(reason) }
        guard let map = errors as? [String: Any] else { return [] }
        return map.keys.sorted().compactMap { field in nonEmpty(map[field]).map { "\(field): \($0)" } }
    }

    /// One element of `errors`: a string, or an object's `message` (else its JSON:API `detail`
    /// or `title`, else its `key` or `code`), after the field it is about (`path`, `field`):
    /// `imageType: must be one of icon, …`.
    private static func reason(_ item: Any) -> String? {
        if let string = nonEmpty(item) { return string }
        guard let entry = item as? [String: Any] else { return nil }
        let text = ["message", "detail", "title", "key", "code"].lazy.compactMap { nonEmpty(entry[$0]) }.first
        guard let text else { return nil }
        let field = ["path", "field"].lazy.compactMap { nonEmpty(entry[$0]) }.first
        return field.map { "\($0): \(text)" } ?? text
    }

    /// `value` when it is a string with something in it.
    private static func nonEmpty(_ value: Any?) -> String? {
        (value as? String).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func clean(_ text: String) -> String? {
        let line = SafeText.oneLine(text, maxLength: maxLength)
        return line.isEmpty ? nil : line
    }
}
