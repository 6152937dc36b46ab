/// Why the terminal UI could not start or had to stop, one line for the user.
public struct TUIError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    /// The process exit status that fits: 1 for setup problems, 128 + signal after a signal.
    public var exitCode: Int32

    public var description: String { message }

    public init(message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    static func interrupted(signal: Int32) -> TUIError {
        let name = switch signal {
        case 1: "SIGHUP"
        case 2: "SIGINT"
        case 3: "SIGQUIT"
        case 15: "SIGTERM"
        default: "signal \(signal)"
        }
        return TUIError(message: "Interrupted by \(name)", exitCode: 128 + signal)
    }
}
