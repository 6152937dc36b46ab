import AssetInspection

/// An option that takes one value given twice with two values (`--type icon … --type banner`),
/// found before parsing: ArgumentParser keeps the last without a word, so that a call meant to
/// upload an icon and a banner uploaded two banners, and `history --merge a --merge b` merged `b`
/// alone. The same value twice is no problem.
enum RepeatedOption {
    /// The options that take one value, with what to do instead of repeating one where there is more to say.
    static let singular: [String: String?] = [
        "--type": "one imageType per call: upload the other images in a call of their own",
        "--merge": "one file per call: merge the other in a second call",
        "--since": nil, "--kind": nil, "--history": nil, "--base-url": nil, "--timeout": nil, "--email": nil,
        "--max-uploads": nil, "--host": nil, "--port": nil, "--data-dir": nil, "--max-upload-size": nil, "--max-image-size": nil,
    ]

    /// Short names of options in `singular`.
    static let shortNames = ["-t": "--type"]

    /// The one-line error for the first option of `singular` given with two values, or `nil`.
    static func problem(in arguments: [String]) -> String? {
        var first: [String: String] = [:]
        for (name, value) in GivenOptions.values(of: Set(singular.keys), aliases: shortNames, in: arguments) {
            guard let earlier = first[name] else {
                first[name] = value
                continue
            }
            guard earlier != value else { continue }
            let shown = [earlier, value].map { "'\(SafeText.oneLine($0, maxLength: 40))'" }.joined(separator: " and ")
            return "\(name) is given more than once, as \(shown), but takes one value" + ((singular[name] ?? nil).map { " (\($0))" } ?? ": give it once")
        }
        return nil
    }
}
