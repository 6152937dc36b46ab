import AssetInspection
import Foundation

/// Where marketplace-assets keeps its files, following the XDG base directory spec.
///
/// | what | path |
/// |---|---|
/// | history | `$XDG_STATE_HOME/marketplace-assets/history.json` (`~/.local/state/…`) |
/// | config | `$XDG_CONFIG_HOME/marketplace-assets/config.json` (`~/.config/…`) |
///
/// An `XDG_*` variable that is empty or not an absolute path is ignored, as the spec says.
public enum AssetPaths {
    /// The folder name under the XDG base folders.
    public static let applicationFolder = "marketplace-assets"

    /// `$XDG_STATE_HOME/marketplace-assets`, else `~/.local/state/marketplace-assets`.
    public static func stateDirectory(environment: [String: String]) throws(AssetError) -> String {
        try baseDirectory("XDG_STATE_HOME", fallback: ".local/state", environment: environment)
            .appendingPathComponent(applicationFolder)
    }

    /// `$XDG_CONFIG_HOME/marketplace-assets`, else `~/.config/marketplace-assets`.
    public static func configDirectory(environment: [String: String]) throws(AssetError) -> String {
        try baseDirectory("XDG_CONFIG_HOME", fallback: ".config", environment: environment)
            .appendingPathComponent(applicationFolder)
    }

    /// The default history file: `<state directory>/history.json`.
    public static func defaultHistoryFile(environment: [String: String]) throws(AssetError) -> String {
        try stateDirectory(environment: environment).appendingPathComponent("history.json")
    }

    /// The config file: `<config directory>/config.json`.
    public static func configFile(environment: [String: String]) throws(AssetError) -> String {
        try configDirectory(environment: environment).appendingPathComponent("config.json")
    }

    /// The home folder: `$HOME`, else the account's home from the password database.
    public static func homeDirectory(environment: [String: String]) throws(AssetError) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            let home = String(cString: directory)
            if home.hasPrefix("/") { return home }
        }
        throw AssetError("Cannot find the home folder: HOME is not set. Set HOME, or XDG_STATE_HOME and XDG_CONFIG_HOME.")
    }

    /// `path` made absolute (relative to the working folder), with a leading `~/` expanded.
    public static func absolute(_ path: String, environment: [String: String]) throws(AssetError) -> String {
        if path == "~" { return try homeDirectory(environment: environment) }
        if path.hasPrefix("~/") {
            return try homeDirectory(environment: environment).appendingPathComponent(String(path.dropFirst(2)))
        }
        return fromWorkingFolder(path)
    }

    /// `path` as it is when absolute, else taken from the working folder as it is now; a `.`
    /// component (`./-icon.png`, how a name that starts with `-` is passed on) is left out.
    public static func fromWorkingFolder(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        // No working folder (removed meanwhile): the path as given still names it for the kernel.
        guard let folder = workingFolder() else { return path }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).filter { $0 != "." }
        return components.reduce(folder) { $0.appendingPathComponent(String($1)) }
    }

    /// The working folder, from `getcwd` with a buffer it sizes itself: Foundation's
    /// `currentDirectoryPath` is empty past about 1,000 bytes, and a relative `--history` then
    /// named a folder that does not exist. `nil` when the folder was removed.
    public static func workingFolder() -> String? {
        guard let buffer = getcwd(nil, 0) else { return nil }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    private static func baseDirectory(_ variable: String, fallback: String, environment: [String: String]) throws(AssetError) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return try homeDirectory(environment: environment).appendingPathComponent(fallback)
    }
}

extension String {
    fileprivate func appendingPathComponent(_ component: String) -> String {
        (self as NSString).appendingPathComponent(component)
    }
}
