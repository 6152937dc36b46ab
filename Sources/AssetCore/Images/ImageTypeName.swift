import AssetInspection

extension ImageType {
    /// The longest imageType accepted.
    public static let maximumNameLength = 64

    /// `text` (trimmed) when it can be an imageType: 1 to 64 ASCII letters, digits, `-` and
    /// `_`; one of the suggestions in another case in the suggestion's spelling (`ICON` is
    /// `icon`, as the listing fragments already read it). The one check the CLI and the TUI
    /// share, made before anything is sent or recorded.
    public static func validatedName(_ text: String) throws(AssetError) -> String {
        // Line ends too: a type read from a file written on Windows ends in CR.
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw AssetError("The imageType is empty: use one of \(suggestions.map(\.name).joined(separator: ", ")), or another the server accepts.")
        }
        let isValid = name.count <= maximumNameLength && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard isValid else {
            throw AssetError("The imageType \"\(SafeText.oneLine(name, maxLength: 40))\" is not valid: an imageType is 1 to \(maximumNameLength) ASCII letters, digits, - and _ (e.g. \(suggestions.map(\.name).prefix(3).joined(separator: ", "))).")
        }
        return named(name)?.name ?? name
    }

    /// The suggestion `name` is likely a slip for (`screenshots`, `banenr`, `title_logo`,
    /// `titlelogo`, `lgoo`: one edit, a swapped pair counting one; two in a name of six
    /// letters or more; `-` and `_` alike), for a warning; `nil` for a suggestion itself (in
    /// any case) and for a name near none (`foo`).
    public static func likelyMeant(_ name: String) -> String? {
        let typed = name.lowercased().replacingOccurrences(of: "_", with: "-")
        guard named(name) == nil, typed.count >= 3 else { return nil }
        return suggestions.map(\.name).first { EditDistance.between(typed, $0) <= (typed.count < 6 ? 1 : 2) }
    }

    /// The warning for an imageType that is likely a slip (`likelyMeant`), to give before anything
    /// is sent; spaces around it are not (`validatedName` trims them).
    public static func slipWarning(_ typed: String) -> String? {
        let imageType = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        return likelyMeant(imageType).map { meant in
            "did you mean \(meant)? imageType \(imageType) is not one Marketplace names: it is sent as given, and no listing field takes it"
        }
    }
}
