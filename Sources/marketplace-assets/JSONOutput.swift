import AssetCore
import Foundation

/// `--json` output: the server's answer, or history entries, as pretty JSON on stdout.
///
/// The server's bytes are parsed and written again, so what reaches stdout is always
/// valid JSON whose strings have every control character escaped: safe to print.
enum JSONOutput {
    static func printServerResponse(_ body: [UInt8]) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw CLIError("the server's answer is not JSON")
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        Console.out(String(decoding: data, as: UTF8.self))
    }

    static func print<T: Encodable>(_ value: T) throws {
        Console.out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
