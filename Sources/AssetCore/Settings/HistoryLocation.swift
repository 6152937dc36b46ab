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
            guard !explicit.isEmpty else { throw AssetError("--history needs a file path.") }
            try refuseFolderPath(explicit, from: "--history")
            path = try AssetPaths.absolute(explicit, environment: environment)
        } else if let value = environment[environmentVariable], !value.isEmpty {
            try refuseFolderPath(value, from: environmentVariable)
            path = try AssetPaths.absolute(value, environment: environment)
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

    /// A path that ends in `/` names a folder, whatever is there: reading it would find no
    /// history and writing it would fail on its lock file, so it is refused at once.
    private static func refuseFolderPath(_ path: String, from source: String) throws(AssetError) {
        guard path.hasSuffix("/") else { return }
        throw AssetError("\(source) \(SafeText.oneLine(path)) ends in '/', so it names a folder: give the history file's path (it need not exist yet).")
    }
}
