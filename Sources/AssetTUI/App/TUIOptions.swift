import Foundation

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
    /// How many uploads run at once (`--max-uploads`, 1 to 8).
    public var maxUploads: Int
    /// When the server started, for one that keeps uploads only while it runs (the demo's).
    public var uploadsKeptSince: Date?

    /// What `--max-uploads` accepts, and its default.
    public static let maxUploadsRange = UploadsState.maxConcurrentRange
    public static let defaultMaxUploads = UploadsState.defaultMaxConcurrent

    public init(
        startDirectory: String, mode: Mode, historyPath: String, fetchExample: String? = nil,
        maxUploads: Int = TUIOptions.defaultMaxUploads, uploadsKeptSince: Date? = nil
    ) {
        self.startDirectory = startDirectory
        self.mode = mode
        self.historyPath = historyPath
        self.fetchExample = fetchExample
        self.maxUploads = maxUploads
        self.uploadsKeptSince = uploadsKeptSince
    }

    /// `--max-uploads N` as a number of uploads, or the one-line usage error for it.
    public static func parseMaxUploads(_ text: String) -> Result<Int, MaxUploadsError> {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), maxUploadsRange.contains(value) else {
            let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
            return .failure(MaxUploadsError(
                message: "--max-uploads must be a whole number from \(maxUploadsRange.lowerBound) to \(maxUploadsRange.upperBound), not '\(shown)'"))
        }
        return .success(value)
    }

    /// A `--max-uploads` value out of range; `message` is one line.
    public struct MaxUploadsError: Error, Sendable, Equatable {
        public var message: String
    }
}
