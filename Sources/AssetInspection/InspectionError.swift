/// Why a file cannot be used as an upload: one line of safe text, for a user to read.
///
/// Messages name the file (the path as given) and say what is wrong with it, for example
/// `reports is a directory, not a file`. Outside text in them has been made safe with
/// ``SafeText``.
public struct InspectionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The one-line message.
    public var message: String

    /// An error with `message`, collapsed to one line of safe text.
    public init(_ message: String) {
        self.message = SafeText.oneLine(message)
    }

    public var description: String { message }

    /// This error with `subject` (a file name or path) put before its message,
    /// as in `banner.jpg: the JPEG header is cut short`.
    func about(_ subject: String) -> InspectionError {
        InspectionError("\(subject): \(message)")
    }
}
