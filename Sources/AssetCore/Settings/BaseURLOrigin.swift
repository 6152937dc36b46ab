/// Where the base URL came from. Any origin but `builtIn` means someone chose a server, so
/// the TUI must not replace it with the demo when credentials are missing.
public enum BaseURLOrigin: Sendable, Equatable, CustomStringConvertible {
    /// `--base-url`.
    case commandLine
    /// `MARKETPLACE_BASE_URL`.
    case environment
    /// The config file's `baseURL`; the payload is the file's path.
    case configFile(String)
    /// Nothing chose one: `ClientConfiguration.defaultBaseURL`.
    case builtIn

    /// How a message names it: `--base-url`, `MARKETPLACE_BASE_URL`, `the baseURL in <path>`, `the default`.
    public var description: String {
        switch self {
        case .commandLine: "--base-url"
        case .environment: Settings.baseURLVariable
        case .configFile(let path): "the baseURL in \(path)"
        case .builtIn: "the default"
        }
    }
}
