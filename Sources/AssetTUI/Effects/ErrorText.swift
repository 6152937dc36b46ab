import AssetInspection

/// An error as one safe line for the status line and the panes.
enum ErrorText {
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let line = SafeText.oneLine(text, maxLength: 300)
        return line.isEmpty ? "Unknown error" : line
    }
}
