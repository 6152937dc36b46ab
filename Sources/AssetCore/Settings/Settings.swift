import Foundation
import MarketplaceAPI

/// Where to talk to Marketplace and as whom, from the environment and the config file.
///
/// Credentials come from `MARKETPLACE_EMAIL` and `MARKETPLACE_API_TOKEN` when both are
/// set, else from the config file (`$XDG_CONFIG_HOME/marketplace-assets/config.json`):
///
/// ```json
/// {"email": "me@example.com", "apiToken": "…", "baseURL": "https://api.atlassian.com/marketplace"}
/// ```
///
/// The config file is refused, like ssh refuses a private key, unless only its owner can
/// read it (`chmod 600`). The base URL comes from `MARKETPLACE_BASE_URL`, else the config
/// file, else `ClientConfiguration.defaultBaseURL`. Missing credentials are not an error
/// here: `credentials` is `nil`, and the caller decides (the CLI fails, the TUI offers the
/// demo). The token is never part of a message or a description.
public struct Settings: Sendable, CustomStringConvertible {
    public static let emailVariable = "MARKETPLACE_EMAIL"
    public static let apiTokenVariable = "MARKETPLACE_API_TOKEN"
    public static let baseURLVariable = "MARKETPLACE_BASE_URL"

    /// `nil` when neither the environment nor the config file has them.
    public var credentials: Credentials?
    /// Where the credentials came from, for messages: `the environment` or the config file's path.
    public var credentialsSource: String?
    /// The Marketplace API base URL to use.
    public var baseURL: String
    /// The config file that was (or would have been) read.
    public var configFile: String?

    public init(credentials: Credentials?, credentialsSource: String? = nil, baseURL: String, configFile: String? = nil) {
        self.credentials = credentials
        self.credentialsSource = credentialsSource
        self.baseURL = baseURL
        self.configFile = configFile
    }

    /// Reads the settings.
    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - configFile: the config file to read; `nil` for the XDG default.
    /// - Throws: `AssetError` when only one of the two variables is set, or the config file
    ///   is readable by others, unreadable, or not the documented JSON.
    public static func load(environment: [String: String], configFile: String? = nil) throws(AssetError) -> Settings {
        let email = nonEmpty(environment[emailVariable])
        let token = nonEmpty(environment[apiTokenVariable])
        let baseURLFromEnvironment = nonEmpty(environment[baseURLVariable])
        if (email == nil) != (token == nil) {
            let missing = email == nil ? emailVariable : apiTokenVariable
            let present = email == nil ? apiTokenVariable : emailVariable
            throw AssetError("\(present) is set but \(missing) is not: set both, or neither to use the config file.")
        }

        var settings = Settings(credentials: nil, baseURL: baseURLFromEnvironment ?? ClientConfiguration.defaultBaseURL)
        if let email, let token {
            settings.credentials = Credentials(email: email, apiToken: token)
            settings.credentialsSource = "the environment (\(emailVariable), \(apiTokenVariable))"
        }
        // The config file is read only when it can still contribute something.
        guard settings.credentials == nil || baseURLFromEnvironment == nil else { return settings }
        let path: String
        if let configFile {
            path = configFile
        } else if let defaultPath = try? AssetPaths.configFile(environment: environment) {
            path = defaultPath
        } else {
            return settings
        }
        settings.configFile = path
        guard let config = try ConfigFile.read(path) else { return settings }
        if settings.credentials == nil {
            switch (config.email, config.apiToken) {
            case let (email?, token?):
                settings.credentials = Credentials(email: email, apiToken: token)
                settings.credentialsSource = path
            case (nil, nil):
                break
            case (nil, _):
                throw AssetError("\(path) has an apiToken but no email: add \"email\".")
            case (_, nil):
                throw AssetError("\(path) has an email but no apiToken: add \"apiToken\".")
            }
        }
        if baseURLFromEnvironment == nil, let baseURL = config.baseURL {
            settings.baseURL = baseURL
        }
        return settings
    }

    /// How to provide credentials, naming the two variables and the config file.
    public static func credentialsHelp(configFile: String?) -> String {
        let file = configFile ?? "$XDG_CONFIG_HOME/marketplace-assets/config.json"
        return "Set \(emailVariable) and \(apiTokenVariable), or write {\"email\": …, \"apiToken\": …} to \(file) (chmod 600)."
    }

    /// The settings without the token.
    public var description: String {
        "Settings(baseURL: \(baseURL), credentials: \(credentials.map { "\($0)" } ?? "none"), from: \(credentialsSource ?? "-"))"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }
}
