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
        guard let base = try baseDirectory("XDG_STATE_HOME", fallback: ".local/state", environment: environment) else { throw noHome }
        return base.appendingPathComponent(applicationFolder)
    }

    /// The default history file: `<state directory>/history.json`.
    public static func defaultHistoryFile(environment: [String: String]) throws(AssetError) -> String {
        try stateDirectory(environment: environment).appendingPathComponent("history.json")
    }

    /// The config file: `$XDG_CONFIG_HOME/marketplace-assets/config.json`, else
    /// `~/.config/marketplace-assets/config.json`.
    public static func configFile(environment: [String: String]) throws(AssetError) -> String {
        guard let file = try configFileIfAny(environment: environment) else { throw noHome }
        return file
    }

    /// `configFile`, or `nil` when there is no home folder to find it in (the credentials then
    /// come from the environment, or nowhere).
    public static func configFileIfAny(environment: [String: String]) throws(AssetError) -> String? {
        try baseDirectory("XDG_CONFIG_HOME", fallback: ".config", environment: environment)?
            .appendingPathComponent(applicationFolder).appendingPathComponent("config.json")
    }

    /// The home folder: `$HOME`, else the account's home from the password database.
    public static func homeDirectory(environment: [String: String]) throws(AssetError) -> String {
        guard let home = try home(environment: environment) else { throw noHome }
        return home
    }

    private static let noHome = AssetError("Cannot find the home folder: HOME is not set. Set HOME, or XDG_STATE_HOME and XDG_CONFIG_HOME.")

    /// `homeDirectory`, or `nil` when none is found.
    private static func home(environment: [String: String]) throws(AssetError) -> String? {
        if let home = environment["HOME"], home.hasPrefix("/") { return try utf8(home, from: "HOME") }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            let home = String(cString: directory)
            if home.hasPrefix("/") { return try utf8(home, from: "The home folder") }
        }
        return nil
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

    /// `$variable`, else `fallback` in the home folder; `nil` when there is none.
    private static func baseDirectory(_ variable: String, fallback: String, environment: [String: String]) throws(AssetError) -> String? {
        if let value = environment[variable], value.hasPrefix("/") { return try utf8(value, from: variable) }
        return try home(environment: environment)?.appendingPathComponent(fallback)
    }

    /// `folder`, refused when its name was not UTF-8: such bytes reach Swift as U+FFFD (the
    /// environment, argv, `getpwuid`), and the name then names another folder, where a
    /// config file, a token or a history would go unseen. `source` is what named it (`HOME`).
    public static func utf8(_ folder: String, from source: String) throws(AssetError) -> String {
        guard !folder.unicodeScalars.contains("\u{FFFD}") else {
            throw AssetError("\(source) \(SafeText.oneLine(folder)) has a name that is not UTF-8 (shown as \u{FFFD}): set it to a folder whose name is UTF-8.")
        }
        return folder
    }
}

extension String {
    fileprivate func appendingPathComponent(_ component: String) -> String {
        (self as NSString).appendingPathComponent(component)
    }
}
