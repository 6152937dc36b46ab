import AssetInspection

extension ImageType {
    /// The longest imageType accepted.
    public static let maximumNameLength = 64

    /// `text` (trimmed) when it can be an imageType: 1 to 64 ASCII letters, digits, `-` and
    /// `_`. The one check the CLI and the TUI share, made before anything is sent or recorded.
    public static func validatedName(_ text: String) throws(AssetError) -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw AssetError("The imageType is empty: use one of \(suggestions.map(\.name).joined(separator: ", ")), or another the server accepts.")
        }
        let isValid = name.count <= maximumNameLength && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard isValid else {
            throw AssetError("The imageType \"\(SafeText.oneLine(name, maxLength: 40))\" is not valid: an imageType is 1 to \(maximumNameLength) letters, digits, - and _ (e.g. \(suggestions.map(\.name).prefix(3).joined(separator: ", "))).")
        }
        return name
    }
}
