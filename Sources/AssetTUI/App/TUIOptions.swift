/// How the terminal UI starts.
public struct TUIOptions: Sendable, Equatable {
    /// Which server the session talks to, as the header says.
    public enum Mode: Sendable, Equatable {
        /// The embedded emulator at `serverURL`; the header shows `DEMO`.
        case demo(serverURL: String)
        /// A real account; the header shows the email and the server.
        case account(email: String, serverURL: String)

        public var serverURL: String {
            switch self {
            case .demo(let serverURL), .account(_, let serverURL): serverURL
            }
        }
    }

    /// The folder the Files pane opens first.
    public var startDirectory: String
    public var mode: Mode
    /// The history file of this session (shown in help; the service reads and writes it).
    public var historyPath: String
    /// A URL the fetch prompt starts with: in demo mode, the emulator's own sample jar.
    public var fetchExample: String?

    public init(startDirectory: String, mode: Mode, historyPath: String, fetchExample: String? = nil) {
        self.startDirectory = startDirectory
        self.mode = mode
        self.historyPath = historyPath
        self.fetchExample = fetchExample
    }
}
