import AssetInspection
import Foundation

/// Finds the human text in an error body, whichever shape the server used.
///
/// Tried in order: JSON `message`, `error` (a string, or an object with `message`),
/// `errors[].message` (or `errors[]` strings, joined with `; `), `detail`, `title`; otherwise
/// the raw body as text. The result is one line, control characters replaced, at most
/// ``maxLength`` characters, with every secret given (the credentials, should the server
/// echo them) replaced by `<redacted>` before it is cut; `nil` for an empty body.
enum ServerErrorText {
    static let maxLength = 200

    /// The `<title>` of an HTML page, cleaned for one line, with every secret given (a page
    /// may echo the request's Authorization header) replaced; `nil` when it has none.
    static func webPageTitle(in body: [UInt8], redacting secrets: [String] = []) -> String? {
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        guard let open = text.range(of: "<title", options: .caseInsensitive),
              let start = text[open.upperBound...].firstIndex(of: ">"),
              let close = text[start...].range(of: "</title", options: .caseInsensitive),
              let title = clean(redact(String(text[text.index(after: start)..<close.lowerBound]), secrets))
        else { return nil }
        return String(title.prefix(80))
    }

    static func extract(from body: [UInt8], redacting secrets: [String] = []) -> String? {
        guard !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
            let text = text(in: object)
        {
            return clean(redact(text, secrets))
        }
        return clean(redact(String(decoding: body, as: UTF8.self), secrets))
    }

    private static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.reduce(text) { text, secret in
            secret.isEmpty ? text : text.replacingOccurrences(of: secret, with: "<redacted>")
        }
    }

    private static func text(in object: Any) -> String? {
        if let string = object as? String { return string }
        guard let dictionary = object as? [String: Any] else { return nil }
        if let message = dictionary["message"] as? String, !message.isEmpty { return message }
        if let error = dictionary["error"] {
            if let string = error as? String, !string.isEmpty { return string }
            if let nested = error as? [String: Any], let message = nested["message"] as? String, !message.isEmpty { return message }
        }
        if let errors = dictionary["errors"] as? [Any] {
            let messages = errors.compactMap { item -> String? in
                if let string = item as? String { return string }
                if let entry = item as? [String: Any] { return entry["message"] as? String }
                return nil
            }.filter { !$0.isEmpty }
            if !messages.isEmpty { return messages.joined(separator: "; ") }
        }
        for key in ["detail", "title", "error_description"] {
            if let string = dictionary[key] as? String, !string.isEmpty { return string }
        }
        return nil
    }

    private static func clean(_ text: String) -> String? {
        let line = SafeText.oneLine(text, maxLength: maxLength)
        return line.isEmpty ? nil : line
    }
}
