import Foundation

/// IDs shaped like the real service's.
enum AssetIdentifiers {
    private static let digits = Array("0123456789")
    private static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    /// A random image ID shaped like `img-12345-abcdef-67890-ghijkl`.
    static func newImageID() -> String {
        var generator = SystemRandomNumberGenerator()
        func pick(_ alphabet: [Character], _ count: Int) -> String {
            String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
        }
        return "img-\(pick(digits, 5))-\(pick(letters, 6))-\(pick(digits, 5))-\(pick(letters, 6))"
    }

    /// A random artifact ID: a lowercase UUID, as in `/rest/3/artifacts/337c40d8-c903-4e28-8498-7cbc372ba578`.
    static func newArtifactID() -> String {
        UUID().uuidString.lowercased()
    }

    /// Whether `text` is a lowercase UUID (safe to use as a file name).
    static func isArtifactID(_ text: String) -> Bool {
        guard let uuid = UUID(uuidString: text) else { return false }
        return uuid.uuidString.lowercased() == text
    }
}
