/// The message in the status line: what just happened, or what went wrong.
struct StatusMessage: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case info
        case success
        /// Done, but with something to know (a build stored twice, a history moved aside).
        case warning
        case error
    }

    var text: String
    var kind: Kind

    static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    static func success(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .success) }
    static func warning(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .warning) }
    static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }

    /// Whether it tells of something to act on or know (an error, a warning): a key's hint
    /// does not replace it, the first Esc dismisses it, and a long one takes the footer's row too.
    var isAlert: Bool { kind == .error || kind == .warning }
}
