import Foundation

/// What a person types to sign in, checked the same way by `login` and the TUI's sign-in.
public enum SignInInput {
    /// Where an Atlassian API token is created.
    public static let tokenPageURL = "https://id.atlassian.com/manage-profile/security/api-tokens"

    /// The longest token accepted, in UTF-8 bytes (what standard input and the keyring helper
    /// take); Atlassian's are under 300 characters.
    public static let maximumTokenLength = 4096

    /// `text` trimmed, if it can be the email half of Basic auth: not empty, an `@`, no
    /// colon (it would end the user name), no spaces or control characters.
    public static func email(_ text: String) throws(AssetError) -> String {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw AssetError("The email is empty: give your Atlassian account's email.") }
        guard email.contains("@"), !email.contains(":"),
              !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            // Without an @ it may be the token, put in the wrong place: not repeated.
            throw AssetError(email.contains("@") ? "\(email) is not an email address: give your Atlassian account's email."
                : "That is not an email address (it has no @; not repeated, in case it was the token): give your Atlassian account's email.")
        }
        // RFC 5321's limit: a longer one is no account's, and the server's refusal would not say so.
        guard email.utf8.count <= 254 else {
            throw AssetError("That is not an email address: it is longer than 254 characters. Give your Atlassian account's email.")
        }
        return email
    }

    /// `text` trimmed, if it can be an API token: not empty, no spaces or control characters
    /// inside, at most `maximumTokenLength` bytes. The message never shows the token.
    public static func token(_ text: String) throws(AssetError) -> String {
        // A byte order mark too: a token file saved by Notepad starts with one.
        let token = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        guard !token.isEmpty else { throw AssetError("The API token is empty: create one at \(tokenPageURL).") }
        guard token.utf8.count <= maximumTokenLength else {
            throw AssetError("That is not an API token: it is longer than \(maximumTokenLength) bytes.")
        }
        guard !token.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw AssetError("That is not an API token: it holds spaces or control characters (one token, on one line).")
        }
        return token
    }
}
