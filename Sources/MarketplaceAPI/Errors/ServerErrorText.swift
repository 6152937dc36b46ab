import AssetInspection
import Foundation

/// Finds the human text in an error body, whichever shape the server used.
///
/// Tried in order: JSON `message`, `error` (a string, or an object with `message`),
/// `errors[].message` (or `errors[]` strings, joined with `; `), `detail`, `title`; otherwise
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
        // The reasons field by field (`errors[]`), which say what to fix, kept beside a message.
        let reasons = (dictionary["errors"] as? [Any] ?? []).compactMap(reason).joined(separator: "; ")
        if let message = dictionary["message"] as? String, !message.isEmpty {
            return reasons.isEmpty ? message : "\(message) (\(reasons))"
        }
        if let error = dictionary["error"] {
            if let string = error as? String, !string.isEmpty { return string }
            if let nested = error as? [String: Any], let message = nested["message"] as? String, !message.isEmpty { return message }
        }
        if !reasons.isEmpty { return reasons }
        for key in ["detail", "title", "error_description"] {
            if let string = dictionary[key] as? String, !string.isEmpty { return string }
        }
        return nil
    }

    /// One element of `errors`: a string, or an object's `message` (else its `key` or `code`),
    /// after the field it is about (`path`, `field`): `imageType: must be one of icon, …`.
    private static func reason(_ item: Any) -> String? {
        if let string = item as? String { return string.isEmpty ? nil : string }
        guard let entry = item as? [String: Any] else { return nil }
        let text = ["message", "key", "code"].lazy.compactMap { entry[$0] as? String }.first { !$0.isEmpty }
        guard let text else { return nil }
        let field = ["path", "field"].lazy.compactMap { entry[$0] as? String }.first { !$0.isEmpty }
        return field.map { "\($0): \(text)" } ?? text
    }

    private static func clean(_ text: String) -> String? {
        let line = SafeText.oneLine(text, maxLength: maxLength)
        return line.isEmpty ? nil : line
    }
}
