/// The message in the status line: what just happened, or what went wrong.
struct StatusMessage: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case info
        case success
        case error
    }

    var text: String
    var kind: Kind

    static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    static func success(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .success) }
    static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }
}
