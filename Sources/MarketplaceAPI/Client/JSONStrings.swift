import Foundation

/// Rewrites the string values of a JSON answer, and nothing else: never a number or the
/// punctuation, so that it stays the same JSON (hiding `100` would turn `"size":1002` into no
/// JSON at all), nor a key (the API's own names).
enum JSONStrings {
    /// `body` with each string value as `transform` gives it, written anew (without escaping
    /// `/`); `nil` when `body` is no JSON.
    static func mapping(_ body: [UInt8], _ transform: (String) -> String) -> [UInt8]? {
        func mapped(_ value: Any) -> Any {
            switch value {
            case let text as String: transform(text)
            case let array as [Any]: array.map(mapped)
            case let object as [String: Any]: object.mapValues(mapped)
            default: value
            }
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body), options: .fragmentsAllowed),
              let data = try? JSONSerialization.data(withJSONObject: mapped(value), options: [.fragmentsAllowed, .withoutEscapingSlashes])
        else { return nil }
        return Array(data)
    }
}
