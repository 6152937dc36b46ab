/// Why the emulator could not start (its data folder, its address).
public struct EmulatorStartError: Error, CustomStringConvertible, Sendable {
    /// One line saying what went wrong.
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
