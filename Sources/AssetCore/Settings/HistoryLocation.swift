import Foundation
import AssetInspection

/// Which history file to use: `--history PATH`, else `MARKETPLACE_ASSETS_HISTORY`, else
/// `AssetPaths.defaultHistoryFile`.
public enum HistoryLocation {
    /// The environment variable naming the history file.
    public static let environmentVariable = "MARKETPLACE_ASSETS_HISTORY"

    /// The absolute path of the history file to use.
    /// - Parameter explicit: the path given on the command line (`--history`), if any.
    public static func resolve(explicit: String?, environment: [String: String]) throws(AssetError) -> String {
        let path: String
        if let explicit {
            path = try given(explicit, from: "--history", environment: environment)
        } else if let value = environment[environmentVariable], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            path = try given(value, from: environmentVariable, environment: environment)
        } else {
            path = try AssetPaths.defaultHistoryFile(environment: environment)
        }
        // A name that is not UTF-8 reaches Swift with U+FFFD in place of its bytes: the history
        // would go to another file, named with that character.
        guard !path.unicodeScalars.contains("\u{FFFD}") else {
            throw AssetError("The history path \(SafeText.oneLine(path)) has a name that is not UTF-8 (shown as \u{FFFD}): choose a path whose folder and file names are UTF-8.")
        }
        return path
    }

    /// The absolute path of a history path given by `source`. White space around it (a value read
    /// with `$(cat file)`'s newline kept) is dropped, as around the other variables; a control
    /// character within it is refused, as is a path that names a folder whatever is there (ending
    /// in `/`, `/.` or `/..`): reading it would find no history, and writing it would make a
    /// folder and a lock file for nothing.
    private static func given(_ value: String, from source: String, environment: [String: String]) throws(AssetError) -> String {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw AssetError("\(source) needs a file path.") }
        if value.unicodeScalars.contains(where: { [.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }) {
            throw AssetError("\(source) \(SafeText.oneLine(value)) holds a control character (a tab, a line break): give the history file's path alone.")
        }
        let last = (value as NSString).lastPathComponent
        if value.hasSuffix("/") || last == "." || last == ".." {
            throw AssetError("\(source) \(SafeText.oneLine(value)) names a folder: give the history file's path (it need not exist yet).")
        }
        return try AssetPaths.absolute(value, environment: environment)
    }
}
