import AssetCore
import AssetInspection
import Foundation

/// `--json` output: the server's answer, or history entries (`HistoryEntry.json`), as pretty
/// JSON on stdout.
///
/// The server's bytes are parsed and written again, so what reaches stdout is always
/// valid JSON; then every character a terminal could act on that the encoders leave raw
/// (DEL, the C1 controls such as U+009B CSI, the bidi overrides) is escaped as `\uXXXX`
/// too. They can only stand inside strings, so the JSON means the same: safe to print.
enum JSONOutput {
    /// Prints `body`, the server's answer or other JSON, indented and with sorted keys.
    static func printServerResponse(_ body: [UInt8]) throws {
        try printObject(try parse(body))
    }

    /// `body` parsed, to be printed with others (`printObject`).
    static func parse(_ body: [UInt8]) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw CLIError("the server's answer is not JSON")
        }
    }

    /// Prints a `JSONSerialization` value (arrays, dictionaries, strings, numbers) as
    /// `printServerResponse` prints an answer.
    static func printObject(_ object: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        Console.out(SafeText.escapingTerminalControls(closingEmptyContainers(String(decoding: data, as: UTF8.self))))
    }

    /// History entries as `history --json` prints them: indented by the history's own writer
    /// (a round trip through `JSONSerialization` took most of the command's time).
    static func printHistory(_ entries: [HistoryEntry]) {
        Console.out(SafeText.escapingTerminalControls(String(decoding: HistoryEntry.json(entries, indented: true), as: UTF8.self)))
    }

    static func print<T: Encodable>(_ value: T) throws {
        Console.out(SafeText.escapingTerminalControls(closingEmptyContainers(String(decoding: try encoder.encode(value), as: UTF8.self))))
    }

    /// `json` with each empty array or object as `[]` or `{}`: Foundation's pretty printer
    /// writes them over three lines, a blank one between. (A line break in JSON text is never
    /// in a string, where it is escaped.)
    static func closingEmptyContainers(_ json: String) -> String {
        json.replacing(/\[\n[ ]*\n[ ]*\]/, with: "[]").replacing(/\{\n[ ]*\n[ ]*\}/, with: "{}")
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
