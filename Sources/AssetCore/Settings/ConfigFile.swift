import Foundation
import AssetInspection
import MarketplaceAPI

/// The config file `config.json`: `{"email": …, "apiToken": …, "baseURL": …, "timeout": …}`,
/// every member optional, unknown members ignored, but for a slip of a known one (`baseUrl`,
/// `apitoken`), which is refused: ignored, it would send the token to another server.
struct ConfigFile: Decodable, Equatable {
    var email: String?
    var apiToken: String?
    var baseURL: String?
    /// The idle timeout in seconds (a JSON number), as `--timeout` takes it.
    var timeout: Double?

    /// The server `apiToken` belongs to: `baseURL`, else the built-in server (normalised).
    var tokenServer: String { ServerURL.normalized(baseURL ?? ClientConfiguration.defaultBaseURL) }

    /// The account and server the file names (signed in), when it names an email.
    var account: KeyringEntry? { email.map { KeyringEntry(email: $0, server: tokenServer) } }

    /// The largest config file read; a config is a few hundred bytes.
    static let maximumSize = 64 * 1024

    /// Reads the config at `path`; `nil` when there is none.
    ///
    /// Refused when it belongs to another user or others can change it (it says which server
    /// the token goes to), and when others can read it and it holds a token (mode & 0o044): a
    /// file without one (an email, a base URL, a timeout) holds nothing secret.
    static func read(_ path: String) throws(AssetError) -> ConfigFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw AssetError("Cannot read the config file \(path): \(POSIXFile.describe(errno)).")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw AssetError("The config file \(path) is not a regular file: remove it, or put a config file there (`login` writes one).")
        }
        let mode = String(info.st_mode & 0o777, radix: 8)
        if info.st_uid != geteuid() {
            throw AssetError("Refusing to use the config file \(path): it belongs to another user. Use a config file of your own (chmod 600).")
        }
        // Its own owner shut out (chmod 000, a mode copied from a file that was not to be read).
        if access(path, R_OK) != 0, errno == EACCES {
            throw AssetError("Cannot read the config file \(path): its mode (\(mode)) does not let you read it. Run: chmod 600 \(path)")
        }
        if info.st_mode & 0o022 != 0 {
            throw AssetError("Refusing to use the config file \(path): other users can change it (mode \(mode)), and it says where your token goes. Run: chmod 600 \(path)")
        }
        let readableByOthers = info.st_mode & 0o044 != 0
        let config: ConfigFile?
        do {
            config = try decode(path, size: info.st_size)
        } catch where readableByOthers {
            // Whether it holds a token is then unknown: the exposure is said first.
            throw AssetError("Refusing to use the config file \(path): other users can read it (mode \(mode)), and it does not read, so it may hold a token. Run: chmod 600 \(path), then correct it (\(error.message))")
        }
        guard let config else { return nil }
        if readableByOthers, config.apiToken != nil {
            throw AssetError("Refusing to use the config file \(path): other users can read it (mode \(mode)), and it holds a token. Run: chmod 600 \(path)")
        }
        return config
    }

    private static func decode(_ path: String, size: off_t) throws(AssetError) -> ConfigFile? {
        guard size <= maximumSize else {
            throw AssetError("The config file \(path) is too large (over 64 KiB) to be a config file.")
        }
        guard let bytes = try POSIXFile.readAll(path, what: "the config file") else { return nil }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return ConfigFile() }
        do {
            var config = try JSONDecoder().decode(ConfigFile.self, from: Data(bytes))
            // As the variables are read: trimmed, and an empty one is none (no sign-in).
            config.apiToken = Settings.nonEmpty(config.apiToken)
            config.email = Settings.nonEmpty(config.email)
            let members = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
            let known = ["email", "apiToken", "baseURL", "timeout"]
            for member in members.keys.sorted() where !known.contains(member) {
                if let meant = known.first(where: { EditDistance.between(member.lowercased(), $0.lowercased()) <= 2 }) {
                    // Quoted as Swift writes it, so that a space at its end (`"email "`) shows.
                    throw AssetError("The config file \(path) is not valid: \(SafeText.oneLine(member.debugDescription, maxLength: 44)) is no member of it; did you mean \"\(meant)\"?")
                }
            }
            return config
        } catch let error as AssetError {
            throw error
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            // The message names the member, never its value.
            let member = context.codingPath.map(\.stringValue).joined(separator: ".")
            // No member at all: the file is JSON of another shape (`[]`, `"x"`), not an object.
            guard !member.isEmpty else { throw Self.notAnObject(path) }
            let kind = member == "timeout" ? "a number of seconds" : "a string"
            throw AssetError("The config file \(path) is not valid: \"\(member)\" must be \(kind).")
        } catch {
            throw Self.notAnObject(path)
        }
    }

    private static func notAnObject(_ path: String) -> AssetError {
        AssetError("The config file \(path) is not valid JSON: expected {\"email\": …, \"apiToken\": …, \"baseURL\": …}.")
    }
}
